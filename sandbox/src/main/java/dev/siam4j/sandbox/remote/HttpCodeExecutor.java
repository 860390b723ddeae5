package dev.siam4j.sandbox.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.extraction.AnswerExtractor;
import dev.siam4j.core.jsonl.Json;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CodeExecutor} that sends programs to a sandbox service speaking SandboxFusion's
 * {@code run_code} HTTP API, for scale-out: {@code POST {base}/run_code} with {@code code},
 * {@code language: "python"}, {@code run_timeout} (seconds) and {@code memory_limit_MB}; the reply's
 * {@code status} ({@code Success}, {@code Failed}, {@code SandboxError}) and {@code run_result}
 * ({@code status}: {@code Finished}, {@code TimeLimitExceeded}, ...; {@code return_code},
 * {@code stdout}, {@code stderr}, {@code execution_time}) become an {@link Execution}.
 *
 * <p>Connection failures, HTTP 429 and 5xx, and {@code SandboxError} replies are retried with
 * exponential back-off; when retries run out the execution is {@link Outcome#SANDBOX_FAILURE}.
 * The service cannot report an output limit, so {@code OUTPUT_LIMIT} never occurs; a
 * {@code MemoryError} traceback is {@code MEMORY_LIMIT}. {@link #executeAll} sends up to
 * {@code maxConcurrency} requests at once.
 *
 * <p>Thread-safe. Owns a small thread pool: the creator closes it.
 */
public final class HttpCodeExecutor implements CodeExecutor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpCodeExecutor.class);

  private final URI endpoint;
  private final Duration runTimeout;
  private final int memoryLimitMb;
  private final Duration requestTimeout;
  private final int retries;
  private final Duration backoff;
  private final AnswerExtractor extractor;
  private final HttpClient client;
  private final ExecutorService batch;

  private HttpCodeExecutor(Builder b) {
    this.endpoint = b.baseUri.resolve(b.baseUri.getPath().endsWith("/") ? "run_code" : b.baseUri.getPath() + "/run_code");
    this.runTimeout = b.runTimeout;
    this.memoryLimitMb = b.memoryLimitMb;
    this.requestTimeout = b.requestTimeout != null ? b.requestTimeout : b.runTimeout.plusSeconds(30);
    this.retries = b.retries;
    this.backoff = b.backoff;
    this.extractor = b.extractor;
    this.client = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    int n = b.maxConcurrency;
    this.batch = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "siam4j-http-executor");
      t.setDaemon(true);
      return t;
    });
  }

  /** @return a builder; {@link Builder#baseUri(URI)} is required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the URI programs are posted to */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public Execution execute(String code) {
    Objects.requireNonNull(code, "code");
    String body = requestBody(code);
    String lastFailure = "no attempt";
    long start = System.nanoTime();
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 20)));
      }
      try {
        HttpResponse<String> r = client.send(
            HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() == 429 || r.statusCode() >= 500) {
          lastFailure = "HTTP " + r.statusCode() + " from " + endpoint;
          continue;
        }
        if (r.statusCode() != 200) {
          return Execution.sandboxFailure("HTTP " + r.statusCode() + " from " + endpoint + ": "
              + abbreviate(r.body()), elapsedSince(start));
        }
        JsonNode reply = Json.mapper().readTree(r.body());
        if ("SandboxError".equals(reply.path("status").asText())) {
          lastFailure = "SandboxError from " + endpoint + ": " + reply.path("message").asText("");
          continue;
        }
        return toExecution(reply, start);
      } catch (IOException e) {
        lastFailure = e.getClass().getSimpleName() + " from " + endpoint + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Execution.sandboxFailure("interrupted while calling " + endpoint, elapsedSince(start));
      }
      LOG.debug("attempt {} failed: {}", attempt + 1, lastFailure);
    }
    return Execution.sandboxFailure(
        "gave up after " + (retries + 1) + " attempts: " + lastFailure, elapsedSince(start));
  }

  /** Sends the programs concurrently (up to {@code maxConcurrency} at once). */
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

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

    private Builder() {}

    private static void once(boolean set, Object old, String name) {
      if (set) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
    }

    /** @param uri the service's base, such as {@code http://sandbox:8080/} (required) */
    public Builder baseUri(URI uri) {
      Objects.requireNonNull(uri, "baseUri");
      once(baseUri != null, baseUri, "baseUri");
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("baseUri must be http or https, was " + uri);
      }
      baseUri = uri;
      return this;
    }

    /** @param timeout the program's time limit, sent as {@code run_timeout} (default 10 s) */
    public Builder runTimeout(Duration timeout) {
      positive(timeout, "runTimeout");
      once(runTimeoutSet, runTimeout, "runTimeout");
      runTimeout = timeout;
      runTimeoutSet = true;
      return this;
    }

    /** @param megabytes the program's memory limit, sent as {@code memory_limit_MB} (default 1024) */
    public Builder memoryLimitMb(int megabytes) {
      if (megabytes <= 0) {
        throw new IllegalArgumentException("memoryLimitMb must be positive, was " + megabytes);
      }
      once(memorySet, memoryLimitMb, "memoryLimitMb");
      memoryLimitMb = megabytes;
      memorySet = true;
      return this;
    }

    /** @param timeout how long one HTTP request may take (default run timeout + 30 s) */
    public Builder requestTimeout(Duration timeout) {
      positive(timeout, "requestTimeout");
      once(requestTimeout != null, requestTimeout, "requestTimeout");
      requestTimeout = timeout;
      return this;
    }

    /** @param timeout how long connecting may take (default 10 s) */
    public Builder connectTimeout(Duration timeout) {
      positive(timeout, "connectTimeout");
      once(connectSet, connectTimeout, "connectTimeout");
      connectTimeout = timeout;
      connectSet = true;
      return this;
    }

    /** @param count retries after a failed attempt (default 2) */
    public Builder retries(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("retries must not be negative, was " + count);
      }
      once(retriesSet, retries, "retries");
      retries = count;
      retriesSet = true;
      return this;
    }

    /** @param delay the wait before the first retry, doubled for each further one (default 200 ms) */
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

    /** @param count requests {@code executeAll} keeps in flight (default 8) */
    public Builder maxConcurrency(int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("maxConcurrency must be positive, was " + count);
      }
      once(concurrencySet, maxConcurrency, "maxConcurrency");
      maxConcurrency = count;
      concurrencySet = true;
      return this;
    }

    /** @param value reads the answer from stdout (default: the last non-empty line) */
    public Builder answerExtractor(AnswerExtractor value) {
      Objects.requireNonNull(value, "answerExtractor");
      once(extractorSet, extractor, "answerExtractor");
      extractor = value;
      extractorSet = true;
      return this;
    }

    /**
     * @return the executor, which the caller closes
     * @throws IllegalStateException when no base URI was set
     */
    public HttpCodeExecutor build() {
      if (baseUri == null) {
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
