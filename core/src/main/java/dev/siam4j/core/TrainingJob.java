package dev.siam4j.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One training run for a {@link Trainer}. Data come as JSONL files so that a trainer can stream
 * them: {@code sftFile} holds {@link SftExample}s, {@code pairsFile} {@link PreferencePair}s, one
 * JSON object a line (either may be empty).
 *
 * @param base the checkpoint to start from
 * @param sftFile SFT examples, JSONL
 * @param pairsFile preference pairs, JSONL
 * @param algorithm the objective
 * @param options hyper-parameters
 * @param outputDirectory where the trainer writes the new checkpoint and its logs
 */
public record TrainingJob(
    Checkpoint base,
    Path sftFile,
    Path pairsFile,
    Algorithm algorithm,
    TrainingOptions options,
    Path outputDirectory) {

  /**
   * Validates.
   *
   * @param base the starting checkpoint, not null
   * @param sftFile SFT examples, JSONL, not null
   * @param pairsFile preference pairs, JSONL, not null
   * @param algorithm the objective, not null
   * @param options hyper-parameters, not null
   * @param outputDirectory the trainer's output folder, not null
   */
  public TrainingJob {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(sftFile, "sftFile");
    Objects.requireNonNull(pairsFile, "pairsFile");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
  }
}
