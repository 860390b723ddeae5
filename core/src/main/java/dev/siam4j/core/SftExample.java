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

  /** Validates. */
  public SftExample {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(prompt, "prompt");
    Checks.nonBlank(completion, "completion");
    Checks.probability(confidence, "confidence");
  }
}
