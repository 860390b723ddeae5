package dev.siam4j.core;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Trainer} produced.
 *
 * @param checkpoint the new policy
 * @param metrics final metrics by name (loss, reward margin, steps, ...)
 */
public record TrainingResult(Checkpoint checkpoint, Map<String, Double> metrics) {

  /** Validates and copies. */
  public TrainingResult {
    Objects.requireNonNull(checkpoint, "checkpoint");
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
  }
}
