package dev.siam4j.core.loop;

import dev.siam4j.core.Siam4jException;

/**
 * {@link SelfImprovementLoop#run()} was cancelled: its thread was interrupted. What was written
 * stays, and a rerun on the same folder resumes. When {@code run()} throws it, the thread's
 * interrupt status is set again, as the interrupt found it.
 */
public final class LoopCancelledException extends Siam4jException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message where the loop stopped
   * @param cause the interruption, possibly {@code null}
   */
  public LoopCancelledException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
