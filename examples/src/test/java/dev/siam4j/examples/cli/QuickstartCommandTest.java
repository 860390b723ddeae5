package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.examples.quickstart.QuickstartResults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class QuickstartCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private static List<String> ids(Path jsonl, String field) throws java.io.IOException {
    List<String> ids = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      ids.add(dev.siam4j.core.jsonl.Json.mapper().readTree(line).get(field).asText());
    }
    return ids;
  }

  @Test
  void aNonPositiveCountIsAUsageError() {
    assertThat(run("quickstart", "--seeds", "0", "--output", dir.toString())).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("siam4j: --seeds must be positive, was 0\n");
  }

  @Test
  void anUnknownTrainingDataOrANonPositiveLearningRateIsAUsageError() {
    assertThat(run("quickstart", "--training-data", "everything", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("siam4j: Invalid value for option '--training-data': 'everything' is not one of iteration, replay,"
            + " expert-iteration (see --help)\n");

    err.getBuffer().setLength(0);
    assertThat(run("quickstart", "--lr", "0", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("siam4j: learningRate must be positive, was 0.0\n");

    err.getBuffer().setLength(0);
    assertThat(run("quickstart", "--preference-lr", "-1e-5", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("siam4j: preferenceLearningRate must be positive, was -1.0E-5\n");
  }

  @Test
  void moreProblemsPerIterationThanThePoolHoldsIsAUsageError() {
    assertThat(run("quickstart", "--pool", "100", "--pool-per-iteration", "200", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("siam4j: poolPerIteration (200) must not exceed poolSize (100)\n");
  }

  @Test
  void explorationAndAblationArmsAreCheckedAsUsage() {
    assertThat(run("quickstart", "--no-exploration", "--explore-samples", "8", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("siam4j: --no-exploration cannot be combined with --explore-samples, --explore-temperature or"
            + " --explore-rounds\n");

    err.getBuffer().setLength(0);
    assertThat(run("quickstart", "--explore-samples", "0", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("siam4j: extraSamples must be positive, was 0\n");

    err.getBuffer().setLength(0);
    assertThat(run("quickstart", "--ablation", "no-pool", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("siam4j: Invalid value for option '--ablation' (ARM): 'no-pool' is not one of rule-only, dpo, no-grounding,"
            + " no-reachable (see --help)\n");
  }

  @Test
  void aMissingSeedModelIsAUsageError() {
    Path missing = dir.resolve("missing.gguf");

    assertThat(run("quickstart", "--reduced", "--seed-model", missing.toString(), "--output", dir.toString()))
        .isEqualTo(2);

    assertThat(err.toString()).isEqualTo("siam4j: --seed-model " + missing + " is not a file\n");
  }

  @Test
  @Tag("slow")
  void aReducedQuickstartRunsEveryStageAndWritesTheReport() throws Exception {
    Path output = dir.resolve("qs");

    int code = run("quickstart", "--reduced", "--seeds", "2", "--output", output.toString());

    assertThat(code).as(err.toString()).isZero();
    Path iteration = output.resolve("seed-1").resolve("loop").resolve("iter-0");
    for (String records : List.of("solutions.jsonl", "executions.jsonl", "verdicts.jsonl")) {
      assertThat(Files.readAllLines(iteration.resolve(records))).as(records).hasSize(24 * 2);
    }
    assertThat(Files.readAllLines(iteration.resolve("data.jsonl"))).hasSize(24);
    // the iteration worked on the first 24 of the pool's 48 problems; 8 more are held out for
    // the gate, which decided on what the iteration trained
    List<String> pool = ids(output.resolve("problems").resolve("pool.jsonl"), "id");
    assertThat(pool).hasSize(48 + 8);
    assertThat(ids(iteration.resolve("data.jsonl"), "problemId")).containsExactlyElementsOf(pool.subList(0, 24));
    assertThat(iteration.resolve("gate.json")).exists();
    assertThat(err.toString() + out).contains("[seed-1] gate after iteration 1: validation accuracy ", "on 8 held-out problems");
    assertThat(iteration.resolve("sft.jsonl")).exists();
    assertThat(iteration.resolve("pairs.jsonl")).exists();
    assertThat(iteration.resolve("metrics.json")).exists();
    for (String split : List.of("seed", "pool", "test-id", "test-ood")) {
      assertThat(Files.readAllLines(output.resolve("problems").resolve(split + ".jsonl"))).isNotEmpty();
    }
    assertThat(output.resolve("report.html")).exists();
    QuickstartResults results = QuickstartResults.read(output.resolve("metrics.json"));
    assertThat(results.runs()).extracting(QuickstartResults.SeedRun::seed).containsExactly(1L, 2L);
    // one evaluation seed for every model: the seed model is scored once, for both loop seeds
    assertThat(results.runs().get(1).iterations().get(0).scores()).isEqualTo(results.runs().get(0).iterations().get(0).scores());
    assertThat(err.toString() + out).contains("[seed-2] the seed model: evaluated before");
    assertThat(results.runs().get(0).iterations()).extracting(QuickstartResults.IterationResult::iteration)
        .containsExactly(0, 1);
    assertThat(results.runs().get(0).iterations().get(1).loop()).isPresent();
    assertThat(results.runs().get(0).iterations().get(1).loop().get().kept()).isPresent();
    assertThat(results.runs().get(0).iterations().get(1).loop().get().gate()).containsKeys("current", "candidate");
    assertThat(results.runs().get(0).iterations().get(0).scores())
        .extracting(QuickstartResults.Score::split)
        .containsOnly("test-id", "test-ood", "test-id greedy", "test-ood greedy");
    // 12 problems a test split, each answered twice at temperature 0.7 and once greedily
    List<QuickstartResults.Score> seedModel = results.runs().get(0).iterations().get(0).scores();
    assertThat(seedModel.stream().filter(s -> !s.split().endsWith(" greedy"))
        .mapToLong(QuickstartResults.Score::evaluated).sum()).isEqualTo(2 * 24);
    assertThat(seedModel.stream().filter(s -> s.split().endsWith(" greedy"))
        .mapToLong(QuickstartResults.Score::evaluated).sum()).isEqualTo(24);
    assertThat(out.toString()).contains("seed model", "iteration 1", "report:  " + output.resolve("report.html"));
    // exploration: one line per problem; an unsolved problem's 2 more samples have indices 2 and 3
    List<String> explored = Files.readAllLines(iteration.resolve("exploration.jsonl"));
    assertThat(explored).hasSize(24);
    for (String line : explored) {
      com.fasterxml.jackson.databind.JsonNode samples = dev.siam4j.core.jsonl.Json.mapper().readTree(line).get("samples");
      assertThat(samples.size()).isIn(0, 2);
      for (int i = 0; i < samples.size(); i++) {
        assertThat(samples.get(i).path("solution").path("key").path("sampleIndex").asInt()).isEqualTo(2 + i);
      }
    }
    assertThat(Files.readString(output.resolve("seed-1").resolve("loop").resolve("manifest.json")))
        .contains("Exploration[extraSamples=2, temperature=0.7, rounds=1]");
    assertThat(results.runs().get(0).iterations().get(1).loop().get().exploration())
        .containsOnlyKeys("explored", "samples", "approved", "solved");
    // the reachable types are their own group, with the shipped seed model's pass@k per type
    assertThat(seedModel).extracting(QuickstartResults.Score::group).contains("reachable", "new", "paraphrase");
    assertThat(results.seedPassAtK()).extracting(QuickstartResults.TypePassAtK::group).contains("reachable", "new");
  }
}
