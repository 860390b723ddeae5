package dev.siam4j.core.loop;

import dev.siam4j.core.Checkpoint;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether the policy an iteration trained replaces the one the iteration started from,
 * as AlphaGo Zero's evaluator let a new network play only when it beat the best one so far. A
 * rejected policy is kept on disk and in the metrics, and the next iteration generates with the
 * policy that was kept. Typical gates score both on held-out problems the loop never trains on
 * (the quickstart's gate does); a small model's training on its own programs can unlearn a skill
 * it had, and a gate keeps one such iteration from undoing the others.
 *
 * <p>Called once per iteration that trained; the decision is written to the iteration's
 * {@code gate.json}, so a resumed run does not ask again. Implementations may block (evaluating
 * takes a while) and are called on a thread of the loop's, within the TRAIN stage's deadline.
 */
@FunctionalInterface
public interface PolicyGate {

  /**
   * @param iteration the iteration that trained {@code candidate}, from 0
   * @param current the policy the iteration generated with
   * @param candidate the policy it trained
   * @return whether {@code candidate} replaces {@code current}, with what was measured
   */
  Decision decide(int iteration, Checkpoint current, Checkpoint candidate);

  /**
   * A gate's decision.
   *
   * @param accept whether the candidate replaces the current policy
   * @param metrics what the gate measured (for example both policies' validation accuracy); in
   *     {@link IterationMetrics#gate()}
   * @param reason one line for logs and reports
   */
  record Decision(boolean accept, Map<String, Double> metrics, String reason) {
    /**
     * Validates and copies.
     *
     * @param accept whether the candidate replaces the current policy
     * @param metrics measured values by name, not null; copied sorted
     * @param reason one line, not null
     */
    public Decision {
      metrics = dev.siam4j.core.internal.Checks.sortedCopy(metrics, "metrics");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
