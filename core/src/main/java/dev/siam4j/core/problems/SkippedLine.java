package dev.siam4j.core.problems;

import dev.siam4j.core.internal.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A line that a reader with {@link OnBadLine#SKIP} left out.
 *
 * @param file the file
 * @param line the 1-based line number
 * @param reason why, for example {@code field 'answer' is missing}
 */
public record SkippedLine(Path file, long line, String reason) {

  /**
   * Validates.
   *
   * @param file the file, not null
   * @param line the 1-based line number, not negative
   * @param reason why, not blank
   */
  public SkippedLine {
    Objects.requireNonNull(file, "file");
    Checks.nonNegative(line, "line");
    Checks.nonBlank(reason, "reason");
  }

  /** @return {@code file:line: reason} */
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
