package dev.siam4j.core;

import java.util.Objects;

/**
 * A solution with its execution and verdict: one row of the data a {@link PreferenceBuilder} uses.
 *
 * @param solution the sampled solution
 * @param execution what running its program gave
 * @param verdict the critic's judgement
 */
public record JudgedSample(Solution solution, Execution execution, Verdict verdict) {

  /**
   * Validates.
   *
   * @param solution the solution, not null
   * @param execution its execution, not null
   * @param verdict its verdict, not null
   */
  public JudgedSample {
    Objects.requireNonNull(solution, "solution");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(verdict, "verdict");
  }
}
