package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Completion;
import dev.siam4j.core.CritiqueFailedException;
import dev.siam4j.core.DataBuildingFailedException;
import dev.siam4j.core.ExecutionFailedException;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.testing.ToyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What run() throws when a user's component fails: a stage's exception naming where and which class. */
final class LoopErrorsTest {
  private static final String LAMBDA = LoopErrorsTest.class.getName() + "$$Lambda";

  @TempDir Path dir;

  private SelfImprovementLoop.Builder loop(Generator generator) {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(3))
        .generator(generator)
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .samplesPerProblem(2)
        .runFolder(dir.resolve("run"));
  }

  private static Generator toy() {
    return new ToyWorld.Policy(5, Duration.ZERO);
  }

  /** Fails on the second problem. */
  static final class Throwing implements Generator {
    static final IllegalStateException BOOM = new IllegalStateException("boom");

    @Override
    public List<Completion> generate(GenerationRequest request) {
      if (request.prompt().flatten().contains("What is 10 + 24?")) {
        throw BOOM;
      }
      return toy().generate(request);
    }
  }

  @Test
  void aGeneratorsExceptionIsWrappedNamingStageIterationProblemAndClass() {
    assertThatThrownBy(() -> loop(new Throwing()).build().run())
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage(
            "GENERATE failed in iteration 0 at problem toy-1: " + Throwing.class.getName()
                + " threw java.lang.IllegalStateException: boom")
        .hasCause(Throwing.BOOM)
        .satisfies(e -> assertThat(((GenerationFailedException) e).getCause()).isSameAs(Throwing.BOOM));
  }

  @Test
  void aGeneratorReturningNullIsAnErrorNamingItsClass() {
    assertThatThrownBy(() -> loop(request -> null).build().run())
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage("GENERATE failed in iteration 0 at problem toy-0: " + LAMBDA + " returned null");
  }

  /** A policy that writes one completion whatever k is. */
  static final class OneCompletion implements Generator {
    @Override
    public List<Completion> generate(GenerationRequest request) {
      return toy().generate(new GenerationRequest(request.prompt(), 1, request.sampling(), request.seed()));
    }
  }

  @Test
  void tooFewCompletionsFromALoadedPolicyNameThePolicysClassNotAnInternalWrapper() {
    SelfImprovementLoop.Builder b =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(3))
            .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 3), cp -> new OneCompletion())
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .samplesPerProblem(2)
            .runFolder(dir.resolve("run"));
    assertThatThrownBy(() -> b.build().run())
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage(
            "GENERATE failed in iteration 0 at problem toy-0: " + OneCompletion.class.getName()
                + " returned 1 completions, asked for 2");
  }

  @Test
  void aPolicyLoaderReturningNullIsAnErrorNamingTheLoader() {
    SelfImprovementLoop.Builder b =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(3))
            .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 3), cp -> null)
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .runFolder(dir.resolve("run"));
    assertThatThrownBy(() -> b.build().run())
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage("GENERATE failed in iteration 0 at problem toy-0: " + LAMBDA + " returned null");
  }

  @Test
  void aNullCompletionInTheListIsAnErrorNamingItsIndex() {
    Generator g =
        request -> {
          List<Completion> out = new ArrayList<>(toy().generate(request));
          out.set(1, null);
          return out;
        };
    assertThatThrownBy(() -> loop(g).build().run())
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage("GENERATE failed in iteration 0 at problem toy-0: " + LAMBDA + " returned a null completion at index 1");
  }

  @Test
  void aPromptTemplatesExceptionIsAGenerationErrorNamingTheTemplate() {
    RuntimeException bad = new IllegalArgumentException("no such placeholder");
    assertThatThrownBy(() -> loop(toy()).promptTemplate(p -> { throw bad; }).build().run())
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage(
            "GENERATE failed in iteration 0 at problem toy-0: " + LAMBDA
                + " threw java.lang.IllegalArgumentException: no such placeholder")
        .hasCause(bad);
  }

  @Test
  void anExecutorsExceptionAndAWrongCountAreExecutionErrors() {
    RuntimeException bad = new IllegalStateException("worker gone");
    assertThatThrownBy(() -> loop(toy()).build().toBuilder().executor(code -> { throw bad; }).build().run())
        .isInstanceOf(ExecutionFailedException.class)
        .hasMessage(
            "EXECUTE failed in iteration 0 at problem toy-0: " + LAMBDA
                + " threw java.lang.IllegalStateException: worker gone")
        .hasCause(bad);
  }

  /** Returns one execution too few. */
  static final class Short implements dev.siam4j.core.CodeExecutor {
    @Override
    public dev.siam4j.core.Execution execute(String code) {
      return ToyWorld.executor(Duration.ZERO).execute(code);
    }

    @Override
    public List<dev.siam4j.core.Execution> executeAll(List<String> programs) {
      return dev.siam4j.core.CodeExecutor.super.executeAll(programs.subList(1, programs.size()));
    }
  }

  @Test
  void anExecutorReturningTooFewExecutionsNamesItsClass() {
    assertThatThrownBy(() -> loop(toy()).build().toBuilder().executor(new Short()).build().run())
        .isInstanceOf(ExecutionFailedException.class)
        .hasMessage(
            "EXECUTE failed in iteration 0 at problem toy-0: " + Short.class.getName() + " returned 1 executions for 2 programs");
  }

  @Test
  void aCriticReturningANullVerdictIsACritiqueError() {
    dev.siam4j.core.Critic critic =
        new dev.siam4j.core.Critic() {
          @Override
          public Verdict judge(dev.siam4j.core.CritiqueRequest request) {
            return null;
          }
        };
    assertThatThrownBy(() -> loop(toy()).build().toBuilder().critic(critic).build().run())
        .isInstanceOf(CritiqueFailedException.class)
        .hasMessage(
            "CRITIQUE failed in iteration 0 at problem toy-0: " + critic.getClass().getName()
                + " returned a null verdict at index 0");
  }

  @Test
  void aPreferenceBuildersExceptionIsADataBuildingError() {
    RuntimeException bad = new ArithmeticException("/ by zero");
    assertThatThrownBy(() -> loop(toy()).preferenceBuilder(p -> { throw bad; }).build().run())
        .isInstanceOf(DataBuildingFailedException.class)
        .hasMessage(
            "BUILD_DATA failed in iteration 0 at problem toy-0: " + LAMBDA + " threw java.lang.ArithmeticException: / by zero")
        .hasCause(bad);
  }

  @Test
  void aTrainersExceptionIsATrainingErrorNamingTheStepAndTheRunResumesAfterIt() throws Exception {
    boolean[] fail = {true};
    dev.siam4j.core.Trainer flaky =
        job -> {
          if (fail[0]) {
            throw new UnsatisfiedLinkError("no libtorch");
          }
          return ToyWorld.trainer(Duration.ZERO).train(job);
        };
    SelfImprovementLoop l =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(3))
            .policy(ToyWorld.checkpoint(dir.resolve("seed.txt"), 5), ToyWorld.loader(Duration.ZERO))
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .preferenceBuilder(ToyWorld.preferenceBuilder())
            .trainer(flaky)
            .trainingPlan(Algorithm.SFT)
            .samplesPerProblem(2)
            .runFolder(dir.resolve("run"))
            .build();
    assertThatThrownBy(l::run)
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage(
            "TRAIN failed in iteration 0 at step 0 (SFT): " + LAMBDA + " threw java.lang.UnsatisfiedLinkError: no libtorch")
        .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    fail[0] = false;
    assertThat(l.run().finalCheckpoint()).isPresent();
    assertThat(Files.readAllLines(dir.resolve("run/iter-0/verdicts.jsonl"))).hasSize(6);
  }

  @Test
  void noProblemsIsAnInvalidInputErrorNotAnIllegalState() {
    assertThatThrownBy(() -> loop(toy()).build().toBuilder().problems(List.of()).build().run())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("problems is empty: nothing to run in " + dir.resolve("run"));
  }

  @Test
  void aProblemSourceThatFailsWithAnUncheckedExceptionIsWrappedNamingTheRun() {
    RuntimeException bad = new IllegalStateException("source closed");
    Iterable<Problem> broken =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                throw bad;
              }

              @Override
              public Problem next() {
                throw bad;
              }
            };
    assertThatThrownBy(() -> loop(toy()).build().toBuilder().problems(broken).build().run())
        .isExactlyInstanceOf(Siam4jException.class)
        .hasMessage(
            "the run in " + dir.resolve("run") + " failed before its first iteration: java.lang.IllegalStateException: source closed")
        .hasCause(bad);
  }

  @Test
  void theGeneratorSeesTheProblemBesideItsPrompt() {
    List<Problem> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    Generator recording =
        request -> {
          seen.add(request.problem().orElseThrow());
          return toy().generate(request);
        };
    loop(recording).build().run();
    assertThat(seen).containsExactlyElementsOf(ToyWorld.problems(3));
  }

  @Test
  void flagsAndDropsAreCountedApartIncludingFlagsOfRecordsWrittenWithTheOldPrefix() {
    dev.siam4j.core.PreferenceBuilder b =
        p -> new dev.siam4j.core.TrainingExamples(
            List.of(), List.of(), java.util.Map.of("unanimous", 1, "flagged.literal-only", 1), java.util.Map.of("grounding", 2));
    IterationMetrics m = loop(toy()).preferenceBuilder(b).build().run().iterations().get(0);
    assertThat(m.dropped()).isEqualTo(java.util.Map.of("unanimous", 3L));
    assertThat(m.flagged()).isEqualTo(java.util.Map.of("grounding", 6L, "literal-only", 3L));
  }

  @Test
  void problemsThatShrinkWhileTheLoopRunsAreAnInvalidInputErrorNotAnIllegalState() {
    int[] calls = {0};
    Iterable<Problem> shrinking = () -> ToyWorld.problems(calls[0]++ == 0 ? 6 : 2).iterator();
    assertThatThrownBy(() -> loop(toy()).build().toBuilder().problems(shrinking).problemsPerIteration(3).build().run())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the problems changed while the loop ran: 6 were counted, the source ended after 2");
  }
}
