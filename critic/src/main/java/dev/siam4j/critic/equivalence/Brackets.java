package dev.siam4j.critic.equivalence;

import java.util.ArrayList;
import java.util.List;

/**
 * The one scanner of bracket depth ({@code ( [ {}) that every top-level split and search of the
 * rules goes through. Stateless.
 */
final class Brackets {

  /** Recognises a separator at a position of the text. */
  @FunctionalInterface
  interface Separator {
    /**
     * @param s the text
     * @param i a position at bracket depth 0 that is not itself a bracket
     * @return the separator's length at {@code i}, or 0 when none starts there
     */
    int at(String s, int i);
  }

  private Brackets() {}

  static boolean opens(char c) {
    return c == '(' || c == '[' || c == '{';
  }

  static boolean closes(char c) {
    return c == ')' || c == ']' || c == '}';
  }

  /**
   * Splits {@code s} at every separator found outside brackets.
   *
   * @return the parts, stripped; one part when no separator occurs at top level
   */
  static List<String> split(String s, Separator separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (opens(c)) {
        depth++;
      } else if (closes(c)) {
        depth--;
      } else if (depth == 0) {
        int length = separator.at(s, i);
        if (length > 0) {
          parts.add(s.substring(start, i).strip());
          start = i + length;
          i += length - 1;
        }
      }
    }
    parts.add(s.substring(start).strip());
    return parts;
  }

  /** Splits on one character outside brackets. */
  static List<String> split(String s, char separator) {
    return split(s, (t, i) -> t.charAt(i) == separator ? 1 : 0);
  }

  /** @return the first position outside brackets where {@code separator} matches, or -1 */
  static int first(String s, Separator separator) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (opens(c)) {
        depth++;
      } else if (closes(c)) {
        depth--;
      } else if (depth == 0 && separator.at(s, i) > 0) {
        return i;
      }
    }
    return -1;
  }

  /** @return the bracket depth just before position {@code at} */
  static int depthAt(String s, int at) {
    int depth = 0;
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (opens(c)) {
        depth++;
      } else if (closes(c)) {
        depth--;
      }
    }
    return depth;
  }

  /** @return whether the bracket at 0 closes at the last character */
  static boolean wrapped(String s) {
    if (s.length() < 2 || !opens(s.charAt(0)) || !closes(s.charAt(s.length() - 1))) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (opens(ch)) {
        depth++;
      } else if (closes(ch)) {
        depth--;
        if (depth == 0 && i < s.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }
}
