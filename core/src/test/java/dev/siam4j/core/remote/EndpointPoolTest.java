package dev.siam4j.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The balancing, retry and failover rules of {@link EndpointPool}, on scripted attempts. */
final class EndpointPoolTest {
  private static final Endpoint A = Endpoint.of("http://127.0.0.1:1/a", 2);
  private static final Endpoint B = Endpoint.of("http://127.0.0.1:2/b", 1);
  private static final RemotePolicy FAST =
      RemotePolicy.DEFAULT.withBackoff(Duration.ZERO, Duration.ZERO).withProbeInterval(Duration.ofMillis(1));

  @Test
  void capacityIsTheSumOfTheInFlightLimits() {
    assertThat(EndpointPool.of("test", List.of(A, B), FAST).capacity()).isEqualTo(3);
  }

  @Test
  void problemsInFlightAreTwiceThoseThatFillTheCapacity() {
    assertThat(Capacity.problemsInFlight(64, 5)).isEqualTo(26);
    assertThat(Capacity.problemsInFlight(10, 5)).isEqualTo(4);
    assertThat(Capacity.problemsInFlight(1, 5)).isEqualTo(2);
    assertThat(Capacity.capacityOf(EndpointPool.of("test", List.of(A, B), FAST))).hasValue(3);
    assertThat(Capacity.capacityOf("not a component")).isEmpty();
    assertThatThrownBy(() -> Capacity.problemsInFlight(0, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be positive, was 0");
  }

  @Test
  void callsGoToTheEndpointWithFewestOutstandingAndNeverPastItsLimit() throws Exception {
    EndpointPool pool = EndpointPool.of("test", List.of(A, B), FAST);
    CountDownLatch hold = new CountDownLatch(1);
    Map<URI, AtomicInteger> peak = new ConcurrentHashMap<>();
    Map<URI, AtomicInteger> now = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<URI>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(threads.submit(() -> pool.call(e -> {
        int n = now.computeIfAbsent(e.baseUri(), u -> new AtomicInteger()).incrementAndGet();
        peak.computeIfAbsent(e.baseUri(), u -> new AtomicInteger()).accumulateAndGet(n, Math::max);
        hold.await();
        now.get(e.baseUri()).decrementAndGet();
        return e.baseUri();
      })));
    }
    while (pool.stats().stream().mapToInt(EndpointStats::inFlight).sum() < 3) {
      Thread.sleep(1);
    }
    assertThat(pool.stats()).extracting(EndpointStats::inFlight).containsExactly(2, 1);
    hold.countDown();
    for (Future<URI> f : calls) {
      f.get(30, TimeUnit.SECONDS);
    }
    threads.shutdown();
    assertThat(peak.get(A.baseUri())).hasValue(2);
    assertThat(peak.get(B.baseUri())).hasValue(1);
    assertThat(pool.stats()).extracting(EndpointStats::succeeded).containsExactly(
        pool.stats().get(0).succeeded(), 6 - pool.stats().get(0).succeeded());
  }

  @Test
  void aRetriableFailureIsRetriedOnTheOtherEndpoint() {
    EndpointPool pool = EndpointPool.of("test", List.of(A, B), FAST);
    List<URI> tried = new ArrayList<>();
    String r = pool.call(e -> {
      tried.add(e.baseUri());
      if (tried.size() == 1) {
        throw new ConnectException("Connection refused");
      }
      return "ok from " + e.baseUri();
    });
    assertThat(tried).hasSize(2).doesNotHaveDuplicates();
    assertThat(r).isEqualTo("ok from " + tried.get(1));
  }

  @Test
  void http429And5xxAreRetriableAnd4xxAreNot() {
    assertThat(EndpointFailure.httpStatus(429, "").isRetriable()).isTrue();
    assertThat(EndpointFailure.httpStatus(503, "busy").isRetriable()).isTrue();
    assertThat(EndpointFailure.httpStatus(408, "").isRetriable()).isTrue();
    assertThat(EndpointFailure.httpStatus(400, "bad").isRetriable()).isFalse();
    assertThat(EndpointFailure.httpStatus(503, "busy")).hasMessage("HTTP 503: busy");
  }

  @Test
  void aNonRetriableFailureEndsTheCallAtOnceWithoutMarkingTheEndpoint() {
    EndpointPool pool = EndpointPool.of("test", List.of(A, B), FAST);
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> pool.call(e -> {
      attempts.incrementAndGet();
      throw EndpointFailure.httpStatus(400, "model not found");
    })).isInstanceOf(EndpointFailure.class).hasMessage("HTTP 400: model not found");
    assertThat(attempts).hasValue(1);
    assertThat(pool.stats()).extracting(EndpointStats::failed).containsExactly(0L, 0L);
    assertThat(pool.stats()).extracting(EndpointStats::succeeded).containsExactly(0L, 0L);
  }

  @Test
  void anEndpointIsMarkedDownAfterFailuresInARowAndTheOthersServe() {
    EndpointPool pool = EndpointPool.of("test", List.of(A, B), FAST.withProbeInterval(Duration.ofHours(1)));
    for (int i = 0; i < 10; i++) {
      pool.call(e -> {
        if (e.equals(A)) {
          throw EndpointFailure.httpStatus(503, "overloaded");
        }
        return "b";
      });
    }
    EndpointStats a = pool.stats().get(0);
    assertThat(a.down()).isTrue();
    assertThat(a.failed()).isEqualTo(3);
    assertThat(a.lastFailure()).hasValue("HTTP 503: overloaded");
    assertThat(pool.stats().get(1).succeeded()).isEqualTo(10);
  }

