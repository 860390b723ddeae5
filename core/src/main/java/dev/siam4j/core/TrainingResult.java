package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Trainer} produced.
 *
 * @param checkpoint the new policy
 * @param metrics final metrics by name (loss, reward margin, steps, ...)
 */
public record TrainingResult(Checkpoint checkpoint, Map<String, Double> metrics) {

  /**
   * Validates and copies.
   *
   * @param checkpoint the new policy, not null
   * @param metrics metrics by name, not null; copied sorted
   */
  public TrainingResult {
    Objects.requireNonNull(checkpoint, "checkpoint");
    metrics = Checks.sortedCopy(metrics, "metrics");
  }
}
