package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * How to sample a completion.
 *
 * @param temperature 0 for greedy decoding, otherwise the softmax temperature
 * @param topP nucleus sampling threshold in (0, 1]
 * @param topK keep the k most likely tokens; 0 keeps all
 * @param maxTokens the most tokens to generate
 * @param stop strings that end the completion (not included in it)
 */
public record SamplingOptions(
    double temperature, double topP, int topK, int maxTokens, List<String> stop) {

  /** The paper's sampling for self-training: temperature 0.7, top-p 0.95, 512 tokens. */
  public static final SamplingOptions DEFAULT = new SamplingOptions(0.7, 0.95, 0, 512, List.of());

  /** Greedy decoding, 512 tokens. */
  public static final SamplingOptions GREEDY = new SamplingOptions(0.0, 1.0, 0, 512, List.of());

  /** Validates and copies. */
  public SamplingOptions {
    Checks.nonNegative(temperature, "temperature");
    if (!(topP > 0.0 && topP <= 1.0)) {
      throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    }
    Checks.nonNegative(topK, "topK");
    Checks.positive(maxTokens, "maxTokens");
    stop = List.copyOf(Objects.requireNonNull(stop, "stop"));
  }

  /** @return a copy with another temperature */
  public SamplingOptions withTemperature(double value) {
    return new SamplingOptions(value, topP, topK, maxTokens, stop);
  }

  /** @return a copy with another token limit */
  public SamplingOptions withMaxTokens(int value) {
    return new SamplingOptions(temperature, topP, topK, value, stop);
  }

  /** @return a copy with other stop strings */
  public SamplingOptions withStop(List<String> value) {
    return new SamplingOptions(temperature, topP, topK, maxTokens, value);
  }
}
