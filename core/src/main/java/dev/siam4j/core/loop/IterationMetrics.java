package dev.siam4j.core.loop;

import dev.siam4j.core.Outcome;
import java.util.Map;
import java.util.Objects;

/**
 * What one iteration did, as written to its {@code metrics.json}.
 *
 * @param iteration 0-based
 * @param problems problems attempted
 * @param samples solutions sampled
 * @param withCode samples from which a program was extracted
 * @param outcomes executions by outcome
 * @param approved samples the critic judged correct
 * @param passAt1 mean over samples of correctness (the share approved)
 * @param passAtK share of problems with at least one approved sample
 * @param judges verdicts by the judge that decided
 * @param sftExamples SFT examples built
 * @param pairs preference pairs built
 * @param dropped samples dropped by quality rules, by rule
 * @param flagged samples kept but flagged by a quality rule, by rule (keys {@code flagged.*} of
 *     {@link dev.siam4j.core.TrainingExamples#dropped()})
 * @param stageSeconds seconds spent per stage (all runs of the iteration together)
 * @param training final metrics of each training step, by "step-algorithm.metric"
 */
public record IterationMetrics(
    int iteration,
    long problems,
    long samples,
    long withCode,
    Map<Outcome, Long> outcomes,
    long approved,
    double passAt1,
    double passAtK,
    Map<String, Long> judges,
    long sftExamples,
    long pairs,
    Map<String, Long> dropped,
    Map<String, Long> flagged,
    Map<Stage, Double> stageSeconds,
    Map<String, Double> training) {

  /** Copies. */
  public IterationMetrics {
    outcomes = Map.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    judges = Map.copyOf(Objects.requireNonNull(judges, "judges"));
    dropped = Map.copyOf(Objects.requireNonNull(dropped, "dropped"));
    flagged = Map.copyOf(Objects.requireNonNull(flagged, "flagged"));
    stageSeconds = Map.copyOf(Objects.requireNonNull(stageSeconds, "stageSeconds"));
    training = Map.copyOf(Objects.requireNonNull(training, "training"));
  }
}
