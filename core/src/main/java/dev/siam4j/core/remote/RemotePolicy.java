package dev.siam4j.core.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EndpointPool} retries and fails over.
 *
 * @param failuresBeforeDown consecutive retriable failures after which an endpoint is marked down,
 *     positive
 * @param probeInterval how long a down endpoint rests before one call probes it; doubled after each
 *     failed probe up to 16 times, positive
 * @param initialBackoff the wait before a call's first retry, doubled for each further retry, not
 *     negative
 * @param maxBackoff the longest wait between a call's retries, at least {@code initialBackoff}
 * @param maxAttempts the most attempts of one call, or 0 to retry until every endpoint is down
 */
public record RemotePolicy(
    int failuresBeforeDown, Duration probeInterval, Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

  /**
   * Three failures in a row mark an endpoint down, probed again after 2 s; retries wait 100 ms,
   * doubling up to 5 s; a call is retried until every endpoint is down.
   */
  public static final RemotePolicy DEFAULT =
      new RemotePolicy(3, Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(5), 0);

  /**
   * Validates.
   *
   * @param failuresBeforeDown failures in a row that mark an endpoint down, positive
   * @param probeInterval the first rest of a down endpoint, positive
   * @param initialBackoff the first retry's wait, not negative
   * @param maxBackoff the longest retry wait, at least {@code initialBackoff}
   * @param maxAttempts attempts per call, not negative; 0 for no limit
   * @throws IllegalArgumentException when a value is out of range
   */
  public RemotePolicy {
    if (failuresBeforeDown <= 0) {
      throw new IllegalArgumentException("failuresBeforeDown must be positive, was " + failuresBeforeDown);
    }
    Objects.requireNonNull(probeInterval, "probeInterval");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (probeInterval.isNegative() || probeInterval.isZero()) {
      throw new IllegalArgumentException("probeInterval must be positive, was " + probeInterval);
    }
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be at least initialBackoff (" + initialBackoff + "), was " + maxBackoff);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative, was " + maxAttempts);
    }
  }

  /**
   * @param value failures in a row, positive
   * @return a copy that marks an endpoint down after {@code value} failures in a row
   */
  public RemotePolicy withFailuresBeforeDown(int value) {
    return new RemotePolicy(value, probeInterval, initialBackoff, maxBackoff, maxAttempts);
  }

  /**
   * @param value the first rest of a down endpoint, positive
   * @return a copy that probes a down endpoint after {@code value}
   */
  public RemotePolicy withProbeInterval(Duration value) {
    return new RemotePolicy(failuresBeforeDown, value, initialBackoff, maxBackoff, maxAttempts);
  }

  /**
   * @param initial the first retry's wait, not negative
   * @param max the longest wait, at least {@code initial}
   * @return a copy whose retries wait {@code initial}, doubling up to {@code max}
   */
  public RemotePolicy withBackoff(Duration initial, Duration max) {
    return new RemotePolicy(failuresBeforeDown, probeInterval, initial, max, maxAttempts);
  }

  /**
   * @param value attempts per call, not negative
   * @return a copy that gives a call at most {@code value} attempts (0: until every endpoint is down)
   */
  public RemotePolicy withMaxAttempts(int value) {
    return new RemotePolicy(failuresBeforeDown, probeInterval, initialBackoff, maxBackoff, value);
  }
}
