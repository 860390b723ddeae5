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
 * @param grammar a GBNF grammar the completion must match (llama.cpp's format), empty for none;
 *     backends that cannot constrain output ignore it and say so in their documentation
 */
public record SamplingOptions(
    double temperature, double topP, int topK, int maxTokens, List<String> stop, String grammar) {

  /** The paper's sampling for self-training: temperature 0.7, top-p 0.95, 512 tokens. */
  public static final SamplingOptions DEFAULT = new SamplingOptions(0.7, 0.95, 0, 512, List.of());

  /** Greedy decoding, 512 tokens. */
  public static final SamplingOptions GREEDY = new SamplingOptions(0.0, 1.0, 0, 512, List.of());

  /**
   * Options without a grammar.
   *
   * @param temperature 0 for greedy decoding, otherwise the softmax temperature; not negative
   * @param topP nucleus sampling threshold in (0, 1]
   * @param topK tokens kept, 0 for all; not negative
   * @param maxTokens the most tokens to generate, positive
   * @param stop strings that end the completion, not null
   */
  public SamplingOptions(double temperature, double topP, int topK, int maxTokens, List<String> stop) {
    this(temperature, topP, topK, maxTokens, stop, "");
  }

  /**
   * Validates and copies.
   *
   * @param temperature not negative; 0 for greedy decoding
   * @param topP in (0, 1]
   * @param topK not negative; 0 keeps all tokens
   * @param maxTokens positive
   * @param stop stop strings, not null; copied
   * @param grammar a GBNF grammar or empty, not null
   * @throws IllegalArgumentException when a value is out of range
   */
  public SamplingOptions {
    Checks.nonNegative(temperature, "temperature");
    if (!(topP > 0.0 && topP <= 1.0)) {
      throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    }
    Checks.nonNegative(topK, "topK");
    Checks.positive(maxTokens, "maxTokens");
    stop = List.copyOf(Objects.requireNonNull(stop, "stop"));
    Objects.requireNonNull(grammar, "grammar");
  }

  /**
   * @param value the temperature, not negative; 0 for greedy decoding
   * @return a copy with another temperature
   */
  public SamplingOptions withTemperature(double value) {
    return new SamplingOptions(value, topP, topK, maxTokens, stop, grammar);
  }

  /**
   * @param value the most tokens to generate, positive
   * @return a copy with another token limit
   */
  public SamplingOptions withMaxTokens(int value) {
    return new SamplingOptions(temperature, topP, topK, value, stop, grammar);
  }

  /**
   * @param value strings that end the completion, not null
   * @return a copy with other stop strings
   */
  public SamplingOptions withStop(List<String> value) {
    return new SamplingOptions(temperature, topP, topK, maxTokens, value, grammar);
  }

  /**
   * @param value a GBNF grammar, or empty for none; not null
   * @return a copy whose completions must match the GBNF {@code value} (empty for none)
   */
  public SamplingOptions withGrammar(String value) {
    return new SamplingOptions(temperature, topP, topK, maxTokens, stop, value);
  }
}
