package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * One completion from a {@link Generator}.
 *
 * @param text the generated text, stop string excluded
 * @param finishReason why generation ended
 * @param promptTokens tokens in the prompt, 0 where the backend does not say
 * @param completionTokens tokens generated, 0 where the backend does not say
 */
public record Completion(
    String text, FinishReason finishReason, int promptTokens, int completionTokens) {

  /** Why a completion ended. */
  public enum FinishReason {
    /** A stop string or the end-of-sequence token. */
    STOP,
    /** The token limit. */
    LENGTH,
    /** The backend does not say. */
    UNKNOWN
  }

  /**
   * Validates.
   *
   * @param text the generated text, not null
   * @param finishReason why generation ended, not null
   * @param promptTokens prompt tokens, not negative
   * @param completionTokens generated tokens, not negative
   */
  public Completion {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
    Checks.nonNegative(promptTokens, "promptTokens");
    Checks.nonNegative(completionTokens, "completionTokens");
  }
}
