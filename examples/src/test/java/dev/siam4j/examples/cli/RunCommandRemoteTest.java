package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.core.testing.OpenAiTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code siam4j run} on remote OpenAI-compatible servers: loopback test servers backed by a real
 * llama.cpp model that always writes {@code print(4)}, with the local Python sandbox and rules critic.
 */
final class RunCommandRemoteTest {
  @TempDir static Path models;
  @TempDir Path dir;
  private static LlamaCppGenerator answering;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void loadModel() {
    Path file = LlamaModelFactory.writeAnswering("print(4)\n```", models.resolve("answering.gguf"));
    answering = LlamaCppGenerator.open(LlamaCppOptions.builder(file).contextSize(8192).parallelSlots(4).threads(1).build());
  }

  @AfterAll
  static void closeModel() {
    answering.close();
  }

  private int run(String... args) {
    return Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path problems(int n) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("{\"id\": \"p").append(i).append("\", \"question\": \"What is ").append(i).append("+4?\", \"answer\": \"")
          .append(i + 4).append("\"}\n");
    }
    return Files.writeString(dir.resolve("problems.jsonl"), b.toString());
  }

  @Test
  @Tag("slow")
  void completesWithEverySampleOnceWhenOneOfTwoEndpointsDiesMidRunSpreadingRequestsOverBoth() throws Exception {
    try (OpenAiTestServer a = OpenAiTestServer.start(answering);
        OpenAiTestServer b = OpenAiTestServer.start(answering)) {
      b.killAfter(6);
      Path runDir = dir.resolve("run");
      int code = run("run", "--endpoint", a.baseUri().toString(), "--endpoint", b.baseUri().toString(),
          "--api-model", "answering", "--problems", problems(12).toString(), "--no-train",
          "--run", runDir.toString(), "--samples", "2", "--max-tokens", "16", "--workers", "1",
          "--endpoint-in-flight", "2");
      assertThat(code).as(err.toString()).isZero();
      assertThat(b.isDead()).isTrue();
      assertThat(a.answered()).isPositive();
      assertThat(b.answered()).isPositive();

      List<String> lines = Files.readAllLines(runDir.resolve("iter-0/solutions.jsonl"));
      assertThat(lines).hasSize(24);
      Set<String> keys = new HashSet<>();
      for (String line : lines) {
        JsonNode key = Json.mapper().readTree(line).path("key");
        assertThat(keys.add(key.path("problemId").asText() + "#" + key.path("sampleIndex").asInt())).isTrue();
      }
      // p0's answer is 4: both of its samples are approved; the metrics line says so
      JsonNode metrics = Json.mapper().readTree(out.toString().lines().findFirst().orElseThrow());
      assertThat(metrics.get("samples").asInt()).isEqualTo(24);
      assertThat(metrics.get("approved").asInt()).isEqualTo(2);

      int received = a.received();
      out.getBuffer().setLength(0);
      assertThat(run("run", "--endpoint", a.baseUri().toString(), "--api-model", "answering",
          "--problems", dir.resolve("problems.jsonl").toString(), "--no-train", "--run", runDir.toString(),
          "--samples", "2", "--max-tokens", "16", "--workers", "1")).as(err.toString()).isZero();
      assertThat(a.received()).as("a rerun of the finished folder sends no request").isEqualTo(received);
    }
  }

  @Test
  @Tag("slow")
  void theCriticGeneratorItOpensIsClosedWhenTheRunEnds() throws Exception {
    try (OpenAiTestServer policy = OpenAiTestServer.start(answering);
        OpenAiTestServer judge = OpenAiTestServer.start(answering)) {
      int code = run("run", "--endpoint", policy.baseUri().toString(), "--api-model", "answering",
          "--critic-endpoint", judge.baseUri().toString(), "--problems", problems(2).toString(), "--no-train",
          "--run", dir.resolve("run").toString(), "--samples", "2", "--max-tokens", "16", "--workers", "1");
      assertThat(code).as(err.toString()).isZero();
      assertThat(policy.answered()).isEqualTo(4);
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("siam4j-openai-")) {
          t.join(10_000);
        }
      }
      assertThat(Thread.getAllStackTraces().keySet())
          .noneMatch(t -> t.getName().startsWith("siam4j-openai-") && t.isAlive());
    }
  }

  /** Two iterations whose training step is an external command that writes the next checkpoint. */
  @Test
  @Tag("slow")
  void aTrainerCommandTrainsThroughTheCommandTrainer() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(4)\n```", dir.resolve("policy.gguf"));
    Path runDir = dir.resolve("run");
    int code = run("run", "--model", model.toString(), "--problems", problems(2).toString(),
        "--run", runDir.toString(), "--iterations", "2", "--samples", "2", "--max-tokens", "16",
        "--threads", "1", "--context", "2048", "--workers", "1", "--algorithms", "SFT",
        "--trainer-command", "sh -c 'cp \"$0\" \"$1/model.gguf\" && echo trained $2' {model} {output} {sft}");
    assertThat(code).as(err.toString()).isZero();
    Path trained = runDir.resolve("iter-0/checkpoint/step-0-sft/model.gguf");
    assertThat(trained).exists().hasSameBinaryContentAs(model);
    assertThat(Files.readAllLines(runDir.resolve("iter-1/solutions.jsonl"))).hasSize(4);
    assertThat(err.toString()).contains("siam4j run: 2 iteration(s) in " + runDir + "; final policy ");
  }

  @Test
  void endpointWithoutApiModelIsMisuse() throws Exception {
    assertThat(run("run", "--endpoint", "http://127.0.0.1:9/v1", "--problems", problems(1).toString(), "--no-train"))
        .isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --endpoint needs --api-model NAME, the model the servers serve");
  }

  @Test
  void neitherModelNorEndpointIsMisuse() throws Exception {
    assertThat(run("run", "--problems", problems(1).toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --model FILE.gguf or --endpoint URL is required");
  }

  @Test
  void trainingOnEndpointsNeedsATrainerCommand() throws Exception {
    Path seed = Files.writeString(dir.resolve("seed.gguf"), "x");
    assertThat(run("run", "--endpoint", "http://127.0.0.1:9/v1", "--api-model", "m", "--model", seed.toString(),
        "--problems", problems(1).toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: training with --endpoint needs --trainer-command"
        + " (a job that trains and redeploys the servers); or --no-train");
  }

  @Test
  void anUnsetApiKeyVariableIsMisuseNamingIt() throws Exception {
    assertThat(run("run", "--endpoint", "http://127.0.0.1:9/v1", "--api-model", "m", "--api-key-env",
        "SIAM4J_TEST_SURELY_UNSET_KEY", "--problems", problems(1).toString(), "--no-train")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("siam4j: --api-key-env SIAM4J_TEST_SURELY_UNSET_KEY: the environment variable is not set");
  }

  @Test
  void aBadEndpointUrlIsMisuseNamingIt() throws Exception {
    assertThat(run("run", "--endpoint", "ftp://x/", "--api-model", "m", "--problems", problems(1).toString(),
        "--no-train")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --endpoint 'ftp://x/': baseUri must be http or https, was ftp://x/");
  }

  @Test
  void anUnknownSampleRequestsModeIsMisuse() throws Exception {
    assertThat(run("run", "--endpoint", "http://127.0.0.1:9/v1", "--api-model", "m", "--sample-requests", "ALL",
        "--problems", problems(1).toString(), "--no-train")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--sample-requests'").contains("but was 'ALL'");
  }

  @Test
  void theTrainerCommandIsSplitAtUnquotedSpaces() {
    assertThat(RunCommand.splitCommand("sbatch --wait  'train dpo.sh' \"{pairs}\" {output}"))
        .containsExactly("sbatch", "--wait", "train dpo.sh", "{pairs}", "{output}");
    assertThat(RunCommand.splitCommand("a ''")).containsExactly("a", "");
  }

  @Test
  void problemsInFlightKeepEveryCallSlotBusy() {
    assertThat(RunCommand.problemsInFlight(32, 5)).isEqualTo(14);
    assertThat(RunCommand.problemsInFlight(30, 5)).isEqualTo(12);
    assertThat(RunCommand.problemsInFlight(1, 5)).isEqualTo(2);
  }
}
