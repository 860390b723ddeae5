package dev.siam4j.core.problems;

import dev.siam4j.core.jsonl.JsonlReader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a problem file that cannot be used. The message reads {@code file:line: reason}, for
 * example {@code data.jsonl:7: field 'answer' is missing}; {@link #file()}, {@link #line()} and
 * {@link #reason()} give the parts.
 */
public final class BadLineException extends JsonlReader.LineException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the file
   * @param line the 1-based line number
   * @param reason what is wrong with the line, without file and line
   * @param cause the underlying failure, possibly {@code null}
   */
  public BadLineException(Path file, long line, String reason, Throwable cause) {
    super(Objects.requireNonNull(file, "file"), line, Objects.requireNonNull(reason, "reason"), cause);
  }
}
