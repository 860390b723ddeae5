package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.jsonl.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path problems() throws Exception {
    return Files.writeString(dir.resolve("toy.jsonl"),
        "{\"id\": \"p1\", \"question\": \"What is 2+2?\", \"answer\": \"4\"}\n"
            + "{\"id\": \"p2\", \"question\": \"What is 3*3?\", \"answer\": \"9\"}\n");
  }

  @Test
  void aMissingModelIsMisuse() throws Exception {
    assertThat(run("run", "--model", dir.resolve("none.gguf").toString(), "--problems", problems().toString()))
        .isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: " + dir.resolve("none.gguf") + ": no such model file");
  }

  @Test
  void anUnknownFormatIsMisuse() throws Exception {
    Path model = Files.writeString(dir.resolve("m.gguf"), "x");
    assertThat(run("run", "--model", model.toString(), "--problems", problems().toString(), "--format", "csv"))
        .isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("siam4j: unknown --format 'csv'; expected one of plain, gsm8k, math");
  }

  @Test
  void anUnknownAlgorithmIsMisuse() throws Exception {
    Path model = Files.writeString(dir.resolve("m.gguf"), "x");
    assertThat(run("run", "--model", model.toString(), "--problems", problems().toString(),
        "--algorithms", "SFT,MAGIC")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--algorithms'").contains("'MAGIC' is not one of");
  }

  @Test
  void aBadTrainingFlagIsMisuseNamingTheFlag() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(4)\n```", dir.resolve("policy.gguf"));
    assertThat(run("run", "--model", model.toString(), "--problems", problems().toString(), "--nll-weight", "-1",
        "--run", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --nll-weight must be finite and not negative, was -1.0");
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void aBadProblemLineIsMisuseNamingFileAndLine() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(4)\n```", dir.resolve("policy.gguf"));
    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        "{\"id\": \"p1\", \"question\": \"What is 2+2?\", \"answer\": \"4\"}\n{\"id\": \"p2\", \"question\": \"?\"}\n");
    assertThat(run("run", "--model", model.toString(), "--problems", bad.toString(), "--no-train",
        "--run", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains(bad + ":2: field 'answer' is missing");
  }

  @Test
  void aNonPositivePreferenceLearningRateIsMisuse() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(4)\n```", dir.resolve("policy.gguf"));
    assertThat(run("run", "--model", model.toString(), "--problems", problems().toString(),
        "--preference-learning-rate", "-1", "--run", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --preference-learning-rate must be a positive number, was -1.0");
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void aNonPositiveProblemsPerIterationIsMisuse() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(4)\n```", dir.resolve("policy.gguf"));
    assertThat(run("run", "--model", model.toString(), "--problems", problems().toString(),
        "--problems-per-iteration", "0", "--run", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --problems-per-iteration must be positive, was 0");
    assertThat(dir.resolve("r")).doesNotExist();
  }

  /** One problem an iteration: the first iteration answers p1, the second p2, on real llama.cpp. */
  @Test
  void problemsPerIterationGivesEachIterationTheNextProblems() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(2 + 2)\n```", dir.resolve("policy.gguf"));
    Path runDir = dir.resolve("run");
    int code = run("run", "--model", model.toString(), "--problems", problems().toString(), "--no-train",
        "--run", runDir.toString(), "--iterations", "2", "--samples", "2", "--max-tokens", "16",
        "--threads", "1", "--context", "2048", "--workers", "1", "--problems-per-iteration", "1");
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readAllLines(runDir.resolve("iter-0/solutions.jsonl")))
        .hasSize(2).allMatch(l -> l.contains("\"problemId\":\"p1\""));
    assertThat(Files.readAllLines(runDir.resolve("iter-1/solutions.jsonl")))
        .hasSize(2).allMatch(l -> l.contains("\"problemId\":\"p2\""));
    // p1's answer is 4, p2's is 9: the model's print(2 + 2) is approved only in the first
    List<String> lines = out.toString().lines().toList();
    assertThat(Json.mapper().readTree(lines.get(0)).get("approved").asInt()).isEqualTo(2);
    assertThat(Json.mapper().readTree(lines.get(1)).get("approved").asInt()).isZero();
  }

  /**
   * The whole loop from the command line on real parts: llama.cpp on a generated model that always
   * writes {@code print(2 + 2)}, the Python sandbox, the rules critic, the paper's data and DJL
   * training, for two iterations; the second generates with what the first trained.
   */
  @Test
  @Tag("slow")
  void runsTwoIterationsWithTrainingOnRealParts() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(2 + 2)\n```", dir.resolve("policy.gguf"));
    Path runDir = dir.resolve("run");
    int code = run("run", "--model", model.toString(), "--problems", problems().toString(),
        "--run", runDir.toString(), "--iterations", "2", "--samples", "2", "--max-tokens", "16",
        "--threads", "1", "--context", "2048", "--algorithms", "SFT,DPO_NLL", "--lora-rank", "2", "--workers", "1",
        "--preference-learning-rate", "2e-5");
    assertThat(code).as(err.toString()).isZero();
    // DPO+NLL trains at its own rate (recorded in the manifest); SFT at --learning-rate's default
    assertThat(Files.readString(runDir.resolve("manifest.json")))
        .containsPattern("\"trainingOptions\" : \"TrainingOptions\\[learningRate=1.0E-4,")
        .containsPattern("\"trainingOptions.DPO_NLL\" : \"TrainingOptions\\[learningRate=2.0E-5,");
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertThat(first.get("samples").asInt()).isEqualTo(4);
    assertThat(first.get("approved").asInt()).isEqualTo(2);
    assertThat(first.get("sftExamples").asInt()).isPositive();
    assertThat(runDir.resolve("iter-0/checkpoint/step-0-sft/result.json")).exists();
    assertThat(Files.readAllLines(runDir.resolve("iter-1/solutions.jsonl"))).hasSize(4);
    assertThat(err.toString()).contains("siam4j run: 2 iteration(s) in " + runDir + "; final policy ");
  }
}
