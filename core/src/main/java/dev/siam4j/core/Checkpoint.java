package dev.siam4j.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy model on disk: a GGUF model file, and optionally a LoRA adapter (GGUF) applied to it.
 *
 * @param model the GGUF model
 * @param adapter a LoRA adapter for {@code model}, if any
 */
public record Checkpoint(Path model, Optional<Path> adapter) {

  /**
   * Validates.
   *
   * @param model the GGUF model file, not null
   * @param adapter the adapter file or empty, not null
   */
  public Checkpoint {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(adapter, "adapter");
  }

  /**
   * @param model the GGUF model file, not null
   * @return a checkpoint that is a whole model file
   */
  public static Checkpoint of(Path model) {
    return new Checkpoint(model, Optional.empty());
  }

  /**
   * @param model the base model's GGUF file, not null
   * @param adapter the LoRA adapter's GGUF file, not null
   * @return a checkpoint of a base model and a LoRA adapter
   */
  public static Checkpoint withAdapter(Path model, Path adapter) {
    return new Checkpoint(model, Optional.of(adapter));
  }
}
