package dev.siam4j.core.remote;

import java.io.IOException;

/**
 * One attempt of a call on one endpoint, run by {@link EndpointPool#call}.
 *
 * <p>An {@link IOException} (connection refused or reset, an HTTP timeout) is retriable: the pool
 * tries another endpoint. A reply that is a failure is reported by throwing an
 * {@link EndpointFailure}, retriable or not ({@link EndpointFailure#httpStatus}). Any other
 * exception ends the call at once.
 *
 * @param <T> what a successful attempt returns
 */
@FunctionalInterface
public interface RemoteCall<T> {

  /**
   * @param endpoint the endpoint to call
   * @return the result
   * @throws IOException when the endpoint cannot be reached or does not answer in time
   * @throws InterruptedException when the calling thread is interrupted
   * @throws EndpointFailure when the endpoint answers with a failure
   */
  T call(Endpoint endpoint) throws IOException, InterruptedException;
}
