package dev.siam4j.alignment.train.internal.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class LearningRateScheduleTest {

  @Test
  void warmupCosine_rampsThenDecaysToTheFloor() {
    LearningRateSchedule s = LearningRateSchedule.warmupCosine(1.0, 4, 14, 0.1);
    assertThat(s.at(0)).isEqualTo(0.25);
    assertThat(s.at(3)).isEqualTo(1.0);
    assertThat(s.at(4)).isEqualTo(1.0);
    // half-way through the decay: 0.1 + 0.9 * 0.5
    assertThat(s.at(9)).isCloseTo(0.55, within(1e-12));
    assertThat(s.at(14)).isCloseTo(0.1, within(1e-12));
    assertThat(s.at(100)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void warmupLongerThanTotal_fails() {
    assertThatThrownBy(() -> LearningRateSchedule.warmupCosine(1.0, 5, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 0 <= warmupSteps <= totalSteps and totalSteps >= 1, got 5 and 3");
  }
}
