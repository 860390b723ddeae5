package dev.siam4j.core.extraction;

/**
 * Reads a program's answer from its standard output. The default, {@link #lastNonEmptyLine()},
 * takes the last line that is not blank.
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
}
