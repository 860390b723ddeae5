package dev.siam4j.core;

import java.util.Objects;

/**
 * One sampled solution: the prompt, what the model wrote, and the program extracted from it.
 *
 * @param key which problem, sample and iteration
 * @param prompt the prompt the model saw
 * @param completion what the model wrote
 * @param code the Python program extracted from the completion; empty when none was found
 */
public record Solution(SampleKey key, Prompt prompt, Completion completion, String code) {

  /**
   * Validates.
   *
   * @param key the sample's key, not null
   * @param prompt the prompt, not null
   * @param completion the completion, not null
   * @param code the extracted program, or empty; not null
   */
  public Solution {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(completion, "completion");
    Objects.requireNonNull(code, "code");
  }

  /** @return whether a program was extracted */
  public boolean hasCode() {
    return !code.isBlank();
  }
}
