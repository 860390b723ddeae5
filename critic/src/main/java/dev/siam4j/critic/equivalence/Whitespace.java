package dev.siam4j.critic.equivalence;

/** The one whitespace normaliser of the rules and the cache. Stateless. */
final class Whitespace {
  private Whitespace() {}

  /**
   * Strips {@code s} and collapses each run of whitespace to one space.
   *
   * @return the normalised text; {@code s} itself when there is nothing to do
   */
  static String collapse(String s) {
    int n = s.length();
    boolean clean = n == 0 || !Character.isWhitespace(s.charAt(0)) && !Character.isWhitespace(s.charAt(n - 1));
    for (int i = 1; clean && i < n; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) && (c != ' ' || s.charAt(i - 1) == ' ')) {
        clean = false;
      }
    }
    if (clean) {
      return s;
    }
    StringBuilder b = new StringBuilder(n);
    boolean space = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }
}
