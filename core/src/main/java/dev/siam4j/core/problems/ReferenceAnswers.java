package dev.siam4j.core.problems;

import java.util.Objects;
import java.util.Optional;

/**
 * Reads the reference answer out of a worked solution, as the public data sets write it.
 * Thread-safe.
 */
public final class ReferenceAnswers {
  private ReferenceAnswers() {}

  /**
   * The GSM8K form: the text after the last {@code ####}, stripped, kept as written ({@code 1,000}
   * stays {@code 1,000}).
   *
   * @param solution a GSM8K answer, such as {@code "... 9 * 2 = 18\n#### 18"}
   * @return the answer, or empty when there is no {@code ####} or nothing follows it
   */
  public static Optional<String> afterHashes(String solution) {
    Objects.requireNonNull(solution, "solution");
    int at = solution.lastIndexOf("####");
    if (at < 0) {
      return Optional.empty();
    }
    String answer = solution.substring(at + 4).strip();
    return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
  }

  /**
   * The MATH form: the content of the last {@code \boxed{...}} or {@code \fbox{...}}, braces
   * matched (nested groups kept, escaped braces {@code \{ \}} not counted), or of the last
   * brace-less {@code \boxed 5}. An unclosed or empty box is passed over.
   *
   * @param latex a solution in LaTeX
   * @return the boxed answer, stripped, or empty when there is none
   */
  public static Optional<String> lastBoxed(String latex) {
    Objects.requireNonNull(latex, "latex");
    String found = null;
    int from = 0;
    while (true) {
      int boxed = latex.indexOf("\\boxed", from);
      int fbox = latex.indexOf("\\fbox", from);
      int at;
      int len;
      if (boxed < 0 && fbox < 0) {
        break;
      } else if (fbox < 0 || (boxed >= 0 && boxed < fbox)) {
        at = boxed;
        len = "\\boxed".length();
      } else {
        at = fbox;
        len = "\\fbox".length();
      }
      from = at + len;
      String content = boxContent(latex, from);
      if (content != null && !content.isBlank()) {
        found = content.strip();
      }
    }
    return Optional.ofNullable(found);
  }

  /** @return the argument of a box command whose name ends before {@code start}, or null */
  private static String boxContent(String s, int start) {
    if (start < s.length() && Character.isLetter(s.charAt(start))) {
      return null; // another command, such as \boxedfoo
    }
    int i = start;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    if (i >= s.length()) {
      return null;
    }
    if (s.charAt(i) != '{') {
      if (i == start) {
        return null; // neither a group nor a space-separated argument
      }
      int end = i;
      while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '$') {
        end++;
      }
      return s.substring(i, end);
    }
    int depth = 0;
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++; // an escaped character, such as \{ or \}, never opens or closes a group
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return s.substring(i + 1, j);
        }
      }
    }
    return null;
  }
}
