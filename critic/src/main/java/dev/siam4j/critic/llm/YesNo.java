package dev.siam4j.critic.llm;

import java.util.Locale;
import java.util.Optional;

/** Reads a YES or NO from the first words a model wrote. Stateless. */
final class YesNo {
  private YesNo() {}

  /** @return YES as true, NO as false, empty when the text starts with neither */
  static Optional<Boolean> parse(String text) {
    String t = text.strip();
    int i = 0;
    while (i < t.length() && !Character.isLetterOrDigit(t.charAt(i)) && !isCjk(t.charAt(i))) {
      i++;
    }
    t = t.substring(i);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    char c = t.charAt(0);
    if (c == '是' || c == '对') {
      return Optional.of(true);
    }
    if (c == '否' || c == '错' || c == '不') {
      return Optional.of(false);
    }
    int end = 0;
    while (end < t.length() && Character.isLetter(t.charAt(end)) && t.charAt(end) < 128) {
      end++;
    }
    String word = t.substring(0, end).toUpperCase(Locale.ROOT);
    switch (word) {
      case "YES":
      case "Y":
      case "YE":
      case "TRUE":
      case "CORRECT":
        return Optional.of(true);
      case "NO":
      case "N":
      case "FALSE":
      case "INCORRECT":
      case "WRONG":
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }

  private static boolean isCjk(char c) {
    return c >= '\u3400' && c <= '\u9fff';
  }
}
