package dev.siam4j.core.problems;

import dev.siam4j.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a problem file that cannot be used. The message reads {@code file:line: reason}, for
 * example {@code data.jsonl:7: field 'answer' is missing}.
 */
public final class BadLineException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final String reason;

  /**
   * @param file the file
   * @param line the 1-based line number
   * @param reason what is wrong with the line, without file and line
   * @param cause the underlying failure, possibly {@code null}
   */
  public BadLineException(Path file, long line, String reason, Throwable cause) {
    super(Objects.requireNonNull(file, "file") + ":" + line + ": "
        + Objects.requireNonNull(reason, "reason"), cause);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  /** @return the file */
  public Path file() {
    return file;
  }

  /** @return the 1-based line number */
  public long line() {
    return line;
  }

  /** @return what is wrong with the line, without file and line */
  public String reason() {
    return reason;
  }
}
