package dev.siam4j.core.loop;

import dev.siam4j.core.JudgedSample;
import java.util.List;
import java.util.Objects;

/**
 * One line of an iteration's {@code exploration.jsonl}: the samples {@link Exploration} added to
 * one problem, each with its execution and verdict, sample indices from k on; empty for a problem
 * that its k samples solved.
 *
 * @param problemId the problem
 * @param iteration the iteration
 * @param samples the extra samples, in sample-index order
 */
public record ExplorationRecord(String problemId, int iteration, List<JudgedSample> samples) {
  /**
   * Validates and copies.
   *
   * @param problemId the problem's id, not null
   * @param iteration 0-based
   * @param samples the extra samples, not null; copied
   */
  public ExplorationRecord {
    Objects.requireNonNull(problemId, "problemId");
    samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
  }
}
