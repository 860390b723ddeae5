package dev.siam4j.core;

/** A failure in building training data (a {@link PreferenceBuilder}). */
public class DataBuildingFailedException extends Siam4jException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, with context */
  public DataBuildingFailedException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure
   */
  public DataBuildingFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what went wrong, with context
   * @param cause the underlying failure, possibly {@code null}
   * @param retriable whether the same call may succeed if repeated
   */
  public DataBuildingFailedException(String message, Throwable cause, boolean retriable) {
    super(message, cause, retriable);
  }
}
