package dev.siam4j.core.remote;

import dev.siam4j.core.Siam4jException;
import java.util.Objects;

/**
 * A remote endpoint answered a call with a failure. Thrown by a {@link RemoteCall}; a retriable one
 * makes the {@link EndpointPool} try another endpoint, any other ends the call.
 */
public final class EndpointFailure extends Siam4jException {
  private static final long serialVersionUID = 1L;
  /** The HTTP status, or 0 when the failure is not one. */
  private final int status;

  private EndpointFailure(String message, int status, boolean retriable) {
    super(message, null, retriable);
    this.status = status;
  }

  /**
   * A failure from an HTTP status: 408, 429 and every 5xx are retriable, the rest are not.
   *
   * @param status the HTTP status
   * @param body the reply's body, shortened in the message
   * @return the failure
   */
  public static EndpointFailure httpStatus(int status, String body) {
    Objects.requireNonNull(body, "body");
    boolean retriable = status == 408 || status == 429 || status >= 500;
    String b = body.strip();
    if (b.length() > 300) {
      b = b.substring(0, 300) + "...";
    }
    return new EndpointFailure("HTTP " + status + (b.isEmpty() ? "" : ": " + b), status, retriable);
  }

  /**
   * @param message what the endpoint answered
   * @param retriable whether another attempt, here or elsewhere, may succeed
   * @return a failure that is not an HTTP status
   */
  public static EndpointFailure of(String message, boolean retriable) {
    return new EndpointFailure(Objects.requireNonNull(message, "message"), 0, retriable);
  }

  /** @return the HTTP status, or 0 when the failure is not one */
  public int status() {
    return status;
  }
}
