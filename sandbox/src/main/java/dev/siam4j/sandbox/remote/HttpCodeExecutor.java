package dev.siam4j.sandbox.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.extraction.AnswerExtractor;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.remote.Capacity;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.core.remote.EndpointFailure;
import dev.siam4j.core.remote.EndpointPool;
import dev.siam4j.core.remote.EndpointStats;
import dev.siam4j.core.remote.EndpointsUnavailableException;
import dev.siam4j.core.remote.RemotePolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CodeExecutor} that sends programs to a sandbox service speaking SandboxFusion's
 * {@code run_code} HTTP API, for scale-out: {@code POST {base}/run_code} with {@code code},
 * {@code language: "python"}, {@code run_timeout} (seconds) and {@code memory_limit_MB}; the reply's
 * {@code status} ({@code Success}, {@code Failed}, {@code SandboxError}) and {@code run_result}
 * ({@code status}: {@code Finished}, {@code TimeLimitExceeded}, ...; {@code return_code},
 * {@code stdout}, {@code stderr}, {@code execution_time}) become an {@link Execution}.
 *
 * <p>Several replicas of the service may be given ({@link Builder#baseUri} and
 * {@link Builder#endpoint}); an {@link EndpointPool} spreads the programs over them by fewest
 * outstanding requests within each replica's in-flight limit. Connection failures, timeouts, HTTP
 * 408, 429 and 5xx, and {@code SandboxError} replies are retried on another replica after a
 * back-off; a replica that keeps failing is set aside and probed back later. When every replica is
 * down (or the {@link Builder#retries} run out) the execution is {@link Outcome#SANDBOX_FAILURE},
 * naming each replica and its last failure. The service cannot report an output limit, so
 * {@code OUTPUT_LIMIT} never occurs; a {@code MemoryError} traceback is {@code MEMORY_LIMIT}.
 * {@link #executeAll} sends up to {@link #capacity()} requests at once.
 *
 * <pre>{@code
 * try (HttpCodeExecutor sandbox = HttpCodeExecutor.builder()
 *     .endpoint(Endpoint.of("http://sandbox-1:8080/", 32))
 *     .endpoint(Endpoint.of("http://sandbox-2:8080/", 32))
 *     .build()) {
 *   List<Execution> runs = sandbox.executeAll(programs);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Owns a thread pool: the creator closes it.
 */
public final class HttpCodeExecutor implements CodeExecutor, Capacity, AutoCloseable {
  private final EndpointPool pool;
  private final Duration runTimeout;
  private final int memoryLimitMb;
  private final Duration requestTimeout;
  private final AnswerExtractor extractor;
  private final HttpClient client;
  private final ExecutorService batch;

  private HttpCodeExecutor(Builder b) {
    this.pool = EndpointPool.of("sandbox", b.endpoints(), b.policy());
    this.runTimeout = b.runTimeout;
    this.memoryLimitMb = b.memoryLimitMb;
    this.requestTimeout = b.requestTimeout != null ? b.requestTimeout : b.runTimeout.plusSeconds(30);
    this.extractor = b.extractor;
    this.client = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    AtomicInteger n = new AtomicInteger();
    this.batch = Executors.newFixedThreadPool(Math.min(pool.capacity(), 4096), r -> {
      Thread t = new Thread(r, "siam4j-http-executor-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** @return a builder; at least one {@link Builder#baseUri(URI)} or {@link Builder#endpoint} is required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the URI programs are posted to on the first replica */
  public URI endpoint() {
    return pool.endpoints().get(0).resolve("run_code");
  }

  /** @return the replicas, in the order given */
  public List<Endpoint> endpoints() {
    return pool.endpoints();
  }

  /** @return each replica's request counts and state now */
  public List<EndpointStats> stats() {
    return pool.stats();
  }

  /** @return the sum of the replicas' in-flight limits: the most programs sent at once */
  @Override
  public int capacity() {
    return pool.capacity();
  }

  @Override
  public Execution execute(String code) {
    Objects.requireNonNull(code, "code");
    String body = requestBody(code);
    long start = System.nanoTime();
    try {
      return pool.call(endpoint -> {
        URI uri = endpoint.resolve("run_code");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        endpoint.apiKey().ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
          boolean retriable = EndpointFailure.httpStatus(r.statusCode(), "").isRetriable();
          throw EndpointFailure.of("HTTP " + r.statusCode() + " from " + uri + ": " + abbreviate(r.body()), retriable);
        }
        JsonNode reply = Json.mapper().readTree(r.body());
        if ("SandboxError".equals(reply.path("status").asText())) {
          throw EndpointFailure.of("SandboxError from " + uri + ": " + reply.path("message").asText(""), true);
        }
        return toExecution(reply, start);
      });
    } catch (EndpointsUnavailableException | EndpointFailure e) {
      return Execution.sandboxFailure(e.getMessage(), elapsedSince(start));
    } catch (Siam4jException e) {
      return Execution.sandboxFailure(e.getMessage(), elapsedSince(start));
    }
  }

  /** Sends the programs concurrently (up to {@link #capacity()} at once), in the programs' order. */
  @Override
  public List<Execution> executeAll(List<String> programs) {
    Objects.requireNonNull(programs, "programs");
    List<CompletableFuture<Execution>> futures = new ArrayList<>(programs.size());
    for (String p : programs) {
      Objects.requireNonNull(p, "program");
      futures.add(CompletableFuture.supplyAsync(() -> execute(p), batch));
    }
    List<Execution> out = new ArrayList<>(programs.size());
    futures.forEach(f -> out.add(f.join()));
    return out;
  }

  /** Stops the batch threads. */
  @Override
  public void close() {
    batch.shutdownNow();
  }

  private String requestBody(String code) {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("code", code);
    req.put("language", "python");
    req.put("run_timeout", runTimeout.toMillis() / 1000.0);
    req.put("memory_limit_MB", memoryLimitMb);
    return Json.toLine(req);
  }

  private Execution toExecution(JsonNode reply, long start) {
    JsonNode run = reply.path("run_result");
    Duration elapsed = run.has("execution_time")
        ? Duration.ofNanos((long) (run.path("execution_time").asDouble() * 1e9))
        : elapsedSince(start);
    if (!run.isObject()) {
      JsonNode compile = reply.path("compile_result");
      String err = compile.path("stderr").asText(reply.path("message").asText(""));
      return new Execution(Outcome.ERROR, -1, compile.path("stdout").asText(""), err, "",
          elapsed, Tracebacks.parse(err));
    }
    String stdout = run.path("stdout").asText("");
    String stderr = run.path("stderr").asText("");
    String runStatus = run.path("status").asText("");
    int exit = run.path("return_code").isInt() ? run.path("return_code").asInt() : -1;
    Optional<ProgramError> error = Tracebacks.parse(stderr);
    Outcome outcome;
    if (runStatus.equals("TimeLimitExceeded")) {
      outcome = Outcome.TIMEOUT;
      exit = -1;
    } else if (error.isPresent() && error.get().type().equals("MemoryError")) {
      outcome = Outcome.MEMORY_LIMIT;
    } else if (exit == 0 && runStatus.equals("Finished")) {
      outcome = Outcome.OK;
    } else if (exit < 0 || exit > 128) {
      outcome = Outcome.KILLED;
      exit = -1;
    } else {
      outcome = Outcome.ERROR;
      if (exit == 0) {
        exit = 1;
      }
    }
    String answer = outcome == Outcome.OK ? extractor.extract(stdout) : "";
    return new Execution(outcome, exit, stdout, stderr, answer, elapsed, error);
  }

  private static Duration elapsedSince(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** Configures an {@link HttpCodeExecutor}. Each setter validates at once and may be called once. */
  public static final class Builder {
    private URI baseUri;
    private Duration runTimeout = Duration.ofSeconds(10);
    private boolean runTimeoutSet;
    private int memoryLimitMb = 1024;
    private boolean memorySet;
    private Duration requestTimeout;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean connectSet;
    private int retries = 2;
    private boolean retriesSet;
    private Duration backoff = Duration.ofMillis(200);
    private boolean backoffSet;
    private int maxConcurrency = 8;
    private boolean concurrencySet;
    private AnswerExtractor extractor = AnswerExtractor.lastNonEmptyLine();
    private boolean extractorSet;
    private final List<Endpoint> more = new ArrayList<>();
    private RemotePolicy policy;

    private Builder() {}

    /**
     * Adds a replica with its own in-flight limit (and bearer token, if any); may be called for each
     * replica, alone or after {@link #baseUri(URI)}.
     *
     * @param value the replica's base URI (such as {@code http://sandbox-2:8080/}) and limit
     * @return this builder
     * @throws IllegalArgumentException when the replica was added before
     */
    public Builder endpoint(Endpoint value) {
      Objects.requireNonNull(value, "endpoint");
      if (value.baseUri().equals(baseUri) || more.stream().anyMatch(e -> e.baseUri().equals(value.baseUri()))) {
        throw new IllegalArgumentException("endpoint " + value.baseUri() + " was already added");
      }
      more.add(value);
      return this;
    }

    /**
     * @param value retry and failover across replicas (default {@link RemotePolicy#DEFAULT} with
     *     {@link #backoff}); {@link #retries}, when set, limits the attempts
     * @return this builder
     */
    public Builder policy(RemotePolicy value) {
      Objects.requireNonNull(value, "policy");
      once(policy != null, policy, "policy");
      policy = value;
      return this;
    }

    List<Endpoint> endpoints() {
      List<Endpoint> out = new ArrayList<>();
      if (baseUri != null) {
        out.add(Endpoint.of(baseUri, maxConcurrency));
      }
      out.addAll(more);
      return out;
    }

    RemotePolicy policy() {
      RemotePolicy p = policy;
      if (p == null) {
        Duration max = backoff.compareTo(RemotePolicy.DEFAULT.maxBackoff()) > 0 ? backoff : RemotePolicy.DEFAULT.maxBackoff();
        p = RemotePolicy.DEFAULT.withBackoff(backoff, max);
      }
      return retriesSet ? p.withMaxAttempts(retries + 1) : p;
    }

    private static void once(boolean set, Object old, String name) {
      if (set) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
    }

    /**
     * @param uri the first replica's base, such as {@code http://sandbox:8080/}, with
     *     {@link #maxConcurrency} requests in flight (this or {@link #endpoint} is required)
     * @return this builder
     */
    public Builder baseUri(URI uri) {
      Objects.requireNonNull(uri, "baseUri");
      once(baseUri != null, baseUri, "baseUri");
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("baseUri must be http or https, was " + uri);
      }
      baseUri = uri;
      return this;
    }

    /**
     * @param timeout the program's time limit, sent as {@code run_timeout} (default 10 s)
     * @return this builder
     */
    public Builder runTimeout(Duration timeout) {
      positive(timeout, "runTimeout");
      once(runTimeoutSet, runTimeout, "runTimeout");
      runTimeout = timeout;
      runTimeoutSet = true;
      return this;
    }

    /**
     * @param megabytes the program's memory limit, sent as {@code memory_limit_MB} (default 1024)
     * @return this builder
     */
    public Builder memoryLimitMb(int megabytes) {
      if (megabytes <= 0) {
        throw new IllegalArgumentException("memoryLimitMb must be positive, was " + megabytes);
      }
      once(memorySet, memoryLimitMb, "memoryLimitMb");
      memoryLimitMb = megabytes;
      memorySet = true;
      return this;
    }

    /**
     * @param timeout how long one HTTP request may take (default run timeout + 30 s)
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      positive(timeout, "requestTimeout");
      once(requestTimeout != null, requestTimeout, "requestTimeout");
      requestTimeout = timeout;
      return this;
    }

    /**
     * @param timeout how long connecting may take (default 10 s)
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      positive(timeout, "connectTimeout");
      once(connectSet, connectTimeout, "connectTimeout");
      connectTimeout = timeout;
      connectSet = true;
      return this;
    }

    /**
     * @param count retries after a failed attempt, on any replica (default: retry until every
     *     replica is down)
     * @return this builder
     */
    public Builder retries(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("retries must not be negative, was " + count);
      }
      once(retriesSet, retries, "retries");
      retries = count;
      retriesSet = true;
      return this;
    }

    /**
     * @param delay the wait before the first retry, doubled for each further one up to 5 s (default
     *     200 ms); ignored when a {@link #policy} is given
     * @return this builder
     */
    public Builder backoff(Duration delay) {
      Objects.requireNonNull(delay, "backoff");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative, was " + delay);
      }
      once(backoffSet, backoff, "backoff");
      backoff = delay;
      backoffSet = true;
      return this;
    }

    /**
     * @param count requests in flight on the {@link #baseUri} replica (default 8)
     * @return this builder
     */
    public Builder maxConcurrency(int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("maxConcurrency must be positive, was " + count);
      }
      once(concurrencySet, maxConcurrency, "maxConcurrency");
      maxConcurrency = count;
      concurrencySet = true;
      return this;
    }

    /**
     * @param value reads the answer from stdout (default: the last non-empty line)
     * @return this builder
     */
    public Builder answerExtractor(AnswerExtractor value) {
      Objects.requireNonNull(value, "answerExtractor");
      once(extractorSet, extractor, "answerExtractor");
      extractor = value;
      extractorSet = true;
      return this;
    }

    /**
     * @return the executor, which the caller closes
     * @throws IllegalStateException when no base URI or endpoint was set
     */
    public HttpCodeExecutor build() {
      if (baseUri == null && more.isEmpty()) {
        throw new IllegalStateException("baseUri is required");
      }
      return new HttpCodeExecutor(this);
    }

    private static void positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
    }
  }
}
