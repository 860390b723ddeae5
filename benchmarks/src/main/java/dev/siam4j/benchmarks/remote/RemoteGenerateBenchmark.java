package dev.siam4j.benchmarks.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.core.openai.OpenAiGenerator;
import dev.siam4j.core.remote.Capacity;
import dev.siam4j.core.remote.Endpoint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput of the loop's generate stage on 1, 2 and 4 loopback OpenAI-compatible endpoints that
 * each add a fixed latency per request and serve a fixed number at once, against the ideal N times
 * one endpoint; and the loop's own cost per sample (everything but the servers' time) at an offered
 * load of 1,000 samples/s. The whole loop runs (run folder, ordered writes, resume bookkeeping),
 * with an instant executor and critic; the generate stage's time is read from the run's
 * {@code stages.jsonl}.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     dev.siam4j.benchmarks.remote.RemoteGenerateBenchmark [LATENCY_MS=50] [SLOTS=8] [PROBLEMS=300] [K=5]
 * </pre>
 */
public final class RemoteGenerateBenchmark {
  private RemoteGenerateBenchmark() {}

  /** The measured generate stage of one configuration. */
  record Result(int endpoints, double idealPerSecond, long samples, double seconds, double cpuSeconds) {
    double perSecond() {
      return samples / seconds;
    }
  }

  /**
   * Entry point; prints a Markdown table.
   *
   * @param args optional latency per request in ms (default 50), requests at once per endpoint
   *     (default 8), problems (default 300) and k (default 5)
   * @throws Exception when the stand-in servers cannot start or a generation fails
   */
  public static void main(String[] args) throws Exception {
    // The JDK's test HTTP server writes headers and body apart; without TCP_NODELAY, Nagle's
    // algorithm and delayed ACKs add about 40 ms to each loopback reply: the stand-in server's cost.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 50;
    int slots = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int problems = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Duration latency = Duration.ofMillis(latencyMs);
    System.out.printf(Locale.ROOT, "# endpoints: %d ms per request, %d requests at once each; %d problems x k=%d;"
        + " %d CPUs, load average %.1f%n", latencyMs, slots, problems, k,
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    run(1, latency, slots, Math.max(10, problems / 10), k); // warm-up
    List<Result> scaling = new ArrayList<>();
    for (int n : new int[] {1, 2, 4}) {
      scaling.add(run(n, latency, slots, problems, k));
    }
    double one = scaling.get(0).perSecond();
    System.out.println();
    System.out.println("| endpoints | ideal samples/s | measured samples/s | of ideal | speed-up vs 1 endpoint (ideal) |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (Result r : scaling) {
      System.out.printf(Locale.ROOT, "| %d | %.0f | %.1f | %.1f%% | %.2fx (%dx) |%n", r.endpoints(), r.idealPerSecond(),
          r.perSecond(), 100 * r.perSecond() / r.idealPerSecond(), r.perSecond() / one, r.endpoints());
    }

    // 1,000 samples/s offered: 4 endpoints x 10 at once x 40 ms.
    Result load = run(4, Duration.ofMillis(40), 10, 1000, k);
    double wallOverheadUs = 1e6 * (1 / load.perSecond() - 1 / load.idealPerSecond());
    System.out.println();
    System.out.println("| offered samples/s | measured samples/s | wall time per sample beyond the servers' | CPU per sample (loop + loopback servers) |");
    System.out.println("|---:|---:|---:|---:|");
    System.out.printf(Locale.ROOT, "| %.0f | %.1f | %.0f µs | %.0f µs |%n", load.idealPerSecond(), load.perSecond(),
        wallOverheadUs, 1e6 * load.cpuSeconds() / load.samples());
  }

  static Result run(int endpoints, Duration latency, int slots, int problems, int k) throws IOException {
    List<LatencyServer> servers = new ArrayList<>();
    Path dir = Files.createTempDirectory("siam4j-remote-bench-");
    try {
      OpenAiGenerator.Builder b = OpenAiGenerator.builder().model("bench");
      for (int i = 0; i < endpoints; i++) {
        LatencyServer s = new LatencyServer(latency, slots);
        servers.add(s);
        b.endpoint(Endpoint.of(s.baseUri(), slots));
      }
      List<Problem> list = new ArrayList<>();
      for (int i = 0; i < problems; i++) {
        list.add(Problem.of("q" + i, "What is " + i + " + 4?", Integer.toString(i + 4), "bench"));
      }
      long cpuBefore = processCpuNanos();
      try (OpenAiGenerator generator = b.build()) {
        SelfImprovementLoop.builder()
            .problems(list)
            .generator(generator)
            .executor(code -> Execution.ok("4\n", "4", Duration.ZERO))
            .critic(r -> Verdict.of(r.execution().answer().equals(r.problem().referenceAnswer()), "bench"))
            .preferenceBuilder(PreferenceBuilders.paper())
            .samplesPerProblem(k)
            .sampling(SamplingOptions.DEFAULT.withMaxTokens(64))
            .concurrency(Stage.GENERATE, Capacity.problemsInFlight(generator.capacity(), k))
            .runFolder(dir.resolve("run"))
            .build()
            .run();
      }
      double cpu = (processCpuNanos() - cpuBefore) / 1e9;
      double seconds = generateSeconds(dir.resolve("run/iter-0/stages.jsonl"));
      double ideal = endpoints * slots / (latency.toNanos() / 1e9);
      long samples = (long) problems * k;
      System.out.printf(Locale.ROOT, "%d endpoint(s): %d samples in %.2f s (generate stage), %.1f/s; ideal %.0f/s%n",
          endpoints, samples, seconds, samples / seconds, ideal);
      return new Result(endpoints, ideal, samples, seconds, cpu);
    } finally {
      servers.forEach(LatencyServer::close);
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double generateSeconds(Path stages) throws IOException {
    for (String line : Files.readAllLines(stages)) {
      JsonNode n = Json.mapper().readTree(line);
      if ("GENERATE".equals(n.path("stage").asText())) {
        return n.path("seconds").asDouble();
      }
    }
    throw new IllegalStateException(stages + " has no GENERATE line");
  }

  /** @return the process's CPU time (all threads), from the JVM's operating-system bean */
  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }
}
