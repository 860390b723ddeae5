package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.testing.ToyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TrainingScheduleTest {
  private static final List<SftExample> SEED_DATA =
      List.of(new SftExample(new SampleKey("seed-0", 0, 0), Prompt.raw("What is 1 + 1?"), "print(2)\n```", 1.0));

  @TempDir Path dir;

  private SelfImprovementLoop.Builder trained(Path run) {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(8))
        .policy(ToyWorld.checkpoint(run.resolveSibling(run.getFileName() + "-seed.txt"), 2), ToyWorld.loader(Duration.ZERO))
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .preferenceBuilder(ToyWorld.preferenceBuilder())
        .trainer(ToyWorld.trainer(Duration.ZERO))
        .samplesPerProblem(4)
        .iterations(3)
        .runFolder(run);
  }

  @Test
  void valuesSayWhatTheyAre() {
    assertThat(TrainingSchedule.paper())
        .isEqualTo(new TrainingSchedule(TrainingSchedule.Base.LAST_POLICY, TrainingSchedule.Data.THIS_ITERATION, List.of()));
    assertThat(TrainingSchedule.expertIteration().isExpertIteration()).isTrue();
    assertThat(TrainingSchedule.expertIteration().withReplay(SEED_DATA).isExpertIteration()).isTrue();
    assertThat(TrainingSchedule.paper().isExpertIteration()).isFalse();
    assertThatThrownBy(() -> new TrainingSchedule(null, TrainingSchedule.Data.THIS_ITERATION, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("base");
  }

  @Test
  @SuppressWarnings("deprecation")
  void expertIterationWithReplayTrainsExactlyAsTheBooleansItReplacesAndResumesTheirRuns() throws Exception {
    Path typed = dir.resolve("typed");
    LoopResult a = trained(typed).trainingSchedule(TrainingSchedule.expertIteration().withReplay(SEED_DATA)).build().run();
    Path old = dir.resolve("old");
    LoopResult b = trained(old).accumulate(true).trainFromSeed(true).replay(SEED_DATA).build().run();

    assertThat(a.iterations()).extracting(IterationMetrics::sftExamples).isNotEmpty();
    for (int it = 0; it < 3; it++) {
      for (String f : List.of("sft.jsonl", "pairs.jsonl")) {
        assertThat(Files.readString(typed.resolve("iter-" + it).resolve(f)))
            .isEqualTo(Files.readString(old.resolve("iter-" + it).resolve(f)));
      }
      assertThat(a.iterations().get(it).training()).isEqualTo(b.iterations().get(it).training());
    }
    assertThat(Files.readString(typed.resolve("iter-2/sft.jsonl"))).contains("seed-0");
    // the same configuration: a run started with the booleans resumes with the schedule
    assertThat(trained(old).trainingSchedule(TrainingSchedule.expertIteration().withReplay(SEED_DATA)).build().run().iterations())
        .hasSize(3);
  }

  @Test
  @SuppressWarnings("deprecation")
  void theScheduleAndTheOldSettersAreNotMixedAndTheSeedNeedsATrainer() {
    assertThatThrownBy(() -> trained(dir.resolve("r")).trainingSchedule(TrainingSchedule.paper()).accumulate(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set trainingSchedule or replay/accumulate/trainFromSeed, not both");
    assertThatThrownBy(
            () -> SelfImprovementLoop.builder()
                .problems(ToyWorld.problems(2))
                .generator(new ToyWorld.Policy(5, Duration.ZERO))
                .executor(ToyWorld.executor(Duration.ZERO))
                .critic(ToyWorld.critic())
                .runFolder(dir.resolve("r"))
                .trainingSchedule(TrainingSchedule.expertIteration())
                .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the training schedule trains from the seed but there is no trainer");
    assertThat(trained(dir.resolve("r")).build().trainingSchedule()).isEqualTo(TrainingSchedule.paper());
  }
}
