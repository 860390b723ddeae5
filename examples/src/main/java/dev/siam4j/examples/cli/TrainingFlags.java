package dev.siam4j.examples.cli;

import dev.siam4j.core.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The {@link TrainingOptions} of a training step as flags, shared by {@code siam4j train} and
 * {@code siam4j run} (a picocli mixin); each defaults to {@link TrainingOptions#DEFAULT}.
 */
final class TrainingFlags {
  @Option(names = "--learning-rate", paramLabel = "X", description = "Peak learning rate (default 1e-4).")
  double learningRate = TrainingOptions.DEFAULT.learningRate();

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data in each training step (default 1).")
  int epochs = TrainingOptions.DEFAULT.epochs();

  @Option(names = "--batch-size", paramLabel = "N", description = "Examples per optimizer step (default 8).")
  int batchSize = TrainingOptions.DEFAULT.batchSize();

  @Option(names = "--max-length", paramLabel = "N", description = "Tokens per sequence, longer ones cut (default 512).")
  int maxLength = TrainingOptions.DEFAULT.maxSequenceLength();

  @Option(names = "--beta", paramLabel = "X", description = "Preference strength of DPO-like objectives (default 0.1).")
  double beta = TrainingOptions.DEFAULT.beta();

  @Option(names = "--nll-weight", paramLabel = "X", description = "Lambda, the weight of DPO_NLL's NLL term (default 1.0).")
  double nllWeight = TrainingOptions.DEFAULT.nllWeight();

  @Option(names = "--lora-rank", paramLabel = "R", description = "LoRA rank; 0 trains every weight (default 8).")
  int loraRank = TrainingOptions.DEFAULT.loraRank();

  /**
   * @param seed the seed of initialisation and shuffling
   * @return the options
   * @throws UsageException naming the flag when a value is out of range
   */
  TrainingOptions options(long seed) {
    try {
      return new TrainingOptions(learningRate, epochs, batchSize, maxLength, beta, nllWeight, loraRank, seed);
    } catch (IllegalArgumentException e) {
      // TrainingOptions' messages name its fields; the user typed flags
      throw new UsageException(e.getMessage().replace("learningRate", "--learning-rate").replace("epochs", "--epochs")
          .replace("batchSize", "--batch-size").replace("maxSequenceLength", "--max-length")
          .replace("beta", "--beta").replace("nllWeight", "--nll-weight").replace("loraRank", "--lora-rank"));
    }
  }
}
