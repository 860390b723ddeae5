package dev.siam4j.core;

/** A failure in code execution (a CodeExecutor's own fault, never the program's). */
public class ExecutionFailedException extends Siam4jException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, with context */
  public ExecutionFailedException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure
   */
  public ExecutionFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure, possibly {@code null}
   * @param retriable whether the same call may succeed if repeated
   */
  public ExecutionFailedException(String message, Throwable cause, boolean retriable) {
    super(message, cause, retriable);
  }
}
