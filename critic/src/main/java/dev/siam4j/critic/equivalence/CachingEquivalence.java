package dev.siam4j.critic.equivalence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Caches another equivalence's comparisons, keyed by whitespace-normalised reference and output. */
final class CachingEquivalence implements AnswerEquivalence {
  private record Key(String reference, String prediction) {}

  private final AnswerEquivalence delegate;
  private final Cache<Key, Comparison> cache;

  CachingEquivalence(AnswerEquivalence delegate, long maximumSize) {
    this.delegate = delegate;
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  @Override
  public Comparison compare(String reference, String prediction) {
    java.util.Objects.requireNonNull(reference, "reference");
    java.util.Objects.requireNonNull(prediction, "prediction");
    Key key = new Key(normalise(reference), normalise(prediction));
    Comparison hit = cache.getIfPresent(key);
    if (hit != null) {
      return hit;
    }
    Comparison c = delegate.compare(reference, prediction);
    cache.put(key, c);
    return c;
  }

  /** Strips and collapses runs of whitespace; returns the same string when there is nothing to do. */
  static String normalise(String s) {
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

  @Override
  public String toString() {
    return "cached(" + delegate + ")";
  }
}
