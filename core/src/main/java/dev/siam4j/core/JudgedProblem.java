package dev.siam4j.core;

import java.util.List;
import java.util.Objects;

/**
 * A problem with all of its judged samples of one iteration.
 *
 * @param problem the problem
 * @param samples its judged samples, in sample order
 */
public record JudgedProblem(Problem problem, List<JudgedSample> samples) {

  /**
   * Validates and copies.
   *
   * @param problem the problem, not null
   * @param samples its judged samples, not null, all keyed to {@code problem}; copied
   * @throws IllegalArgumentException when a sample belongs to another problem
   */
  public JudgedProblem {
    Objects.requireNonNull(problem, "problem");
    samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
    for (JudgedSample s : samples) {
      if (!s.solution().key().problemId().equals(problem.id())) {
        throw new IllegalArgumentException(
            "sample " + s.solution().key() + " does not belong to problem " + problem.id());
      }
    }
  }
}
