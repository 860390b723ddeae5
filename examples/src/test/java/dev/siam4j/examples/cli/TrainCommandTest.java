package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.gguf.GgufFile;
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

final class TrainCommandTest {
  private static final String PROMPT = "{\"text\":\"What is 2+2?\\n```python\\n\",\"messages\":[],\"chat\":false}";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private static String key(int sample) {
    return "{\"problemId\":\"p1\",\"sampleIndex\":" + sample + ",\"iteration\":0}";
  }

  private Path sft() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      lines.append("{\"key\":").append(key(i)).append(",\"prompt\":").append(PROMPT)
          .append(",\"completion\":\"print(2 + 2)```\",\"confidence\":1.0}\n");
    }
    return Files.writeString(dir.resolve("sft.jsonl"), lines);
  }

  private Path pairs() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      lines.append("{\"chosenKey\":").append(key(2 * i)).append(",\"rejectedKey\":").append(key(2 * i + 1))
          .append(",\"prompt\":").append(PROMPT)
          .append(",\"chosen\":\"print(2 + 2)```\",\"rejected\":\"print(2 + 3)```\"}\n");
    }
    return Files.writeString(dir.resolve("pairs.jsonl"), lines);
  }

  private Path model() {
    return LlamaModelFactory.writeAnswering("print(5)\n```", dir.resolve("base.gguf"));
  }

  /** Full fine-tuning by SFT: a new model file, one log line a step, the result line on stdout. */
  @Test
  @Tag("slow")
  void sftWritesAModelALogLineAStepAndOneResultLine() throws Exception {
    Path output = dir.resolve("sft-out");
    int code = run("train", "--model", model().toString(), "--algorithm", "sft", "--sft", sft().toString(),
        "--output", output.toString(), "--lora-rank", "0", "--epochs", "2", "--batch-size", "4",
        "--learning-rate", "1e-3");
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode result = Json.mapper().readTree(lines.get(0));
    assertThat(result.get("algorithm").asText()).isEqualTo("SFT");
    assertThat(result.get("examples").asInt()).isEqualTo(6);
    assertThat(result.has("adapter")).isFalse();
    Path trained = Path.of(result.get("model").asText());
    assertThat(trained).startsWith(output).isRegularFile();
    // a readable GGUF with the base model's tensors, and weights that moved
    assertThat(GgufFile.read(trained).tensors()).hasSameSizeAs(GgufFile.read(dir.resolve("base.gguf")).tensors());
    assertThat(Files.mismatch(trained, dir.resolve("base.gguf"))).isNotEqualTo(-1L);
    // 6 examples in batches of 4 for 2 epochs: 4 steps
    assertThat(result.get("metrics").get("steps").asDouble()).isEqualTo(4.0);
    assertThat(Files.readAllLines(output.resolve("train.jsonl"))).hasSize(4);
  }

  /** DPO+NLL with LoRA: an adapter next to the unchanged base, and the pairs' reward metrics. */
  @Test
  @Tag("slow")
  void dpoNllWithLoraWritesAnAdapter() throws Exception {
    Path base = model();
    Path output = dir.resolve("dpo-out");
    int code = run("train", "--model", base.toString(), "--algorithm", "dpo-nll", "--pairs", pairs().toString(),
        "--output", output.toString(), "--lora-rank", "2", "--batch-size", "2");
    assertThat(code).as(err.toString()).isZero();
    JsonNode result = Json.mapper().readTree(out.toString().lines().findFirst().orElseThrow());
    assertThat(result.get("algorithm").asText()).isEqualTo("DPO_NLL");
    assertThat(result.get("examples").asInt()).isEqualTo(4);
    assertThat(Path.of(result.get("model").asText())).isEqualTo(base);
    assertThat(Path.of(result.get("adapter").asText())).startsWith(output).isRegularFile();
    assertThat(result.get("metrics").has("reward_accuracy")).isTrue();
    assertThat(result.get("metrics").get("steps").asDouble()).isEqualTo(2.0);
  }

  @Test
  void anUnknownAlgorithmIsMisuse() throws Exception {
    assertThat(run("train", "--model", model().toString(), "--algorithm", "magic", "--sft", sft().toString(),
        "--output", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("siam4j: Invalid value for option '--algorithm': 'magic' is not one of sft, dpo, dpo-nll, ipo, orpo,"
            + " simpo, kto (see --help)");
  }

  @Test
  void aPreferenceObjectiveWithoutPairsIsMisuse() throws Exception {
    assertThat(run("train", "--model", model().toString(), "--algorithm", "dpo", "--sft", sft().toString(),
        "--output", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: DPO trains on --pairs only; drop --sft");
    err.getBuffer().setLength(0);
    assertThat(run("train", "--model", model().toString(), "--algorithm", "orpo",
        "--output", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: ORPO needs --pairs FILE");
  }

  @Test
  void aBadLineIsMisuseNamingFileAndLineAndNothingIsWritten() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        Files.readString(sft()).lines().findFirst().orElseThrow() + "\n{\"key\":" + key(9) + ",\"prompt\":" + PROMPT + "}\n");
    Path output = dir.resolve("o");
    assertThat(run("train", "--model", model().toString(), "--algorithm", "SFT", "--sft", bad.toString(),
        "--output", output.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("siam4j: " + bad + ":2:");
    assertThat(output).doesNotExist();
  }

  @Test
  void missingFilesAndEmptyDataAreMisuse() throws Exception {
    assertThat(run("train", "--model", dir.resolve("none.gguf").toString(), "--algorithm", "SFT",
        "--sft", sft().toString(), "--output", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: " + dir.resolve("none.gguf") + ": no such model file");
    err.getBuffer().setLength(0);
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
    assertThat(run("train", "--model", model().toString(), "--algorithm", "SFT", "--sft", empty.toString(),
        "--output", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: " + empty + ": no SFT examples");
  }

  @Test
  void badOptionsAreMisuse() throws Exception {
    assertThat(run("train", "--model", model().toString(), "--algorithm", "SFT", "--sft", sft().toString(),
        "--output", dir.resolve("o").toString(), "--lora-rank", "0", "--merge")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --merge merges a LoRA adapter; give --lora-rank > 0");
    err.getBuffer().setLength(0);
    assertThat(run("train", "--model", model().toString(), "--algorithm", "SFT", "--sft", sft().toString(),
        "--output", dir.resolve("o").toString(), "--learning-rate", "0")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: --learning-rate must be positive, was 0.0");
  }
}
