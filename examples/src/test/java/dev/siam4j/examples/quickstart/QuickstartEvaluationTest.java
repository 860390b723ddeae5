package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Verdict;
import dev.siam4j.critic.equivalence.Equivalence;
import dev.siam4j.critic.evaluation.ScoredSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class QuickstartEvaluationTest {

  private static ScoredSample sample(int index, Outcome outcome) {
    Problem p = Problem.of("p", "What is 2 + 2?", "4", "test");
    Execution e = new Execution(outcome, outcome == Outcome.OK ? 0 : 1, "", "", outcome == Outcome.OK ? "5" : "",
        Duration.ofMillis(10), Optional.empty());
    return new ScoredSample(p, index, "print(5)", e, Equivalence.NOT_EQUAL, Verdict.of(false, "rules"));
  }

  /**
   * A program the machine starved (timed out) or a failed sandbox says nothing about the model, so
   * the quickstart evaluates again; a wrong answer, an error or a memory limit is the model's.
   */
  @Test
  void stalledCountsTimeoutsAndSandboxFailuresOnly() {
    List<ScoredSample> samples = new ArrayList<>();
    int i = 0;
    for (Outcome o : Outcome.values()) {
      samples.add(sample(i++, o));
    }
    samples.add(sample(i, Outcome.TIMEOUT));
    assertThat(Quickstart.stalled(samples)).isEqualTo(3);
    assertThat(Quickstart.stalled(samples.subList(0, 2))).isZero();
  }
}
