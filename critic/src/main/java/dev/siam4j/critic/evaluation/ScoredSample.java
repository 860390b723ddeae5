package dev.siam4j.critic.evaluation;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Verdict;
import dev.siam4j.critic.equivalence.Equivalence;
import java.util.Objects;

/**
 * One evaluated sample: the program, what running it gave, and both judgements.
 *
 * @param problem the problem
 * @param sampleIndex 0-based index among the problem's samples
 * @param code the program ("" when none was extracted)
 * @param execution what running it gave
 * @param rules the rules' three-valued judgement (a failed run is NOT_EQUAL)
 * @param verdict the critic's verdict
 */
public record ScoredSample(
    Problem problem, int sampleIndex, String code, Execution execution, Equivalence rules, Verdict verdict) {

  /**
   * Validates.
   *
   * @param problem the problem, not null
   * @param sampleIndex 0-based, not negative
   * @param code the program, or "" for none; not null
   * @param execution what running it gave, not null
   * @param rules the rules' judgement, not null
   * @param verdict the critic's verdict, not null
   * @throws IllegalArgumentException when {@code sampleIndex} is negative
   */
  public ScoredSample {
    Objects.requireNonNull(problem, "problem");
    if (sampleIndex < 0) {
      throw new IllegalArgumentException("sampleIndex must not be negative, was " + sampleIndex);
    }
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** @return whether the rules call it correct (EQUAL) */
  public boolean rulesCorrect() {
    return rules == Equivalence.EQUAL;
  }
}
