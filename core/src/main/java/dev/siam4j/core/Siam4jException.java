package dev.siam4j.core;

/**
 * The root of every exception siam4j throws. Unchecked; subtypes name the stage that failed.
 *
 * <p>{@link #isRetriable()} says whether repeating the same call may succeed (a remote server busy,
 * a sandbox worker that died), as opposed to a fault of the input or the configuration.
 */
public class Siam4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Whether repeating the failed call may succeed. */
  private final boolean retriable;

  /**
   * @param message what went wrong, naming the file, line, field or component involved
   */
  public Siam4jException(String message) {
    this(message, null, false);
  }

  /**
   * @param message what went wrong
   * @param cause the underlying failure, possibly {@code null}
   */
  public Siam4jException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * @param message what went wrong
   * @param cause the underlying failure, possibly {@code null}
   * @param retriable whether the same call may succeed if repeated
   */
  public Siam4jException(String message, Throwable cause, boolean retriable) {
    super(message, cause);
    this.retriable = retriable;
  }

  /** @return whether repeating the failed call may succeed */
  public boolean isRetriable() {
    return retriable;
  }
}
