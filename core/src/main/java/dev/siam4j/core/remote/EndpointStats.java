package dev.siam4j.core.remote;

import java.util.Objects;
import java.util.Optional;

/**
 * What one endpoint of an {@link EndpointPool} has done so far.
 *
 * @param endpoint the endpoint
 * @param succeeded attempts that succeeded
 * @param failed attempts that failed with a retriable failure
 * @param inFlight attempts running now
 * @param down whether the endpoint is marked down now
 * @param lastFailure the last retriable failure, if any
 */
public record EndpointStats(
    Endpoint endpoint, long succeeded, long failed, int inFlight, boolean down, Optional<String> lastFailure) {

  /**
   * Validates.
   *
   * @param endpoint the endpoint, not null
   * @param succeeded successful attempts
   * @param failed attempts that failed with a retriable failure
   * @param inFlight attempts running now
   * @param down whether the endpoint is marked down
   * @param lastFailure the last retriable failure's message or empty, not null
   */
  public EndpointStats {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }
}
