package dev.siam4j.alignment.decontamination;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * A training text that shares an n-gram with an evaluation text: what to drop, and why.
 *
 * @param trainingId the training item's id (a problem id)
 * @param split the evaluation split it overlaps ("gsm8k-test")
 * @param evaluationId the id of the evaluation item it overlaps
 * @param ngram the first shared n-gram, as normalised tokens joined by spaces
 */
public record Contamination(String trainingId, String split, String evaluationId, String ngram) {

  /**
   * Validates.
   *
   * @param trainingId the training item's id, not blank
   * @param split the evaluation split, not blank
   * @param evaluationId the evaluation item's id, not null
   * @param ngram the shared n-gram, not null
   */
  public Contamination {
    Checks.nonBlank(trainingId, "trainingId");
    Checks.nonBlank(split, "split");
    Objects.requireNonNull(evaluationId, "evaluationId");
    Objects.requireNonNull(ngram, "ngram");
  }
}
