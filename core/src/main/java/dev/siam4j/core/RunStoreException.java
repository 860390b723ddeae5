package dev.siam4j.core;

/** A failure in the run store (reading or writing a run folder). */
public class RunStoreException extends Siam4jException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, with context */
  public RunStoreException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure
   */
  public RunStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure, possibly {@code null}
   * @param retriable whether the same call may succeed if repeated
   */
  public RunStoreException(String message, Throwable cause, boolean retriable) {
    super(message, cause, retriable);
  }
}
