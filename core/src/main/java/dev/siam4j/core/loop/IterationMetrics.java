package dev.siam4j.core.loop;

import dev.siam4j.core.Outcome;
import dev.siam4j.core.internal.Checks;
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
 * @param flagged samples kept but flagged by a quality rule, by rule ({@link
 *     dev.siam4j.core.TrainingExamples#flagged()})
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

  /** Copies, sorted by key. */
  public IterationMetrics {
    outcomes = Checks.sortedCopy(outcomes, "outcomes");
    judges = Checks.sortedCopy(judges, "judges");
    dropped = Checks.sortedCopy(dropped, "dropped");
    flagged = Checks.sortedCopy(flagged, "flagged");
    stageSeconds = Checks.sortedCopy(stageSeconds, "stageSeconds");
    training = Checks.sortedCopy(training, "training");
  }
}
