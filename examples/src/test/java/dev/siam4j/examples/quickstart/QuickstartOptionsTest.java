package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class QuickstartOptionsTest {
  private static final Path OUT = Path.of("runs", "q");

  @Test
  void theBuilderStartsFromTheFullRunAndSetsByName() {
    Quickstart.Options full = Quickstart.Options.full(OUT);
    assertThat(full.iterations()).isEqualTo(3);
    assertThat(full.poolSize()).isEqualTo(1800);
    assertThat(full.poolPerIteration()).isEqualTo(600);
    assertThat(full.trainingData()).isEqualTo(Quickstart.TrainingData.EXPERT_ITERATION);
    assertThat(Quickstart.Options.builder(OUT).build()).isEqualTo(full);

    Quickstart.Options o =
        full.toBuilder().seeds(List.of(1L, 2L)).learningRate(1e-3).trainingData(Quickstart.TrainingData.REPLAY)
            .seedModel(Path.of("m.gguf")).build();
    assertThat(o.seeds()).containsExactly(1L, 2L);
    assertThat(o.learningRate()).isEqualTo(1e-3);
    assertThat(o.trainingData()).isEqualTo(Quickstart.TrainingData.REPLAY);
    assertThat(o.seedModel()).isEqualTo(Optional.of(Path.of("m.gguf")));
    assertThat(o.poolSize()).isEqualTo(full.poolSize());
  }

  @Test
  void theReducedRunIsTheFullOneWithSmallerSizes() {
    Quickstart.Options r = Quickstart.Options.reduced(OUT);
    assertThat(r)
        .isEqualTo(
            new Quickstart.Options(
                OUT, Quickstart.SHIPPED_WORLD_SEED, List.of(1L), 1, 48, 24, 8, 12, 2, 2, 2, 1, 5e-4, 5e-5, 2, false,
                Optional.empty(), false, Quickstart.TrainingData.EXPERT_ITERATION,
                Optional.of(dev.siam4j.core.loop.Exploration.of(2, 0.7)), java.util.EnumSet.allOf(Quickstart.AblationArm.class), true));
    assertThat(Quickstart.Options.builder(OUT).reachableInPool(false).build().recipe()).isEqualTo(Quickstart.WITHOUT_REACHABLE);
    assertThat(Quickstart.WITHOUT_REACHABLE.poolReachableShare()).isZero();
    assertThat(Quickstart.WITHOUT_REACHABLE.poolSeenShare()).isEqualTo(0.75);
    assertThat(Quickstart.Options.builder(OUT).ablationArms(java.util.Set.of(Quickstart.AblationArm.NO_REACHABLE)).build()
        .ablationArms()).containsExactly(Quickstart.AblationArm.NO_REACHABLE);
    assertThatThrownBy(() -> Quickstart.Options.builder(OUT).ablationArms(java.util.Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ablationArms must not be empty");
    assertThat(Quickstart.Options.full(OUT).exploration()).contains(Quickstart.EXPLORATION);
    assertThat(Quickstart.Options.builder(OUT).withoutExploration().build().exploration()).isEmpty();
    assertThatThrownBy(() -> Quickstart.Options.builder(OUT).withoutExploration().exploration(Quickstart.EXPLORATION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("exploration was already set to Optional.empty");
  }

  @Test
  void settersCheckAtOnceAValueSetTwiceIsRefusedAndBuildChecksTheCombination() {
    Quickstart.Options.Builder b = Quickstart.Options.builder(OUT);
    assertThatThrownBy(() -> b.iterations(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterations must be positive, was 0");
    assertThatThrownBy(() -> b.learningRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("learningRate must be positive, was NaN");
    b.iterations(2);
    assertThatThrownBy(() -> b.iterations(4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("iterations was already set to 2");
    assertThatThrownBy(() -> Quickstart.Options.builder(OUT).poolSize(10).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolPerIteration (600) must not exceed poolSize (10)");
  }
}
