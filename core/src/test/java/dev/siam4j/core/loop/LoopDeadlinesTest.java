package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Execution;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.store.ExecutionRecord;
import dev.siam4j.core.testing.ToyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-call deadlines of the stages' components, and cancelling the loop by interrupting it. */
final class LoopDeadlinesTest {
  @TempDir Path dir;

  private SelfImprovementLoop.Builder loop(Generator generator, Path run) {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(3))
        .generator(generator)
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .samplesPerProblem(2)
        .runFolder(run);
  }

  private static Generator toy() {
    return new ToyWorld.Policy(5, Duration.ZERO);
  }

  @Test
  void builder_refusesANonPositiveDeadlineAndOneSetTwice() {
    SelfImprovementLoop.Builder b = SelfImprovementLoop.builder();
    assertThatThrownBy(() -> b.callTimeout(Stage.EXECUTE, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callTimeout of EXECUTE must be positive, was PT0S");
    assertThatThrownBy(() -> b.callTimeout(null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("stage");
    b.callTimeout(Stage.EXECUTE, Duration.ofSeconds(1));
    assertThatThrownBy(() -> b.callTimeout(Stage.EXECUTE, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("callTimeout of EXECUTE was already set to PT1S");
  }

  @Test
  void defaultsLeaveARealModelRoom() {
    assertThat(SelfImprovementLoop.defaultCallTimeout(Stage.GENERATE)).isEqualTo(Duration.ofMinutes(30));
    assertThat(SelfImprovementLoop.defaultCallTimeout(Stage.EXECUTE)).isEqualTo(Duration.ofMinutes(10));
    assertThat(SelfImprovementLoop.defaultCallTimeout(Stage.CRITIQUE)).isEqualTo(Duration.ofMinutes(30));
    assertThat(SelfImprovementLoop.defaultCallTimeout(Stage.BUILD_DATA)).isEqualTo(Duration.ofMinutes(10));
    assertThat(SelfImprovementLoop.defaultCallTimeout(Stage.TRAIN)).isEqualTo(Duration.ofDays(7));
  }

  /** Never returns for toy-0's programs (3 + 11: they print 14 to 19), even when interrupted; runs the others. */
  static final class HangsOnToy0 implements CodeExecutor {
    @Override
    public Execution execute(String code) {
      if (code.matches("(?s).*print\\(1[4-9]\\).*")) {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
          try {
            never.await();
          } catch (InterruptedException ignoredOnPurpose) {
            // a badly behaved executor
          }
        }
      }
      return ToyWorld.executor(Duration.ZERO).execute(code);
    }
  }

  @Test
  void anExecutionPastItsDeadlineIsATimeoutRecordAndTheRunGoesOn() throws Exception {
    Path run = dir.resolve("run");
    SelfImprovementLoop l =
        loop(toy(), run).build().toBuilder().executor(new HangsOnToy0()).callTimeout(Stage.EXECUTE, Duration.ofMillis(300)).build();
    LoopResult result = l.run();

    List<ExecutionRecord> records =
        Files.readAllLines(run.resolve("iter-0/executions.jsonl")).stream()
            .map(line -> readRecord(line))
            .toList();
    List<ExecutionRecord> timedOut = records.stream().filter(r -> r.execution().outcome() == Outcome.TIMEOUT).toList();
    assertThat(timedOut).isNotEmpty().allSatisfy(r -> assertThat(r.key().problemId()).isEqualTo("toy-0"));
    assertThat(timedOut.get(0).execution().stderr())
        .isEqualTo(
            "EXECUTE timed out in iteration 0 at problem toy-0: " + HangsOnToy0.class.getName()
                + " did not return within its deadline of PT0.3S (callTimeout(EXECUTE)); the call was interrupted and abandoned");
    assertThat(timedOut.get(0).execution().elapsed()).isEqualTo(Duration.ofMillis(300));
    assertThat(records).hasSize(6);
    assertThat(result.iterations().get(0).outcomes()).containsEntry(Outcome.TIMEOUT, (long) timedOut.size());
    assertThat(Files.readString(run.resolve("manifest.json")))
        .contains("\"callTimeout.EXECUTE\" : \"PT0.3S\"", "\"callTimeout.GENERATE\" : \"PT30M\"");
  }

  private static ExecutionRecord readRecord(String line) {
    try {
      return Json.mapper().readValue(line, ExecutionRecord.class);
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }

  /** Hangs (until interrupted) on the second problem while {@link #hang} is set. */
  static final class HangsOnce implements Generator {
    final AtomicBoolean hang = new AtomicBoolean(true);
    final CountDownLatch hanging = new CountDownLatch(1);

    @Override
    public List<Completion> generate(GenerationRequest request) {
      if (hang.get() && request.prompt().flatten().contains("What is 10 + 24?")) {
        hanging.countDown();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return toy().generate(request);
    }
  }

  @Test
  void aGeneratorPastItsDeadlineFailsTheRunNamingStageProblemAndClassAndALongerDeadlineResumes() throws Exception {
    Path run = dir.resolve("run");
    HangsOnce g = new HangsOnce();
    assertThatThrownBy(() -> loop(g, run).callTimeout(Stage.GENERATE, Duration.ofMillis(200)).build().run())
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage(
            "GENERATE failed in iteration 0 at problem toy-1: " + HangsOnce.class.getName()
                + " did not return within its deadline of PT0.2S (callTimeout(GENERATE)); the call was interrupted"
                + " and abandoned, and a rerun resumes");
    assertThat(Files.readAllLines(run.resolve("iter-0/solutions.jsonl"))).hasSize(2);

    g.hang.set(false);
    // the deadline is a setting, not configuration: a longer one resumes the run
    loop(g, run).callTimeout(Stage.GENERATE, Duration.ofMinutes(5)).build().run();
    assertThat(Files.readString(run.resolve("iter-0/solutions.jsonl")))
        .isEqualTo(Files.readString(reference(toy()).resolve("iter-0/solutions.jsonl")));
    assertThat(Files.readString(run.resolve("manifest.json"))).contains("\"callTimeout.GENERATE\" : \"PT5M\"");
  }

  private Path reference(Generator g) {
    Path ref = dir.resolve("reference");
    if (!Files.exists(ref.resolve("report.md"))) {
      loop(g, ref).build().run();
    }
    return ref;
  }

  @Test
  void aTrainerPastItsDeadlineFailsTheRunNamingTheStep() {
    dev.siam4j.core.Trainer stuck =
        job -> {
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("interrupted");
        };
    SelfImprovementLoop l =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(3))
            .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 5), ToyWorld.loader(Duration.ZERO))
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .preferenceBuilder(ToyWorld.preferenceBuilder())
            .trainer(stuck)
            .trainingPlan(Algorithm.SFT)
            .samplesPerProblem(2)
            .callTimeout(Stage.TRAIN, Duration.ofMillis(200))
            .runFolder(dir.resolve("run"))
            .build();
    assertThatThrownBy(l::run)
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage(
            "TRAIN failed in iteration 0 at step 0 (SFT): " + LoopDeadlinesTest.class.getName()
                + "$$Lambda did not return within its deadline of PT0.2S (callTimeout(TRAIN)); the call was"
                + " interrupted and abandoned, and a rerun resumes");
  }

  @Test
  void interruptingTheRunningThreadCancelsTheLoopAndARerunFinishesWithTheRecordsOfAnUninterruptedRun()
      throws Exception {
    Path run = dir.resolve("run");
    HangsOnce g = new HangsOnce();
    SelfImprovementLoop l = loop(g, run).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    Thread runner =
        new Thread(
            () -> {
              try {
                l.run();
              } catch (Throwable t) {
                thrown.set(t);
                interruptedAfter.set(Thread.currentThread().isInterrupted());
              }
            });
    runner.start();
    assertThat(g.hanging.await(30, TimeUnit.SECONDS)).isTrue();
    runner.interrupt();
    runner.join(30_000);

    assertThat(thrown.get())
        .isInstanceOf(LoopCancelledException.class)
        .hasMessage(
            "the loop was cancelled (its thread was interrupted) in iteration 0 at GENERATE (problem toy-1);"
                + " what was written stays, and a rerun resumes");
    assertThat(interruptedAfter).isTrue();
    assertThat(Files.readString(run.resolve("run.lock"))).as("the lock is released").isEmpty();

    g.hang.set(false);
    l.run();
    Path ref = reference(toy());
    for (String f : List.of("solutions.jsonl", "executions.jsonl", "verdicts.jsonl")) {
      assertThat(Files.readString(run.resolve("iter-0").resolve(f)))
          .isEqualTo(Files.readString(ref.resolve("iter-0").resolve(f)));
    }
  }

  @Test
  void interruptingALoopWhoseStageRunsInParallelCancelsItToo() throws Exception {
    Path run = dir.resolve("run");
    HangsOnce g = new HangsOnce();
    SelfImprovementLoop l = loop(g, run).concurrency(Stage.GENERATE, 2).build();
    FutureTask<LoopResult> task = new FutureTask<>(l::run);
    Thread runner = new Thread(task);
    runner.start();
    assertThat(g.hanging.await(30, TimeUnit.SECONDS)).isTrue();
    runner.interrupt();
    assertThatThrownBy(() -> task.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(LoopCancelledException.class)
        .hasMessageStartingWith("the loop was cancelled (its thread was interrupted) in iteration 0 at GENERATE (");
    g.hang.set(false);
    assertThat(l.run().iterations().get(0).samples()).isEqualTo(6);
  }
}
