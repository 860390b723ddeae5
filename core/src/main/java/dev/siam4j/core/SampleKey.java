package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.Comparator;

/**
 * The stable key of one sample: which problem, which of its k samples, which loop iteration.
 * Every record in a run store carries one, so a resumed run can tell what is done.
 *
 * @param problemId the {@link Problem#id()}
 * @param sampleIndex 0-based index among the problem's samples in this iteration
 * @param iteration 0-based loop iteration
 */
public record SampleKey(String problemId, int sampleIndex, int iteration)
    implements Comparable<SampleKey> {

  private static final Comparator<SampleKey> ORDER =
      Comparator.comparingInt(SampleKey::iteration)
          .thenComparing(SampleKey::problemId)
          .thenComparingInt(SampleKey::sampleIndex);

  /**
   * Validates.
   *
   * @param problemId the problem's id, not blank
   * @param sampleIndex 0-based, not negative
   * @param iteration 0-based, not negative
   */
  public SampleKey {
    Checks.nonBlank(problemId, "problemId");
    Checks.nonNegative(sampleIndex, "sampleIndex");
    Checks.nonNegative(iteration, "iteration");
  }

  @Override
  public int compareTo(SampleKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return problemId + "#" + sampleIndex + "@" + iteration;
  }
}
