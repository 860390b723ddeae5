package dev.siam4j.core.loop;

import dev.siam4j.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/** The typed events a {@link LoopListener} receives. */
public final class LoopEvent {
  private LoopEvent() {}

  /**
   * An iteration begins.
   *
   * @param iteration 0-based
   * @param iterations how many the run has
   */
  public record IterationStarted(int iteration, int iterations) {}

  /**
   * A stage begins.
   *
   * @param iteration 0-based
   * @param stage which
   * @param total units of work in all (problems; training steps for {@link Stage#TRAIN})
   * @param alreadyDone units done by an earlier, interrupted run, which this run skips
   */
  public record StageStarted(int iteration, Stage stage, long total, long alreadyDone) {
    /**
     * Validates.
     *
     * @param iteration 0-based
     * @param stage the stage, not null
     * @param total units of work, not negative
     * @param alreadyDone units done earlier, not negative
     */
    public StageStarted {
      Objects.requireNonNull(stage, "stage");
      Checks.nonNegative(total, "total");
      Checks.nonNegative(alreadyDone, "alreadyDone");
    }
  }

  /**
   * A unit of a stage finished.
   *
   * @param iteration 0-based
   * @param stage which
   * @param done units done, earlier runs' included
   * @param total units in all
   */
  public record StageProgress(int iteration, Stage stage, long done, long total) {}

  /**
   * A stage finished.
   *
   * @param iteration 0-based
   * @param stage which
   * @param records records the stage wrote in this run
   * @param elapsed time this run spent in the stage
   */
  public record StageFinished(int iteration, Stage stage, long records, Duration elapsed) {}

  /**
   * An iteration finished.
   *
   * @param iteration 0-based
   * @param metrics its metrics
   */
  public record IterationFinished(int iteration, IterationMetrics metrics) {}
}
