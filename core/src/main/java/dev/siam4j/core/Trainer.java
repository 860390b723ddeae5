package dev.siam4j.core;

/**
 * Trains a policy on SFT examples or preference pairs and writes a new checkpoint.
 *
 * <p>Implementations may hold native resources; those are {@link AutoCloseable} and their creator
 * closes them.
 */
@FunctionalInterface
public interface Trainer {

  /**
   * Runs one training job to its end.
   *
   * @param job base checkpoint, data files, algorithm, options, output folder
   * @return the new checkpoint and final metrics
   * @throws TrainingFailedException when training fails
   */
  TrainingResult train(TrainingJob job);
}
