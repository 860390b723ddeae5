package dev.siam4j.sandbox.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.core.remote.RemotePolicy;
import dev.siam4j.core.testing.ToyWorld;
import dev.siam4j.sandbox.PythonSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's execute stage on two SandboxFusion-compatible loopback services running real Python,
 * one of which dies mid-run: every sample is executed and recorded once, and a rerun does no work.
 */
@Tag("slow")
final class RemoteExecutionLoopTest {
  @TempDir Path dir;

  @Test
  void theRunCompletesWithEverySampleExecutedOnceWhenOneServiceDiesAndARerunDoesNoWork() throws Exception {
    int problems = 12;
    int k = 4;
    try (PythonSandbox python = PythonSandbox.builder().workers(2).build();
        SandboxFusionTestService a = SandboxFusionTestService.start(python);
        SandboxFusionTestService b = SandboxFusionTestService.start(python)) {
      b.killAfter(7);
      Path run = dir.resolve("run");
      runLoop(run, problems, k, a, b);
      assertThat(b.isDead()).isTrue();
      assertThat(a.answered()).isPositive();
      assertThat(b.answered()).isPositive();

      List<String> lines = Files.readAllLines(run.resolve("iter-0/executions.jsonl"));
      assertThat(lines).hasSize(problems * k);
      Set<String> keys = new HashSet<>();
      for (String line : lines) {
        JsonNode n = Json.mapper().readTree(line);
        JsonNode key = n.path("key");
        assertThat(keys.add(key.path("problemId").asText() + "#" + key.path("sampleIndex").asInt())).isTrue();
        assertThat(n.toString()).doesNotContain("SANDBOX_FAILURE");
      }
      // The toy policy's programs print a number: every one that ran printed it through real Python.
      assertThat(lines).anyMatch(l -> l.contains("\"outcome\":\"OK\""));
      String before = Files.readString(run.resolve("iter-0/executions.jsonl"));

      int received = a.received();
      runLoop(run, problems, k, a);
      assertThat(a.received()).as("requests of the rerun").isEqualTo(received);
      assertThat(Files.readString(run.resolve("iter-0/executions.jsonl"))).isEqualTo(before);
    }
  }

  private static void runLoop(Path run, int problems, int k, SandboxFusionTestService... services) {
    HttpCodeExecutor.Builder http = HttpCodeExecutor.builder()
        .policy(RemotePolicy.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
            .withProbeInterval(Duration.ofMillis(20)));
    for (SandboxFusionTestService s : services) {
      http.endpoint(Endpoint.of(s.baseUri(), 2));
    }
    try (HttpCodeExecutor executor = http.build()) {
      SelfImprovementLoop.builder()
          .problems(ToyWorld.problems(problems))
          .generator(new ToyWorld.Policy(6, Duration.ZERO))
          .executor(executor)
          .critic(ToyWorld.critic())
          .preferenceBuilder(ToyWorld.preferenceBuilder())
          .samplesPerProblem(k)
          .seed(5)
          .concurrency(Stage.EXECUTE, dev.siam4j.core.remote.Capacity.problemsInFlight(executor.capacity(), k))
          .runFolder(run)
          .build()
          .run();
    }
  }
}
