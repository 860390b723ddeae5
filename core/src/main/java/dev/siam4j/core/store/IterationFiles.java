package dev.siam4j.core.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one iteration in a run folder ({@code iter-N/}).
 *
 * @param folder the iteration's folder
 */
public record IterationFiles(Path folder) {

  /**
   * Validates.
   *
   * @param folder the iteration's folder, not null
   */
  public IterationFiles {
    Objects.requireNonNull(folder, "folder");
  }

  /** @return sampled solutions, {@code Solution} per line */
  public Path solutions() {
    return folder.resolve("solutions.jsonl");
  }

  /** @return executions, {@link ExecutionRecord} per line */
  public Path executions() {
    return folder.resolve("executions.jsonl");
  }

  /** @return verdicts, {@link VerdictRecord} per line */
  public Path verdicts() {
    return folder.resolve("verdicts.jsonl");
  }

  /** @return per-problem training data, {@link ProblemDataRecord} per line */
  public Path data() {
    return folder.resolve("data.jsonl");
  }

  /** @return SFT examples, {@code SftExample} per line (derived from {@link #data()}) */
  public Path sft() {
    return folder.resolve("sft.jsonl");
  }

  /** @return preference pairs, {@code PreferencePair} per line (derived from {@link #data()}) */
  public Path pairs() {
    return folder.resolve("pairs.jsonl");
  }

  /** @return the folder where training writes checkpoints, one subfolder per training step */
  public Path training() {
    return folder.resolve("checkpoint");
  }

  /** @return the iteration's metrics */
  public Path metrics() {
    return folder.resolve("metrics.json");
  }

  /** @return the policy gate's decision on what the iteration trained, when the loop has a gate */
  public Path gate() {
    return folder.resolve("gate.json");
  }

  /** @return the samples exploration added, one line per problem (when the loop explores) */
  public Path exploration() {
    return folder.resolve("exploration.jsonl");
  }

  /** @return seconds spent per stage, one line per finished stage run */
  public Path stageTimes() {
    return folder.resolve("stages.jsonl");
  }
}
