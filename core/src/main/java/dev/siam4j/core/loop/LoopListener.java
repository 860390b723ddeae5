package dev.siam4j.core.loop;

import dev.siam4j.core.loop.LoopEvent.IterationFinished;
import dev.siam4j.core.loop.LoopEvent.IterationStarted;
import dev.siam4j.core.loop.LoopEvent.StageFinished;
import dev.siam4j.core.loop.LoopEvent.StageProgress;
import dev.siam4j.core.loop.LoopEvent.StageStarted;

/**
 * Observes a running loop. Every method has a no-op default; override what you need.
 *
 * <p>Methods are called from the loop's threads (progress from workers, possibly concurrently) and
 * must be fast and thread-safe. An exception thrown by a listener is logged and ignored: a listener
 * cannot break the loop.
 */
public interface LoopListener {

  /** A listener that does nothing. */
  LoopListener NONE = new LoopListener() {};

  /**
   * An iteration begins.
   *
   * @param event the iteration and the run's iteration count
   */
  default void iterationStarted(IterationStarted event) {}

  /**
   * A stage begins.
   *
   * @param event the stage, its total work and what an earlier run already did
   */
  default void stageStarted(StageStarted event) {}

  /**
   * A unit of work finished.
   *
   * @param event the stage's progress
   */
  default void stageProgress(StageProgress event) {}

  /**
   * A stage finished.
   *
   * @param event the stage, its records and time
   */
  default void stageFinished(StageFinished event) {}

  /**
   * An iteration finished, with its metrics.
   *
   * @param event the iteration's metrics
   */
  default void iterationFinished(IterationFinished event) {}
}
