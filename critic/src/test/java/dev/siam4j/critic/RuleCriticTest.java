package dev.siam4j.critic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Critic;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.contract.CriticContract;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import org.junit.jupiter.api.Test;

final class RuleCriticTest implements CriticContract {

  @Override
  public Critic critic() {
    return Critics.rules();
  }

  @Test
  void equalAnswer_isCertainYesByRules() {
    Verdict v = critic().judge(Requests.printed("p", "\\frac{3}{4}", "0.75"));
    assertThat(v.correct()).isTrue();
    assertThat(v.confidence()).isEqualTo(1.0);
    assertThat(v.judge()).isEqualTo("rules");
  }

  @Test
  void failedProgram_isNo_withTheOutcomeAsRationale() {
    Verdict v = critic().judge(Requests.failed("p", "5", Outcome.TIMEOUT));
    assertThat(v.correct()).isFalse();
    assertThat(v.rationale()).contains("program ended TIMEOUT");
  }

  @Test
  void undecided_isNoWithHalfConfidence() {
    Verdict v = critic().judge(Requests.printed("p", "gamma(5)", "24"));
    assertThat(v.correct()).isFalse();
    assertThat(v.confidence()).isEqualTo(0.5);
    assertThat(v.judge()).isEqualTo("rules");
    assertThat(v.rationale().orElseThrow()).startsWith("undecided");
  }

  @Test
  void symbolicDecision_isNamedSympy() {
    Critic critic =
        Critics.rules(AnswerEquivalence.builder().symbolic(TestSandbox.shared()).build());
    Verdict v = critic.judge(Requests.printed("p", "gamma(5)", "24"));
    assertThat(v.correct()).isTrue();
    assertThat(v.judge()).isEqualTo("sympy");
  }
}
