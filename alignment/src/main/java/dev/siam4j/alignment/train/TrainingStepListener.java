package dev.siam4j.alignment.train;

/**
 * Hears each optimiser step of a {@link DjlTrainer}. Must be fast; an exception it throws is logged
 * and ignored. To stop training, interrupt the training thread: the trainer stops after the current
 * step, and a later run resumes from the last saved checkpoint.
 */
@FunctionalInterface
public interface TrainingStepListener {

  /** Ignores every step. */
  TrainingStepListener NONE = metrics -> {};

  /** @param metrics the step just taken */
  void onStep(StepMetrics metrics);
}
