package dev.siam4j.critic.equivalence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The options people ask for, off by default: percentages scaled, an absolute tolerance. */
final class AnswerEquivalenceOptionsTest {

  private static Equivalence compare(AnswerEquivalence eq, String a, String b) {
    Equivalence one = eq.compare(a, b).result();
    assertThat(eq.compare(b, a).result()).as("both orders of '%s' and '%s'", a, b).isEqualTo(one);
    return one;
  }

  @Test
  void percentScaling_isOffByDefault_andThenMatchesAHundredfold() {
    AnswerEquivalence plain = AnswerEquivalence.rules();
    AnswerEquivalence scaled = AnswerEquivalence.builder().percentScaling(true).build();
    assertThat(compare(plain, "0.7", "70")).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(compare(scaled, "0.7", "70")).isEqualTo(Equivalence.EQUAL);
    assertThat(compare(scaled, "0.25", "25.0")).isEqualTo(Equivalence.EQUAL);
    assertThat(compare(scaled, "0.7", "7")).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(compare(plain, "70%", "0.7")).isEqualTo(Equivalence.EQUAL);
    assertThat(scaled.toString()).contains("percentScaling");
  }

  @Test
  void absoluteTolerance_isOffByDefault_andThenAppliesToEveryNumber() {
    AnswerEquivalence plain = AnswerEquivalence.rules();
    AnswerEquivalence tolerant = AnswerEquivalence.builder().absoluteTolerance(0.01).build();
    assertThat(compare(plain, "3.14", "3.1416")).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(compare(tolerant, "3.14", "3.1416")).isEqualTo(Equivalence.EQUAL);
    assertThat(compare(tolerant, "3.14", "3.16")).isEqualTo(Equivalence.NOT_EQUAL);
    AnswerEquivalence one = AnswerEquivalence.builder().absoluteTolerance(1).build();
    assertThat(compare(plain, "100", "101")).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(compare(one, "100", "101")).isEqualTo(Equivalence.EQUAL);
    assertThat(compare(one, "100", "102")).isEqualTo(Equivalence.NOT_EQUAL);
  }

  @Test
  void options_areValidatedAtOnce_andSetOnce() {
    assertThatThrownBy(() -> AnswerEquivalence.builder().absoluteTolerance(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("absoluteTolerance must be positive and finite, was 0.0");
    assertThatThrownBy(() -> AnswerEquivalence.builder().absoluteTolerance(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("absoluteTolerance must be positive and finite, was NaN");
    assertThatThrownBy(() -> AnswerEquivalence.builder().absoluteTolerance(0.1).absoluteTolerance(0.2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("absoluteTolerance was already set to 0.1");
    assertThatThrownBy(() -> AnswerEquivalence.builder().percentScaling(true).percentScaling(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("percentScaling was already set to true");
  }
}
