package dev.siam4j.core.remote;

import dev.siam4j.core.Siam4jException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads calls over the replicas of one remote service, and survives replicas failing.
 *
 * <ul>
 *   <li><b>Balancing</b>: a call goes to the live endpoint with the fewest calls outstanding
 *       (ties in turn); an endpoint never has more than its {@link Endpoint#maxInFlight()} calls at
 *       once, and a call waits while every live endpoint is full.
 *   <li><b>Retry</b>: a retriable failure (an {@link IOException}: connection refused or reset, a
 *       timeout; or a retriable {@link EndpointFailure}: HTTP 408, 429, 5xx) is retried on another
 *       endpoint where one is live, after a back-off that doubles with each retry of the call.
 *   <li><b>Failover</b>: {@link RemotePolicy#failuresBeforeDown()} failures in a row mark an
 *       endpoint down; it gets no calls until, after {@link RemotePolicy#probeInterval()}, one call
 *       probes it: success brings it back, failure rests it twice as long.
 *   <li><b>Failure</b>: a call fails with {@link EndpointsUnavailableException}, naming every
 *       endpoint and its last failure, only when every endpoint is down and no probe is due within
 *       {@link RemotePolicy#maxBackoff()} (a call waits for a probe due that soon, so replicas that
 *       all refuse for a moment do not fail it), or when the policy's attempt limit is reached. A
 *       non-retriable failure ends the call at once and is thrown as is; it does not count against
 *       the endpoint, which did answer.
 * </ul>
 *
 * <pre>{@code
 * EndpointPool pool = EndpointPool.of("model server",
 *     List.of(Endpoint.of("http://gpu-1:8000/v1", 64), Endpoint.of("http://gpu-2:8000/v1", 64)),
 *     RemotePolicy.DEFAULT);
 * String reply = pool.call(endpoint -> post(endpoint.resolve("chat/completions"), body));
 * }</pre>
 *
 * <p>Thread-safe; holds no threads or connections, so there is nothing to close.
 */
public final class EndpointPool implements Capacity {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointPool.class);

  private final String service;
  private final RemotePolicy policy;
  private final List<State> states;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int turn;

  private EndpointPool(String service, List<Endpoint> endpoints, RemotePolicy policy) {
    this.service = service;
    this.policy = policy;
    List<State> s = new ArrayList<>();
    int c = 0;
    for (Endpoint e : endpoints) {
      s.add(new State(e));
      c = (int) Math.min(Integer.MAX_VALUE, (long) c + e.maxInFlight());
    }
    this.states = List.copyOf(s);
    this.capacity = c;
  }

  /**
   * @param service what the endpoints serve, for messages ("model server", "sandbox")
   * @param endpoints the replicas, at least one, no base URI twice
   * @param policy retry and failover settings
   * @return the pool
   * @throws IllegalArgumentException when there is no endpoint or a base URI appears twice
   */
  public static EndpointPool of(String service, List<Endpoint> endpoints, RemotePolicy policy) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(policy, "policy");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a " + service + " pool needs at least one endpoint");
    }
    Set<String> seen = new HashSet<>();
    for (Endpoint e : endpoints) {
      Objects.requireNonNull(e, "endpoint");
      if (!seen.add(e.baseUri().toString())) {
        throw new IllegalArgumentException("endpoint " + e.baseUri() + " is listed twice");
      }
    }
    return new EndpointPool(service, List.copyOf(endpoints), policy);
  }

  /** @return the endpoints, in the order given */
  public List<Endpoint> endpoints() {
    return states.stream().map(s -> s.endpoint).toList();
  }

  /** @return the policy */
  public RemotePolicy policy() {
    return policy;
  }

  /** @return the sum of the endpoints' in-flight limits */
  @Override
  public int capacity() {
    return capacity;
  }

  /** @return each endpoint's counts and state now, in the order given */
  public List<EndpointStats> stats() {
    lock.lock();
    try {
      return states.stream()
          .map(s -> new EndpointStats(
              s.endpoint, s.succeeded, s.failed, s.inFlight, s.down, Optional.ofNullable(s.lastFailure)))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code call} on an endpoint, retrying and failing over as the class describes.
   *
   * @param call one attempt on one endpoint
   * @param <T> the result type
   * @return the first successful attempt's result
   * @throws EndpointsUnavailableException when every endpoint is down or the attempts ran out
   * @throws EndpointFailure when an endpoint answers with a non-retriable failure
   * @throws Siam4jException when the thread is interrupted (its interrupt flag is set again)
   * @throws RuntimeException whatever else {@code call} throws, unchanged
   */
  public <T> T call(RemoteCall<T> call) {
    Objects.requireNonNull(call, "call");
    long backoff = policy.initialBackoff().toNanos();
    State avoid = null;
    Throwable last = null;
    for (int attempt = 1; ; attempt++) {
      State s = acquire(avoid, last);
      String failure;
      try {
        T result = call.call(s.endpoint);
        release(s, null, true);
        return result;
      } catch (IOException e) {
        failure = describe(e);
        last = e;
      } catch (EndpointFailure e) {
        if (!e.isRetriable()) {
          release(s, null, false); // the endpoint answered: it is alive
          throw e;
        }
        failure = e.getMessage();
        last = e;
      } catch (InterruptedException e) {
        abandon(s);
        Thread.currentThread().interrupt();
        throw new Siam4jException("interrupted while calling " + service + " " + s.endpoint.baseUri(), e);
      } catch (RuntimeException | Error e) {
        abandon(s);
        throw e;
      }
      release(s, failure, false);
      if (policy.maxAttempts() > 0 && attempt >= policy.maxAttempts()) {
        throw new EndpointsUnavailableException(
            service + ": gave up after " + attempt + " attempts; " + summary(), last);
      }
      LOG.debug("{} {} failed (attempt {}), retrying: {}", service, s.endpoint.baseUri(), attempt, failure);
      avoid = s;
      sleepNanos(backoff);
      backoff = Math.min(Math.max(1, backoff * 2), policy.maxBackoff().toNanos());
    }
  }

  private State acquire(State avoid, Throwable last) {
    lock.lock();
    try {
      while (true) {
        long now = System.nanoTime();
        State best = null;
        State probe = null;
        boolean waitable = false;
        long nextProbe = Long.MAX_VALUE;
        int n = states.size();
        for (int i = 0; i < n; i++) {
          State s = states.get((turn + i) % n);
          if (s.down) {
            if (s.probing) {
              waitable = true;
            } else if (now - s.probeAt >= 0) {
              if (probe == null) {
                probe = s;
              }
            } else {
              nextProbe = Math.min(nextProbe, s.probeAt - now);
            }
            continue;
          }
          waitable = true;
          if (s.inFlight >= s.endpoint.maxInFlight()) {
            continue;
          }
          if (best == null || better(s, best, avoid)) {
            best = s;
          }
        }
        if (probe != null && probe != avoid) {
          return startProbe(probe);
        }
        if (best != null) {
          best.inFlight++;
          turn = (turn + 1) % n;
          return best;
        }
        if (probe != null) {
          return startProbe(probe); // only the endpoint this call just left is due: the back-off is over
        }
        if (!waitable && nextProbe > policy.maxBackoff().toNanos()) {
          throw new EndpointsUnavailableException(
              service + ": every endpoint is down; " + summary(), last);
        }
        try {
          if (nextProbe == Long.MAX_VALUE) {
            changed.await();
          } else {
            changed.awaitNanos(nextProbe);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Siam4jException("interrupted while waiting for a " + service + " endpoint", e);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private State startProbe(State s) {
    s.probing = true;
    s.inFlight++;
    LOG.info("{} {} is down; probing it", service, s.endpoint.baseUri());
    return s;
  }

  private static boolean better(State s, State best, State avoid) {
    if ((s == avoid) != (best == avoid)) {
      return best == avoid;
    }
    return s.inFlight < best.inFlight;
  }

  private void release(State s, String failure, boolean succeeded) {
    lock.lock();
    try {
      s.inFlight--;
      boolean wasProbe = s.probing;
      s.probing = false;
      if (failure == null) {
        if (succeeded) {
          s.succeeded++;
        }
        s.consecutiveFailures = 0;
        if (s.down) {
          s.down = false;
          s.probeFailures = 0;
          LOG.info("{} {} is back up", service, s.endpoint.baseUri());
        }
      } else {
        s.failed++;
        s.consecutiveFailures++;
        s.lastFailure = failure;
        long now = System.nanoTime();
        if (wasProbe) {
          s.probeFailures = Math.min(s.probeFailures + 1, 16);
          s.probeAt = now + (policy.probeInterval().toNanos() << s.probeFailures);
        } else if (!s.down && s.consecutiveFailures >= policy.failuresBeforeDown()) {
          s.down = true;
          s.probeFailures = 0;
          s.probeAt = now + policy.probeInterval().toNanos();
          LOG.warn("{} {} marked down after {} failures in a row; last: {}",
              service, s.endpoint.baseUri(), s.consecutiveFailures, failure);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void abandon(State s) {
    lock.lock();
    try {
      s.inFlight--;
      s.probing = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private String summary() {
    lock.lock();
    try {
      StringBuilder b = new StringBuilder();
      for (State s : states) {
        if (b.length() > 0) {
          b.append("; ");
        }
        b.append(s.endpoint.baseUri()).append(s.down ? " is down" : " is up")
            .append(" (").append(s.consecutiveFailures).append(" failures in a row")
            .append(s.lastFailure == null ? "" : ", last: " + s.lastFailure).append(')');
      }
      return b.toString();
    } finally {
      lock.unlock();
    }
  }

  private static String describe(IOException e) {
    String kind = e instanceof ConnectException ? "connection refused"
        : e instanceof HttpTimeoutException ? "timed out"
        : e.getClass().getSimpleName();
    return e.getMessage() == null || e.getMessage().isBlank() ? kind : kind + ": " + e.getMessage();
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Siam4jException("interrupted while backing off", e);
    }
  }

  /** Mutable state of one endpoint, guarded by the pool's lock. */
  private static final class State {
    final Endpoint endpoint;
    int inFlight;
    long succeeded;
    long failed;
    int consecutiveFailures;
    boolean down;
    boolean probing;
    int probeFailures;
    long probeAt;
    String lastFailure;

    State(Endpoint endpoint) {
      this.endpoint = endpoint;
    }
  }
}
