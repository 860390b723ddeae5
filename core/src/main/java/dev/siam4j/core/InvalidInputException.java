package dev.siam4j.core;

/** A failure in reading input data (a file, line or field that cannot be used). */
public class InvalidInputException extends Siam4jException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, with context */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure, possibly {@code null}
   * @param retriable whether the same call may succeed if repeated
   */
  public InvalidInputException(String message, Throwable cause, boolean retriable) {
    super(message, cause, retriable);
  }
}
