package dev.siam4j.core.loop;

import dev.siam4j.core.Checkpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished run gave.
 *
 * @param runFolder the run folder
 * @param iterations metrics per iteration
 * @param finalCheckpoint the policy after the last iteration, when the loop trains
 */
public record LoopResult(
    Path runFolder, List<IterationMetrics> iterations, Optional<Checkpoint> finalCheckpoint) {

  /**
   * Validates and copies.
   *
   * @param runFolder the run folder, not null
   * @param iterations metrics per iteration, not null; copied
   * @param finalCheckpoint the final policy or empty, not null
   */
  public LoopResult {
    Objects.requireNonNull(runFolder, "runFolder");
    iterations = List.copyOf(Objects.requireNonNull(iterations, "iterations"));
    Objects.requireNonNull(finalCheckpoint, "finalCheckpoint");
  }
}