  @Test
  void whenEveryEndpointIsDownTheCallFailsNamingEach() {
    EndpointPool pool = EndpointPool.of("model server", List.of(A, B), FAST.withProbeInterval(Duration.ofHours(1)));
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> pool.call(e -> {
      attempts.incrementAndGet();
      throw new ConnectException();
    }))
        .isInstanceOf(EndpointsUnavailableException.class)
        .hasMessage("model server: every endpoint is down; "
            + "http://127.0.0.1:1/a is down (3 failures in a row, last: connection refused); "
            + "http://127.0.0.1:2/b is down (3 failures in a row, last: connection refused)");
    assertThat(attempts).hasValue(6);
  }

  @Test
  void whenEveryEndpointRefusesForAMomentTheCallWaitsForAProbeAndSucceeds() {
    RemotePolicy policy = FAST.withBackoff(Duration.ZERO, Duration.ofMillis(50)).withProbeInterval(Duration.ofMillis(5));
    EndpointPool pool = EndpointPool.of("sandbox", List.of(A, B), policy);
    Map<Endpoint, AtomicInteger> refusals = new ConcurrentHashMap<>(Map.of(A, new AtomicInteger(3), B, new AtomicInteger(3)));
    String answer = pool.call(e -> {
      if (refusals.get(e).getAndDecrement() > 0) {
        throw EndpointFailure.httpStatus(429, "busy");
      }
      return "served by " + e.baseUri();
    });
    assertThat(answer).startsWith("served by http://127.0.0.1:");
    assertThat(pool.stats()).extracting(EndpointStats::failed).containsExactly(3L, 3L);
    assertThat(pool.stats()).filteredOn(EndpointStats::down).hasSize(1);
  }

  @Test
  void whenEveryEndpointStaysDownTheCallFailsOnceTheNextProbeIsFurtherOffThanTheLongestBackoff() {
    RemotePolicy policy = FAST.withBackoff(Duration.ZERO, Duration.ofMillis(15)).withProbeInterval(Duration.ofMillis(5));
    EndpointPool pool = EndpointPool.of("sandbox", List.of(A), policy);
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> pool.call(e -> {
      attempts.incrementAndGet();
      throw new ConnectException();
    })).isInstanceOf(EndpointsUnavailableException.class)
        .hasMessage("sandbox: every endpoint is down; http://127.0.0.1:1/a is down (5 failures in a row, last: connection refused)");
    // three failures mark it down; probes then wait 5 ms and 10 ms; the next, 20 ms off, is past 15 ms
    assertThat(attempts).hasValue(5);
  }

  @Test
  void aDownEndpointIsProbedAndComesBackWhenItAnswers() {
    EndpointPool pool = EndpointPool.of("test", List.of(A, B), FAST);
    AtomicReference<Boolean> aBroken = new AtomicReference<>(true);
    for (int i = 0; i < 6; i++) {
      pool.call(e -> {
        if (e.equals(A) && aBroken.get()) {
          throw new ConnectException();
        }
        return e;
      });
    }
    assertThat(pool.stats().get(0).down()).isTrue();
    aBroken.set(false);
    long before = pool.stats().get(0).succeeded();
    for (int i = 0; i < 200 && pool.stats().get(0).down(); i++) {
      pool.call(e -> e);
      sleepMillis(1);
    }
    assertThat(pool.stats().get(0).down()).isFalse();
    assertThat(pool.stats().get(0).succeeded()).isGreaterThan(before);
  }

  @Test
  void theAttemptLimitEndsACallThatKeepsFailing() {
    EndpointPool pool = EndpointPool.of("sandbox", List.of(A), FAST.withMaxAttempts(2).withFailuresBeforeDown(10));
    assertThatThrownBy(() -> pool.call(e -> {
      throw EndpointFailure.httpStatus(502, "");
    }))
        .isInstanceOf(EndpointsUnavailableException.class)
        .hasMessage("sandbox: gave up after 2 attempts; http://127.0.0.1:1/a is up (2 failures in a row, last: HTTP 502)");
  }

  @Test
  void badConfigurationIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> EndpointPool.of("test", List.of(), FAST))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a test pool needs at least one endpoint");
    assertThatThrownBy(() -> EndpointPool.of("test", List.of(A, A), FAST))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoint http://127.0.0.1:1/a is listed twice");
    assertThatThrownBy(() -> Endpoint.of("ftp://x/", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("baseUri must be http or https, was ftp://x/");
    assertThatThrownBy(() -> Endpoint.of("http://x/", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxInFlight must be positive, was 0 for http://x/");
    assertThatThrownBy(() -> RemotePolicy.DEFAULT.withFailuresBeforeDown(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("failuresBeforeDown must be positive, was 0");
  }

  @Test
  void anEndpointsApiKeyNeverAppearsInItsText() {
    Endpoint e = Endpoint.of("http://127.0.0.1:9/v1", 4).withApiKey("sk-secret");
    assertThat(e.toString()).isEqualTo("http://127.0.0.1:9/v1 (max 4 in flight, with API key)");
    assertThat(e.resolve("chat/completions")).hasToString("http://127.0.0.1:9/v1/chat/completions");
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
