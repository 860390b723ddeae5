package dev.siam4j.core.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.testing.OpenAiTestServer;
import dev.siam4j.core.testing.RemoteLoopMain;
import dev.siam4j.core.testing.TestLlamaModel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop generating on several loopback OpenAI-compatible servers backed by real llama.cpp, while
 * one dies and another refuses for a while, and while the loop's own JVM is killed with SIGKILL.
 */
@Tag("slow")
final class RemoteGenerationLoopTest {
  @TempDir Path dir;

  @Test
  void theRunCompletesWithEverySampleOnceAndItsOwnSeedAndARerunDoesNoWork() throws IOException {
    int problems = 16;
    try (OpenAiTestServer healthy = OpenAiTestServer.start();
        OpenAiTestServer dying = OpenAiTestServer.start();
        OpenAiTestServer busy = OpenAiTestServer.start()) {
      dying.killAfter(12);
      busy.refuse(429, 3);
      busy.refuse(503, 3);
      Path run = dir.resolve("run");
      List<URI> servers = List.of(healthy.baseUri(), dying.baseUri(), busy.baseUri());
      try (OpenAiGenerator generator = RemoteLoopMain.generator(servers)) {
        RemoteLoopMain.loop(run, problems, generator).run();
      }
      assertThat(dying.isDead()).isTrue();
      assertThat(dying.answered()).isPositive();
      assertThat(healthy.answered()).isPositive();
      assertThat(busy.answered()).isPositive();
      List<JsonNode> solutions = read(run.resolve("iter-0/solutions.jsonl"));
      assertEverySampleOnceWithItsOwnSeed(solutions, problems);
      String before = Files.readString(run.resolve("iter-0/solutions.jsonl"));

      int received = healthy.received() + busy.received();
      try (OpenAiGenerator generator = RemoteLoopMain.generator(List.of(healthy.baseUri(), busy.baseUri()))) {
        RemoteLoopMain.loop(run, problems, generator).run();
      }
      assertThat(healthy.received() + busy.received()).as("requests of the rerun").isEqualTo(received);
      assertThat(Files.readString(run.resolve("iter-0/solutions.jsonl"))).isEqualTo(before);
    }
  }

  @Test
  void aSigkillOfTheLoopsJvmMidGenerationResumesWithoutDuplicatingASample() throws Exception {
    int problems = 30;
    try (OpenAiTestServer a = OpenAiTestServer.start();
        OpenAiTestServer b = OpenAiTestServer.start()) {
      a.latency(Duration.ofMillis(20));
      b.latency(Duration.ofMillis(20));
      Path run = dir.resolve("killed");
      Path solutions = run.resolve("iter-0/solutions.jsonl");
      Process first = start(run, problems, a, b);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (lines(solutions) < 24 && first.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertThat(first.isAlive()).as("the loop is still generating at the kill point").isTrue();
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isEqualTo(137);
      assertThat(lines(solutions)).isLessThan(problems * RemoteLoopMain.SAMPLES);

      Process second = start(run, problems, a, b);
      assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the resumed run finishes").isTrue();
      assertThat(second.exitValue()).as(Files.readString(run.resolveSibling("killed.log"))).isZero();
      assertEverySampleOnceWithItsOwnSeed(read(solutions), problems);
    }
  }

  private static void assertEverySampleOnceWithItsOwnSeed(List<JsonNode> solutions, int problems) {
    assertThat(solutions).hasSize(problems * RemoteLoopMain.SAMPLES);
    Set<String> keys = new HashSet<>();
    for (JsonNode s : solutions) {
      String id = s.path("key").path("problemId").asText();
      int i = s.path("key").path("sampleIndex").asInt();
      assertThat(keys.add(id + "#" + i)).as("%s sample %d once", id, i).isTrue();
    }
    // Each problem's samples are what llama.cpp gives for the loop's request seeds, asked directly.
    for (int p = 0; p < problems; p += 5) {
      List<JsonNode> mine = new ArrayList<>();
      for (JsonNode s : solutions) {
        if (s.path("key").path("problemId").asText().equals("toy-" + p)) {
          mine.add(s);
        }
      }
      JsonNode first = mine.get(0);
      String text = first.path("prompt").path("text").asText();
      Prompt prompt = first.path("prompt").path("messages").isArray() && first.path("prompt").path("messages").size() > 0
          ? Json.mapper().convertValue(first.path("prompt"), Prompt.class)
          : Prompt.chat(ChatMessage.user(text));
      for (JsonNode s : mine) {
        int i = s.path("key").path("sampleIndex").asInt();
        assertThat(s.path("completion").path("text").asText())
            .as("toy-%d sample %d", p, i)
            .isEqualTo(TestLlamaModel.generator().complete(prompt, dev.siam4j.core.SamplingOptions.DEFAULT.withMaxTokens(12),
                sampleSeed(p, i)).text());
      }
    }
  }

  /** The loop's seed of sample {@code i} of toy problem {@code p} in iteration 0 (seed 11). */
  private static long sampleSeed(int p, int i) {
    long seed = dev.siam4j.core.store.StageLog.hashStep(11L * 31, "toy-" + p);
    return new GenerationRequest(Prompt.raw("x"), RemoteLoopMain.SAMPLES, dev.siam4j.core.SamplingOptions.DEFAULT, seed)
        .sampleSeed(i);
  }

  private static Process start(Path run, int problems, OpenAiTestServer a, OpenAiTestServer b) throws IOException {
    Files.createDirectories(run.getParent());
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            RemoteLoopMain.class.getName(), run.toString(), Integer.toString(problems),
            a.baseUri().toString(), b.baseUri().toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(run.resolveSibling(run.getFileName() + ".log").toFile()))
        .start();
  }

  private static int lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(Json.mapper().readTree(line));
    }
    return out;
  }
}
