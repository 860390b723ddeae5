package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.testing.ToyLoopMain;
import dev.siam4j.core.testing.ToyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SelfImprovementLoopTest {

  @TempDir Path dir;

  private SelfImprovementLoop.Builder minimal() {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(3))
        .generator(new ToyWorld.Policy(5, Duration.ZERO))
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .runFolder(dir.resolve("run"));
  }

  @Test
  void builder_rejectsBadValuesAtOnce() {
    SelfImprovementLoop.Builder b = SelfImprovementLoop.builder();
    assertThatThrownBy(() -> b.samplesPerProblem(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samplesPerProblem must be positive, was 0");
    assertThatThrownBy(() -> b.iterations(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterations must be positive, was -1");
    assertThatThrownBy(() -> b.critic(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("critic");
  }

  @Test
  void builder_refusesAValueSetTwiceNamingTheOldOne() {
    SelfImprovementLoop.Builder b = SelfImprovementLoop.builder().samplesPerProblem(5);
    assertThatThrownBy(() -> b.samplesPerProblem(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("samplesPerProblem was already set to 5");
  }

  @Test
  void build_namesWhatIsMissing() {
    assertThatThrownBy(() -> SelfImprovementLoop.builder().samplesPerProblem(2).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("missing: problems, runFolder, generator or policy, executor, critic");
  }

  @Test
  void build_refusesATrainerWithoutAPolicyLoader() {
    SelfImprovementLoop.Builder b =
        minimal().preferenceBuilder(ToyWorld.preferenceBuilder()).trainer(ToyWorld.trainer(Duration.ZERO));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "a trainer needs policy(seed, loader) so that the next iteration can load what it trained");
  }

  @Test
  void toBuilder_derivesAVariantThatMayOverrideEachSetting() {
    SelfImprovementLoop base = minimal().samplesPerProblem(2).build();
    SelfImprovementLoop variant = base.toBuilder().samplesPerProblem(3).runFolder(dir.resolve("v")).build();
    LoopResult r = variant.run();
    assertThat(r.iterations().get(0).samples()).isEqualTo(9);
    assertThat(r.runFolder()).isEqualTo(dir.resolve("v"));
  }

  @Test
  void run_withoutTrainingJudgesEverySampleAndWritesTheStageFiles() throws Exception {
    LoopResult r = minimal().samplesPerProblem(4).build().run();
    IterationMetrics m = r.iterations().get(0);
    assertThat(m.problems()).isEqualTo(3);
    assertThat(m.samples()).isEqualTo(12);
    assertThat(m.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
    assertThat(m.passAt1()).isEqualTo((double) m.approved() / 12);
    assertThat(r.finalCheckpoint()).isEmpty();
    Path iter = dir.resolve("run/iter-0");
    assertThat(Files.readAllLines(iter.resolve("solutions.jsonl"))).hasSize(12);
    assertThat(Files.readAllLines(iter.resolve("executions.jsonl"))).hasSize(12);
    assertThat(Files.readAllLines(iter.resolve("verdicts.jsonl"))).hasSize(12);
    assertThat(iter.resolve("data.jsonl")).doesNotExist();
    assertThat(dir.resolve("run/manifest.json")).exists();
    assertThat(Files.readString(dir.resolve("run/report.md"))).contains("| 0 | 3 | 12 |");
  }

  @Test
  void run_theModelTrainedInOneIterationGeneratesInTheNext() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    LoopListener recorder =
        new LoopListener() {
          @Override
          public void stageStarted(LoopEvent.StageStarted e) {
            events.add(e.iteration() + ":" + e.stage());
          }

          @Override
          public void iterationFinished(LoopEvent.IterationFinished e) {
            events.add(e.iteration() + ":done");
          }
        };
    SelfImprovementLoop loop =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(20))
            .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 2), ToyWorld.loader(Duration.ZERO))
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .preferenceBuilder(ToyWorld.preferenceBuilder())
            .trainer(ToyWorld.trainer(Duration.ZERO))
            .trainingPlan(Algorithm.SFT, Algorithm.DPO)
            .samplesPerProblem(5)
            .iterations(3)
            .runFolder(dir.resolve("run"))
            .listener(recorder)
            .build();
    LoopResult r = loop.run();

    assertThat(r.iterations()).hasSize(3);
    assertThat(r.iterations().get(1).passAt1()).isGreaterThan(r.iterations().get(0).passAt1());
    assertThat(r.iterations().get(2).passAt1()).isGreaterThanOrEqualTo(r.iterations().get(1).passAt1());
    assertThat(r.iterations().get(0).training()).containsKeys("0-sft.skill", "1-dpo.skill");
    Checkpoint last = r.finalCheckpoint().orElseThrow();
    assertThat(last.model()).startsWith(dir.resolve("run/iter-2/checkpoint"));
    assertThat(events)
        .containsSubsequence(
            "0:GENERATE", "0:EXECUTE", "0:CRITIQUE", "0:BUILD_DATA", "0:TRAIN", "0:done", "1:GENERATE",
            "2:done");
  }

  @Test
  void run_sftExamplesComeOnlyFromApprovedSamples() {
    SelfImprovementLoop loop =
        minimal().preferenceBuilder(ToyWorld.preferenceBuilder()).samplesPerProblem(6).build();
    loop.run();
    Path iter = dir.resolve("run/iter-0");
    List<String> approved = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(iter.resolve("verdicts.jsonl"))) {
      r.forEachLine(l -> {
        if (l.json().path("verdict").path("correct").asBoolean()) {
          approved.add(l.json().path("key").toString());
        }
      });
    }
    List<String> sftKeys = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(iter.resolve("sft.jsonl"))) {
      r.forEachLine(l -> sftKeys.add(l.json().path("key").toString()));
      assertThat(l0(iter)).isNotNull();
    }
    assertThat(sftKeys).containsExactlyElementsOf(approved);
  }

  @Test
  void run_replayExamplesFollowTheIterationsOwnInEveryIterationAndArePartOfTheConfiguration() {
    List<SftExample> replay =
        List.of(
            new SftExample(new SampleKey("seed-1", 0, 0), Prompt.raw("q1\n"), "print(1)\n", 1.0),
            new SftExample(new SampleKey("seed-2", 0, 0), Prompt.raw("q2\n"), "print(2)\n", 1.0));
    SelfImprovementLoop loop =
        minimal().preferenceBuilder(ToyWorld.preferenceBuilder()).samplesPerProblem(6).replay(replay).build();
    loop.run();
    List<SftExample> sft = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(dir.resolve("run/iter-0/sft.jsonl"))) {
      r.forEachLine(l -> sft.add(l.as(SftExample.class)));
    }
    assertThat(sft).hasSizeGreaterThan(2);
    assertThat(sft.subList(sft.size() - 2, sft.size())).containsExactlyElementsOf(replay);
    assertThat(sft.subList(0, sft.size() - 2)).noneMatch(e -> e.key().problemId().startsWith("seed-"));
    // the iteration's own counts exclude the replayed examples
    assertThat(loop.run().iterations().get(0).sftExamples()).isEqualTo(sft.size() - 2);

    SelfImprovementLoop other =
        minimal().preferenceBuilder(ToyWorld.preferenceBuilder()).samplesPerProblem(6)
            .replay(replay.subList(0, 1)).build();
    assertThatThrownBy(other::run)
        .isInstanceOf(RunStoreException.class)
        .hasMessageContaining("replay: was 2 examples");
  }

  @Test
  void run_accumulateAndTrainFromSeed_trainEachIterationFromTheSeedOnEveryIterationsExamples() throws Exception {
    Path seed = dir.resolve("seed.txt");
    // completions tagged with their iteration, so that no example repeats one of another iteration
    PreferenceBuilder tagged =
        p -> {
          TrainingExamples t = ToyWorld.preferenceBuilder().build(p);
          return new TrainingExamples(
              t.sft().stream()
                  .map(e -> new SftExample(e.key(), e.prompt(), e.completion() + "# " + e.key().iteration() + "." + e.key().sampleIndex() + "\n", e.confidence()))
                  .toList(),
              t.pairs(),
              t.dropped());
        };
    SelfImprovementLoop loop =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(20))
            .policy(ToyWorld.checkpoint(seed, 2), ToyWorld.loader(Duration.ZERO))
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .preferenceBuilder(tagged)
            .trainer(ToyWorld.trainer(Duration.ZERO))
            .accumulate(true)
            .trainFromSeed(true)
            .samplesPerProblem(5)
            .iterations(3)
            .runFolder(dir.resolve("run"))
            .build();
    LoopResult r = loop.run();

    long own0 = r.iterations().get(0).sftExamples();
    long own1 = r.iterations().get(1).sftExamples();
    List<SftExample> sft1 = new ArrayList<>();
    try (JsonlReader in = JsonlReader.open(dir.resolve("run/iter-1/sft.jsonl"))) {
      in.forEachLine(l -> sft1.add(l.as(SftExample.class)));
    }
    // iteration 1 trains on its own examples, then iteration 0's
    assertThat(sft1).hasSize((int) (own0 + own1));
    assertThat(sft1.subList(0, (int) own1)).allMatch(e -> e.key().iteration() == 1);
    assertThat(sft1.subList((int) own1, sft1.size())).allMatch(e -> e.key().iteration() == 0);
    // every iteration's training started from the seed checkpoint: the toy trainer's skill is
    // 2 + 1 + examples / 10 (at most 10) from the base it is given
    for (int i = 0; i < 3; i++) {
      long lines;
      try (var l = Files.lines(dir.resolve("run/iter-" + i + "/sft.jsonl"))) {
        lines = l.count();
      }
      assertThat(r.iterations().get(i).training()).containsEntry("0-sft.skill", (double) Math.min(10, 3 + lines / 10));
    }
    assertThatThrownBy(() -> minimal().trainFromSeed(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trainFromSeed is set but there is no trainer");
  }

  private static SftExample l0(Path iter) {
    try (JsonlReader r = JsonlReader.open(iter.resolve("sft.jsonl"))) {
      return r.iterator().next().as(SftExample.class);
    }
  }

  @Test
  void run_againOnAFinishedFolderWritesNothingNew() throws Exception {
    SelfImprovementLoop loop = ToyLoopMain.loop(dir.resolve("run"), Duration.ZERO);
    loop.run();
    String before = Files.readString(dir.resolve("run/iter-1/verdicts.jsonl"));
    List<Long> records = Collections.synchronizedList(new ArrayList<>());
    loop.toBuilder()
        .listener(new LoopListener() {
          @Override
          public void stageFinished(LoopEvent.StageFinished e) {
            records.add(e.records());
          }
        })
        .build()
        .run();
    assertThat(records).isNotEmpty().containsOnly(0L);
    assertThat(Files.readString(dir.resolve("run/iter-1/verdicts.jsonl"))).isEqualTo(before);
  }

  @Test
  void run_refusesToResumeWithADifferentConfigurationAndNamesIt() {
    minimal().samplesPerProblem(2).build().run();
    SelfImprovementLoop other = minimal().samplesPerProblem(3).build();
    assertThatThrownBy(other::run)
        .isInstanceOf(RunStoreException.class)
        .hasMessageContaining("samplesPerProblem: was 2, now 3")
        .hasMessageContaining("cannot resume " + dir.resolve("run"));
  }

  @Test
  void run_aFailingListenerCannotBreakTheLoop() {
    LoopResult r =
        minimal()
            .listener(new LoopListener() {
              @Override
              public void stageProgress(LoopEvent.StageProgress e) {
                throw new IllegalStateException("listener bug");
              }
            })
            .build()
            .run();
    assertThat(r.iterations().get(0).samples()).isEqualTo(15);
  }

  @Test
  void run_programsWithoutCodeAreRecordedAsNoCodeErrors() {
    LoopResult r = minimal().samplesPerProblem(8).build().run();
    IterationMetrics m = r.iterations().get(0);
    assertThat(m.withCode()).isLessThan(m.samples());
    assertThat(m.outcomes().get(Outcome.ERROR)).isEqualTo(m.samples() - m.withCode());
  }

  @Test
  void run_concurrentStagesWriteTheSameRecordsAsSequentialOnes() throws Exception {
    minimal().samplesPerProblem(4).build().run();
    minimal()
        .samplesPerProblem(4)
        .concurrency(Stage.GENERATE, 3)
        .concurrency(Stage.EXECUTE, 2)
        .concurrency(Stage.CRITIQUE, 2)
        .build()
        .toBuilder()
        .runFolder(dir.resolve("parallel"))
        .build()
        .run();
    for (String f : List.of("solutions.jsonl", "executions.jsonl", "verdicts.jsonl")) {
      assertThat(Files.readString(dir.resolve("parallel/iter-0/" + f)))
          .isEqualTo(Files.readString(dir.resolve("run/iter-0/" + f)));
    }
  }
}
