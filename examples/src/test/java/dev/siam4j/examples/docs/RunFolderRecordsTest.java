package dev.siam4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.loop.LoopListener;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder's layout and record fields as docs/GUIDE.md lists them, checked on a run of the
 * guide's loop without a model (the canned generator, the real sandbox and rules, the paper's
 * data, a trainer that copies the model). A field added to or renamed in a record fails here,
 * naming the file; the guide's table is then updated with it. The run's files are also copied to
 * {@code target/docs-run/} to take the guide's examples from.
 */
final class RunFolderRecordsTest {
  private static Path run;

  @BeforeAll
  static void runTheGuidesDryLoop(@TempDir Path dir) throws IOException {
    Path seed = Files.writeString(dir.resolve("seed.gguf"), "weights");
    run = dir.resolve("runs/dry");
    try (PythonSandbox sandbox = PythonSandbox.builder().workers(1).build()) {
      GuideExamplesTest.dryRun(GuideExamplesTest.cannedGenerator(), sandbox, GuideExamplesTest.copyBase(),
          LoopListener.NONE, seed, run);
    }
    Path copy = Path.of("target/docs-run");
    try (Stream<Path> files = Files.walk(run)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = copy.resolve(run.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void theFolderHoldsTheFilesTheGuideLists() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(run)) {
      walk.filter(Files::isRegularFile).forEach(f -> files.add(run.relativize(f).toString().replace('\\', '/')));
    }

    assertThat(files).containsExactlyInAnyOrder(
        "manifest.json", "metrics.json", "report.md", "run.lock",
        "iter-0/solutions.jsonl", "iter-0/executions.jsonl", "iter-0/verdicts.jsonl", "iter-0/data.jsonl",
        "iter-0/sft.jsonl", "iter-0/pairs.jsonl", "iter-0/stages.jsonl", "iter-0/metrics.json",
        "iter-0/checkpoint/step-0-sft/model.gguf", "iter-0/checkpoint/step-0-sft/result.json",
        "iter-1/solutions.jsonl", "iter-1/executions.jsonl", "iter-1/verdicts.jsonl", "iter-1/data.jsonl",
        "iter-1/sft.jsonl", "iter-1/pairs.jsonl", "iter-1/stages.jsonl", "iter-1/metrics.json",
        "iter-1/checkpoint/step-0-sft/model.gguf", "iter-1/checkpoint/step-0-sft/result.json");
  }

  @Test
  void eachRecordHasTheFieldsTheGuideNames() throws IOException {
    assertFields("manifest.json", "configuration", "versions", "settings");
    assertFields("iter-0/solutions.jsonl", "key", "prompt", "completion", "code");
    assertFields("iter-0/solutions.jsonl", "/key", "problemId", "sampleIndex", "iteration");
    assertFields("iter-0/solutions.jsonl", "/completion", "text", "finishReason", "promptTokens", "completionTokens");
    assertFields("iter-0/executions.jsonl", "key", "execution");
    assertFields("iter-0/executions.jsonl", "/execution", "outcome", "exitCode", "stdout", "stderr", "answer", "elapsed", "error");
    assertFields("iter-0/verdicts.jsonl", "key", "verdict");
    assertFields("iter-0/verdicts.jsonl", "/verdict", "correct", "confidence", "judge", "rationale");
    assertFields("iter-0/data.jsonl", "problemId", "iteration", "examples");
    assertFields("iter-0/data.jsonl", "/examples", "sft", "pairs", "dropped");
    assertFields("iter-0/sft.jsonl", "key", "prompt", "completion", "confidence");
    assertFields("iter-0/pairs.jsonl", "chosenKey", "rejectedKey", "prompt", "chosen", "rejected");
    assertFields("iter-0/stages.jsonl", "stage", "records", "seconds");
    assertFields("iter-0/checkpoint/step-0-sft/result.json", "checkpoint", "metrics");
    assertFields("iter-0/metrics.json", "iteration", "problems", "samples", "withCode", "outcomes", "approved",
        "passAt1", "passAtK", "judges", "sftExamples", "pairs", "dropped", "flagged", "stageSeconds", "trainingSteps",
        "gate");
    assertFields("iter-0/metrics.json", "/trainingSteps/0", "step", "algorithm", "metrics");
  }

  @Test
  void theRecordsSayWhatHappened() throws IOException {
    JsonNode execution = first("iter-0/executions.jsonl").get("execution");
    JsonNode verdict = first("iter-0/verdicts.jsonl").get("verdict");
    JsonNode metrics = Json.mapper().readTree(run.resolve("iter-0/metrics.json").toFile());

    assertThat(execution.get("outcome").asText()).isEqualTo("OK");
    assertThat(execution.get("answer").asText()).isEqualTo("18");
    assertThat(verdict.get("correct").asBoolean()).isTrue();
    assertThat(verdict.get("judge").asText()).isEqualTo("rules");
    assertThat(metrics.get("passAt1").asDouble()).isEqualTo(0.5);
    assertThat(metrics.at("/trainingSteps/0/algorithm").asText()).isEqualTo("SFT");
    assertThat(metrics.at("/trainingSteps/0/metrics/examples").asDouble()).isEqualTo(1.0);
  }

  private static JsonNode first(String file) throws IOException {
    Path p = run.resolve(file);
    String text = file.endsWith(".jsonl") ? Files.readAllLines(p).get(0) : Files.readString(p);
    return Json.mapper().readTree(text);
  }

  /** The record's (or the object at {@code pointer}'s) field names are exactly {@code names}. */
  private static void assertFields(String file, String... pointerAndNames) throws IOException {
    JsonNode node = first(file);
    String[] names = pointerAndNames;
    if (pointerAndNames[0].startsWith("/")) {
      node = node.at(pointerAndNames[0]);
      names = java.util.Arrays.copyOfRange(pointerAndNames, 1, pointerAndNames.length);
    }
    List<String> actual = new ArrayList<>();
    node.fieldNames().forEachRemaining(actual::add);
    assertThat(actual).as(file + " " + pointerAndNames[0]).containsExactlyInAnyOrder(names);
  }
}
