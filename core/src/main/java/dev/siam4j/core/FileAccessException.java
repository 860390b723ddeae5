package dev.siam4j.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file could not be read or written (missing, unreadable, disk full, an I/O error): siam4j's
 * wrapper for {@link java.io.IOException}, naming the file. A file that is read but holds bad data
 * is an {@link InvalidInputException} instead.
 */
public class FileAccessException extends Siam4jException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /**
   * @param file the file that could not be read or written
   * @param message what went wrong, starting with the file
   * @param cause the I/O failure, possibly {@code null}
   */
  public FileAccessException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** @return the file that could not be read or written */
  public Path file() {
    return file;
  }
}
