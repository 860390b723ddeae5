package dev.siam4j.core;

/**
 * Opens a {@link Generator} on a checkpoint: how the loop lets the model trained in iteration i
 * generate in iteration i + 1. The loop closes the generators it opened through this, when they
 * are {@link AutoCloseable}.
 */
@FunctionalInterface
public interface PolicyLoader {

  /**
   * @param checkpoint the policy to load
   * @return a generator sampling from it
   */
  Generator load(Checkpoint checkpoint);
}
