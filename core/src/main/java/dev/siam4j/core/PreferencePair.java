package dev.siam4j.core;

import java.util.Objects;

/**
 * Two completions of the same prompt, one preferred: the data of DPO and its relatives.
 *
 * @param chosenKey the sample of the preferred completion
 * @param rejectedKey the sample of the other one
 * @param prompt the prompt both answer
 * @param chosen the preferred completion (critic-approved)
 * @param rejected the rejected completion
 */
public record PreferencePair(
    SampleKey chosenKey, SampleKey rejectedKey, Prompt prompt, String chosen, String rejected) {

  /**
   * Validates.
   *
   * @param chosenKey the preferred sample, not null
   * @param rejectedKey the other sample, of the same problem; not null
   * @param prompt the prompt, not null
   * @param chosen the preferred completion, not null
   * @param rejected the rejected completion, not null, different from {@code chosen}
   * @throws IllegalArgumentException when the keys name different problems or the completions are
   *     equal
   */
  public PreferencePair {
    Objects.requireNonNull(chosenKey, "chosenKey");
    Objects.requireNonNull(rejectedKey, "rejectedKey");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(rejected, "rejected");
    if (!chosenKey.problemId().equals(rejectedKey.problemId())) {
      throw new IllegalArgumentException(
          "a pair joins samples of one problem, got " + chosenKey + " and " + rejectedKey);
    }
    if (chosen.equals(rejected)) {
      throw new IllegalArgumentException("chosen equals rejected for " + chosenKey.problemId());
    }
  }
}
