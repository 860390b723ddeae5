package dev.siam4j.core.loop;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.internal.Checks;
import java.util.Map;
import java.util.Objects;

/**
 * The final metrics of one step of an iteration's training plan, as its trainer reported them.
 *
 * @param step the step's index in the training plan, from 0
 * @param algorithm what the step trained with
 * @param metrics the trainer's final metrics by name (loss, reward margin, ...); {@code skipped}
 *     1.0 for a step that had no data to train on
 */
public record TrainingStepMetrics(int step, Algorithm algorithm, Map<String, Double> metrics) {

  /**
   * Validates and copies, sorted by name.
   *
   * @param step the index in the training plan, not negative
   * @param algorithm the step's algorithm, not null
   * @param metrics final metrics by name, not null; copied sorted
   */
  public TrainingStepMetrics {
    Checks.nonNegative(step, "step");
    Objects.requireNonNull(algorithm, "algorithm");
    metrics = Checks.sortedCopy(metrics, "metrics");
  }
}
