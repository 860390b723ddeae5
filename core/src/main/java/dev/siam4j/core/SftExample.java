package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * A supervised fine-tuning example: a prompt and a completion the model should learn to write.
 *
 * @param key the sample it was made from
 * @param prompt the prompt
 * @param completion the completion to learn
 * @param confidence the critic's confidence that the completion is correct
 */
public record SftExample(SampleKey key, Prompt prompt, String completion, double confidence) {

  /**
   * Validates.
   *
   * @param key the source sample, not null
   * @param prompt the prompt, not null
   * @param completion the completion, not blank
   * @param confidence in [0, 1]
   */
  public SftExample {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(prompt, "prompt");
    Checks.nonBlank(completion, "completion");
    Checks.probability(confidence, "confidence");
  }
}
