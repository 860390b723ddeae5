package dev.siam4j.alignment.quality;

import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Problem;

/**
 * One test a judged sample passes or fails: whether its program ran and printed, whether its
 * numbers come from the question, and so on. Standard checks come from {@link QualityChecks}.
 *
 * <p>Implementations are thread-safe, deterministic and fast (they run once per sample).
 */
@FunctionalInterface
public interface QualityCheck {

  /**
   * @param problem the problem the sample answers
   * @param sample the judged sample
   * @return whether the sample passes
   */
  boolean accepts(Problem problem, JudgedSample sample);
}
