package dev.siam4j.core.remote;

import dev.siam4j.core.Siam4jException;

/**
 * Every endpoint of an {@link EndpointPool} is down, or a call used up its attempts. The message
 * names each endpoint and its last failure. Retriable: the endpoints may come back.
 */
public final class EndpointsUnavailableException extends Siam4jException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which endpoints failed and how
   * @param cause the last failure, possibly {@code null}
   */
  public EndpointsUnavailableException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
