package dev.siam4j.critic.evaluation;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Problem;
import java.util.Objects;

/**
 * A sample that has already been generated and run, to be scored ({@link Evaluator#score}).
 *
 * @param problem the problem with its reference answer
 * @param sampleIndex 0-based index among the problem's samples
 * @param code the program ("" when none)
 * @param execution what running it gave
 */
public record ExecutedSample(Problem problem, int sampleIndex, String code, Execution execution) {

  /**
   * Validates.
   *
   * @param problem the problem, not null
   * @param sampleIndex 0-based, not negative
   * @param code the program, or "" for none; not null
   * @param execution what running it gave, not null
   * @throws IllegalArgumentException when {@code sampleIndex} is negative
   */
  public ExecutedSample {
    Objects.requireNonNull(problem, "problem");
    if (sampleIndex < 0) {
      throw new IllegalArgumentException("sampleIndex must not be negative, was " + sampleIndex);
    }
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(execution, "execution");
  }
}
