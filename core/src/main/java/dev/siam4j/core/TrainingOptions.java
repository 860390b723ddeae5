package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;

/**
 * Hyper-parameters of one training job. Values an algorithm does not use are ignored.
 *
 * @param learningRate peak learning rate
 * @param epochs passes over the data
 * @param batchSize examples per optimiser step (after accumulation)
 * @param maxSequenceLength tokens per example; longer ones are cut
 * @param beta the preference temperature of DPO, IPO, SimPO, KTO; ORPO's lambda
 * @param nllWeight lambda of DPO+NLL
 * @param loraRank 0 for full fine-tuning, otherwise the LoRA rank
 * @param seed seed of shuffling, initialisation and dropout
 */
public record TrainingOptions(
    double learningRate,
    int epochs,
    int batchSize,
    int maxSequenceLength,
    double beta,
    double nllWeight,
    int loraRank,
    long seed) {

  /** Defaults after the paper, scaled for small models. */
  public static final TrainingOptions DEFAULT =
      new TrainingOptions(1e-4, 1, 8, 512, 0.1, 1.0, 8, 42);

  /**
   * Validates.
   *
   * @param learningRate positive and finite
   * @param epochs positive
   * @param batchSize positive
   * @param maxSequenceLength positive
   * @param beta not negative
   * @param nllWeight not negative
   * @param loraRank not negative; 0 for full fine-tuning
   * @param seed any value
   * @throws IllegalArgumentException when a value is out of range
   */
  public TrainingOptions {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, was " + learningRate);
    }
    Checks.positive(epochs, "epochs");
    Checks.positive(batchSize, "batchSize");
    Checks.positive(maxSequenceLength, "maxSequenceLength");
    Checks.nonNegative(beta, "beta");
    Checks.nonNegative(nllWeight, "nllWeight");
    Checks.nonNegative(loraRank, "loraRank");
  }

  /**
   * @param value the peak learning rate, positive and finite
   * @return these options with another peak learning rate
   */
  public TrainingOptions withLearningRate(double value) {
    return new TrainingOptions(value, epochs, batchSize, maxSequenceLength, beta, nllWeight, loraRank, seed);
  }
}
