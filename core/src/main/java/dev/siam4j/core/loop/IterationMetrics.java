package dev.siam4j.core.loop;

import dev.siam4j.core.Outcome;
import dev.siam4j.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param trainingSteps final metrics of each step of the training plan, in order; empty when the
 *     iteration did not train
 * @param gate the policy gate's decision on what the iteration trained, when the loop has a gate
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
    List<TrainingStepMetrics> trainingSteps,
    Optional<PolicyGate.Decision> gate) {

  /**
   * Copies, sorted by key.
   *
   * @param iteration 0-based
   * @param problems problems attempted
   * @param samples solutions sampled
   * @param withCode samples with an extracted program
   * @param outcomes executions by outcome, not null; copied sorted
   * @param approved samples approved
   * @param passAt1 the share of samples approved, in [0, 1]
   * @param passAtK the share of problems with an approved sample, in [0, 1]
   * @param judges verdicts by deciding judge, not null; copied sorted
   * @param sftExamples SFT examples built
   * @param pairs preference pairs built
   * @param dropped dropped samples by rule, not null; copied sorted
   * @param flagged flagged samples by rule, not null; copied sorted
   * @param stageSeconds seconds per stage, not null; copied sorted
   * @param trainingSteps metrics per training step, not null; copied
   * @param gate the gate's decision; {@code null} is read as empty
   */
  public IterationMetrics {
    outcomes = Checks.sortedCopy(outcomes, "outcomes");
    judges = Checks.sortedCopy(judges, "judges");
    dropped = Checks.sortedCopy(dropped, "dropped");
    flagged = Checks.sortedCopy(flagged, "flagged");
    stageSeconds = Checks.sortedCopy(stageSeconds, "stageSeconds");
    trainingSteps = List.copyOf(Objects.requireNonNull(trainingSteps, "trainingSteps"));
    gate = gate == null ? Optional.empty() : gate;
  }

  /**
   * The training metrics as one map, for display: {@code "<step>-<algorithm>.<metric>"} per
   * training step (e.g. {@code "0-sft.loss"}), {@code "gate.accepted"} (1 or 0) and {@code
   * "gate.<metric>"} for the gate. Read the typed {@link #trainingSteps()} and {@link #gate()}
   * rather than parsing these keys.
   *
   * @return the metrics, in step order
   */
  public Map<String, Double> training() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (TrainingStepMetrics s : trainingSteps) {
      s.metrics().forEach((k, v) -> out.put(s.step() + "-" + s.algorithm().name().toLowerCase(Locale.ROOT) + "." + k, v));
    }
    gate.ifPresent(
        d -> {
          out.put("gate.accepted", d.accept() ? 1.0 : 0.0);
          d.metrics().forEach((k, v) -> out.put("gate." + k, v));
        });
    return java.util.Collections.unmodifiableMap(out);
  }
}
