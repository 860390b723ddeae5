package dev.siam4j.core.store;

import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * A line of {@code data.jsonl}: the training data one problem gave in one iteration. The
 * iteration's {@code sft.jsonl} and {@code pairs.jsonl} are derived from these lines.
 *
 * @param problemId the problem
 * @param iteration the iteration
 * @param examples its SFT examples, pairs and drop counts
 */
public record ProblemDataRecord(String problemId, int iteration, TrainingExamples examples) {

  /**
   * Validates.
   *
   * @param problemId the problem's id, not blank
   * @param iteration 0-based, not negative
   * @param examples the problem's training examples, not null
   */
  public ProblemDataRecord {
    Checks.nonBlank(problemId, "problemId");
    Checks.nonNegative(iteration, "iteration");
    Objects.requireNonNull(examples, "examples");
  }
}
