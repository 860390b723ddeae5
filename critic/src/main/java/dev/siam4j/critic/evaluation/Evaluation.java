package dev.siam4j.critic.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * An evaluation's result: the report and every scored sample (for verdict files and critic
 * training data).
 *
 * @param report the metrics
 * @param samples every sample, by problem then sample index
 */
public record Evaluation(EvaluationReport report, List<ScoredSample> samples) {

  /**
   * Validates and copies.
   *
   * @param report the metrics, not null
   * @param samples every scored sample, not null; copied
   */
  public Evaluation {
    Objects.requireNonNull(report, "report");
    samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
  }
}
