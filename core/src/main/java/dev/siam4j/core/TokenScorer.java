package dev.siam4j.core;

import java.util.Objects;

/**
 * Scores a continuation under a model: the log-probability of {@code continuation} given {@code
 * prompt}, summed over the continuation's tokens. Used for a critic's confidence and for preference
 * training (reference log-probabilities).
 *
 * <p>llama.cpp through de.kherud:llama 4.2.0 cannot provide this (its only route to token
 * probabilities aborts the JVM), so the in-JVM trainer implements it. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface TokenScorer {

  /**
   * @param prompt the context, rendered as the model sees it
   * @param continuation the text whose probability is wanted; not empty
   * @return its log-probability and token count
   * @throws Siam4jException when the model fails
   */
  Score score(Prompt prompt, String continuation);

  /**
   * The log-probability of a continuation.
   *
   * @param logProbability the natural-log probability, summed over tokens; 0 or less
   * @param tokens how many tokens the continuation has, at least 1
   */
  record Score(double logProbability, int tokens) {

    /**
     * Validates.
     *
     * @param logProbability 0 or less
     * @param tokens at least 1
     * @throws IllegalArgumentException when a value is out of range
     */
    public Score {
      if (!(logProbability <= 0.0)) {
        throw new IllegalArgumentException(
            "logProbability must be 0 or less, was " + logProbability);
      }
      if (tokens < 1) {
        throw new IllegalArgumentException("tokens must be positive, was " + tokens);
      }
    }

    /** @return the mean log-probability per token */
    public double meanLogProbability() {
      return logProbability / tokens;
    }

    /** @return the geometric-mean probability per token, in (0, 1] */
    public double perTokenProbability() {
      return Math.exp(meanLogProbability());
    }
  }

  /**
   * Scores a continuation of a raw text prompt.
   *
   * @param prompt the raw prompt
   * @param continuation the continuation
   * @return its score
   */
  default Score score(String prompt, String continuation) {
    Objects.requireNonNull(prompt, "prompt");
    return score(Prompt.raw(prompt), continuation);
  }
}
