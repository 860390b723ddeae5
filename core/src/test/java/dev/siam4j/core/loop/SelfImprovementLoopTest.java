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
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.TrainingOptions;
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

@SuppressWarnings("deprecation") // replay, accumulate and trainFromSeed stay tested while they exist
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
  void run_theModelTrainedInOneIterationGeneratesInTheNext() throws Exception {
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
    // typed: each step of the plan with its trainer's metrics, nothing parsed from keys
    assertThat(r.iterations().get(0).trainingSteps())
        .extracting(TrainingStepMetrics::step, TrainingStepMetrics::algorithm)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, Algorithm.SFT), org.assertj.core.groups.Tuple.tuple(1, Algorithm.DPO));
    assertThat(r.iterations().get(0).trainingSteps().get(0).metrics()).containsOnlyKeys("examples", "skill");
    assertThat(r.iterations().get(0).gate()).isEmpty();
    assertThat(Files.readString(dir.resolve("run/iter-0/metrics.json")))
        .contains("\"trainingSteps\" : [ {", "\"algorithm\" : \"SFT\"")
        .doesNotContain("0-sft.skill");
    Checkpoint last = r.finalCheckpoint().orElseThrow();
    assertThat(last.model()).startsWith(dir.resolve("run/iter-2/checkpoint"));
    assertThat(events)
        .containsSubsequence(
            "0:GENERATE", "0:EXECUTE", "0:CRITIQUE", "0:BUILD_DATA", "0:TRAIN", "0:done", "1:GENERATE",
            "2:done");
  }

  /** Two iterations of the toy world that train SFT then DPO+NLL with {@code options}. */
  private SelfImprovementLoop.Builder sftThenDpoNll(Trainer trainer, TrainingOptions options) {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(20))
        .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 2), ToyWorld.loader(Duration.ZERO))
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .preferenceBuilder(ToyWorld.preferenceBuilder())
        .trainer(trainer)
        .trainingPlan(Algorithm.SFT, Algorithm.DPO_NLL)
        .trainingOptions(options)
        .iterations(2)
        .runFolder(dir.resolve("run"));
  }

  @Test
  void run_aStepWithItsOwnTrainingOptionsTrainsWithThemAndTheOthersWithTheLoops() throws Exception {
    Trainer toy = ToyWorld.trainer(Duration.ZERO);
    List<String> jobs = Collections.synchronizedList(new ArrayList<>());
    Trainer recording =
        job -> {
          jobs.add(job.algorithm() + "@" + job.options().learningRate());
          return toy.train(job);
        };
    TrainingOptions sft = new TrainingOptions(5e-4, 2, 16, 192, 0.1, 1.0, 0, 1);
    SelfImprovementLoop.Builder b =
        sftThenDpoNll(recording, sft).trainingOptions(Algorithm.DPO_NLL, sft.withLearningRate(5e-5));
    b.build().run();

    assertThat(jobs).containsExactly("SFT@5.0E-4", "DPO_NLL@5.0E-5", "SFT@5.0E-4", "DPO_NLL@5.0E-5");
    // the manifest records the override, so a rerun with another one is refused
    assertThat(Files.readString(dir.resolve("run/manifest.json")))
        .contains("\"trainingOptions.DPO_NLL\" : \"" + sft.withLearningRate(5e-5) + "\"");
    assertThatThrownBy(() -> sftThenDpoNll(recording, sft).build().run())
        .isInstanceOf(RunStoreException.class)
        .hasMessageContaining("trainingOptions.DPO_NLL");
    assertThatThrownBy(() -> b.trainingOptions(Algorithm.DPO_NLL, sft))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("trainingOptions(DPO_NLL) was already set to");
  }

  @Test
  void build_refusesTrainingOptionsForAnAlgorithmThePlanDoesNotRun() {
    TrainingOptions o = TrainingOptions.DEFAULT.withLearningRate(1e-5);
    assertThatThrownBy(
            () -> minimal().preferenceBuilder(ToyWorld.preferenceBuilder())
                .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 2), ToyWorld.loader(Duration.ZERO))
                .trainer(ToyWorld.trainer(Duration.ZERO))
                .trainingOptions(Algorithm.ORPO, o)
                .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> SelfImprovementLoop.builder()
                .problems(ToyWorld.problems(3))
                .generator(new ToyWorld.Policy(5, Duration.ZERO))
                .executor(ToyWorld.executor(Duration.ZERO))
                .critic(ToyWorld.critic())
                .runFolder(dir.resolve("run"))
                .trainingOptions(Algorithm.SFT, o)
                .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("trainingOptions are set for SFT but the training plan is empty (no trainer) has no such step");
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

  @Test
  void run_problemsPerIteration_givesEachIterationTheNextProblemsAndStartsOverAfterTheLast() throws Exception {
    SelfImprovementLoop.Builder b =
        minimal().build().toBuilder().problems(ToyWorld.problems(5)).samplesPerProblem(2).iterations(3).problemsPerIteration(2);
    LoopResult r = b.build().run();
    assertThat(problemIds(dir.resolve("run/iter-0"))).containsExactly("toy-0", "toy-1");
    assertThat(problemIds(dir.resolve("run/iter-1"))).containsExactly("toy-2", "toy-3");
    // five problems, two an iteration: the third iteration takes the last and then the first
    assertThat(problemIds(dir.resolve("run/iter-2"))).containsExactly("toy-4", "toy-0");
    assertThat(r.iterations()).extracting(IterationMetrics::problems).containsExactly(2L, 2L, 2L);
    assertThat(r.iterations()).extracting(IterationMetrics::samples).containsExactly(4L, 4L, 4L);

    // a fourth iteration resumes the run and takes the next two
    SelfImprovementLoop longer = b.build().toBuilder().iterations(4).build();
    assertThat(longer.run().iterations()).hasSize(4);
    assertThat(problemIds(dir.resolve("run/iter-3"))).containsExactly("toy-1", "toy-2");

    // part of the configuration: the same folder with every problem every iteration is refused
    SelfImprovementLoop all =
        minimal().build().toBuilder().problems(ToyWorld.problems(5)).samplesPerProblem(2).iterations(3).build();
    assertThatThrownBy(all::run)
        .isInstanceOf(RunStoreException.class)
        .hasMessageContaining("problemsPerIteration");
    // more than there are is every problem, each once
    minimal().problemsPerIteration(10).build().toBuilder().runFolder(dir.resolve("big")).build().run();
    assertThat(problemIds(dir.resolve("big/iter-0"))).containsExactly("toy-0", "toy-1", "toy-2");
    assertThatThrownBy(() -> SelfImprovementLoop.builder().problemsPerIteration(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("problemsPerIteration must be positive, was 0");
  }

  /**
   * A gate that rejects iteration 1's training: iteration 2 generates with iteration 0's policy
   * again (the toy policy's skill shows in its pass@1), the decision is in gate.json and the
   * metrics, and a rerun reads it rather than asking again.
   */
  @Test
  void run_aGateThatRejectsKeepsThePolicyTheIterationGeneratedWith() throws Exception {
    List<dev.siam4j.core.Checkpoint[]> asked = new ArrayList<>();
    PolicyGate gate =
        (iteration, current, candidate) -> {
          asked.add(new dev.siam4j.core.Checkpoint[] {current, candidate});
          return new PolicyGate.Decision(iteration != 1, java.util.Map.of("validation", 0.5 + iteration), "iteration " + iteration);
        };
    SelfImprovementLoop.Builder b =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(10))
            .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 2), ToyWorld.loader(Duration.ZERO))
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .preferenceBuilder(ToyWorld.preferenceBuilder())
            .trainer(ToyWorld.trainer(Duration.ZERO))
            .gate(gate)
            .samplesPerProblem(10)
            .iterations(3)
            .runFolder(dir.resolve("run"));
    LoopResult r = b.build().run();

    assertThat(asked).hasSize(3);
    assertThat(asked.get(0)[0].model()).isEqualTo(dir.resolve("seed.txt"));
    // iteration 1 started from what iteration 0 trained; its own training was rejected, so
    // iteration 2 started from iteration 0's policy again, and trained from it
    assertThat(asked.get(1)[0]).isEqualTo(asked.get(0)[1]);
    assertThat(asked.get(2)[0]).isEqualTo(asked.get(0)[1]);
    assertThat(r.finalCheckpoint()).contains(asked.get(2)[1]);
    assertThat(r.iterations().get(0).training()).containsEntry("gate.accepted", 1.0).containsEntry("gate.validation", 0.5);
    assertThat(r.iterations().get(1).training()).containsEntry("gate.accepted", 0.0).containsEntry("gate.validation", 1.5);
    assertThat(r.iterations().get(1).gate()).hasValueSatisfying(d -> {
      assertThat(d.accept()).isFalse();
      assertThat(d.metrics()).containsEntry("validation", 1.5);
    });
    assertThat(Files.readString(dir.resolve("run/iter-1/gate.json"))).contains("\"accept\" : false", "iteration 1");

    // a rerun reads the decisions instead of asking again
    asked.clear();
    assertThat(b.build().run().finalCheckpoint()).isEqualTo(r.finalCheckpoint());
    assertThat(asked).isEmpty();
    assertThatThrownBy(() -> minimal().gate(gate).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a gate is set but there is no trainer");
  }

  /** The problem ids of an iteration's solutions, each once, in order. */
  private static List<String> problemIds(Path iter) {
    List<String> ids = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(iter.resolve("solutions.jsonl"))) {
      r.forEachLine(l -> {
        String id = l.as(dev.siam4j.core.Solution.class).key().problemId();
        if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(id)) {
          ids.add(id);
        }
      });
    }
    return ids;
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

  /** A generator over "endpoints" that serve 10 calls at once and counts the calls it sees together. */
  private static final class TenSlotGenerator implements dev.siam4j.core.Generator, dev.siam4j.core.remote.Capacity {
    private final dev.siam4j.core.Generator inner = new ToyWorld.Policy(5, Duration.ZERO);
    private final java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(4);
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public int capacity() {
      return 10;
    }

    @Override
    public List<dev.siam4j.core.Completion> generate(dev.siam4j.core.GenerationRequest request) {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      together.countDown();
      try {
        together.await(5, java.util.concurrent.TimeUnit.SECONDS); // released once 4 calls overlap
        return inner.generate(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Test
  void run_aGeneratorThatReportsItsCapacityIsKeptBusyByDefault() {
    TenSlotGenerator generator = new TenSlotGenerator();
    SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(8))
        .generator(generator)
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .samplesPerProblem(5)
        .runFolder(dir.resolve("busy"))
        .build()
        .run();
    // capacity 10 at 5 calls a problem: twice the 2 problems that fill it
    assertThat(generator.most.get()).isEqualTo(4);
  }
}
