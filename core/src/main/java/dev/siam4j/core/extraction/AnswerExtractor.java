package dev.siam4j.core.extraction;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads a program's answer from its standard output. The default, {@link #lastNonEmptyLine()},
 * takes the last line that is not blank; {@link #wholeOutput()} and {@link #regex(Pattern)} are the
 * alternatives. The standard ones are stateless and thread-safe.
 */
@FunctionalInterface
public interface AnswerExtractor {

  /**
   * @param stdout what the program printed
   * @return its answer, empty when it printed none
   */
  String extract(String stdout);

  /** @return the default: the last non-blank line of stdout, stripped */
  static AnswerExtractor lastNonEmptyLine() {
    return stdout -> {
      int end = stdout.length();
      while (end > 0) {
        int start = stdout.lastIndexOf('\n', end - 1) + 1;
        String line = stdout.substring(start, end).strip();
        if (!line.isEmpty()) {
          return line;
        }
        end = start - 1;
      }
      return "";
    };
  }

  /** @return the whole of stdout, stripped of surrounding white space (for multi-line answers) */
  static AnswerExtractor wholeOutput() {
    return WholeOutput.INSTANCE;
  }

  /**
   * The last match of {@code pattern} in stdout: its group named {@code answer} if it has one,
   * else its first group if it has groups, else the whole match; stripped. Empty when nothing
   * matches. For example {@code regex(Pattern.compile("(?m)^Answer:\\s*(.+)$"))}.
   *
   * @param pattern the pattern
   * @return the extractor
   */
  static AnswerExtractor regex(Pattern pattern) {
    return new RegexAnswer(Objects.requireNonNull(pattern, "pattern"));
  }

  /**
   * @param regex a regular expression, as for {@link #regex(Pattern)}
   * @return the extractor
   * @throws java.util.regex.PatternSyntaxException when {@code regex} is not one
   */
  static AnswerExtractor regex(String regex) {
    return regex(Pattern.compile(Objects.requireNonNull(regex, "regex")));
  }
}
