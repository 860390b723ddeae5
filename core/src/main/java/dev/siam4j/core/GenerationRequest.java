package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a {@link Generator} for {@code samples} completions of one prompt.
 *
 * @param prompt what to complete
 * @param samples how many completions (the paper's k), at least 1
 * @param sampling temperature, limits and stop strings
 * @param seed the base seed; sample i uses a seed derived from it and i, so a run is reproducible
 * @param problem the problem the prompt was rendered from (id, language, metadata), for a generator
 *     that routes, logs or caches by problem; empty for a bare prompt. The loop always sets it.
 */
public record GenerationRequest(
    Prompt prompt, int samples, SamplingOptions sampling, long seed, Optional<Problem> problem) {

  /**
   * Validates.
   *
   * @param prompt what to complete, not null
   * @param samples how many completions, positive
   * @param sampling how to sample, not null
   * @param seed the base seed, any value
   * @param problem the source problem or empty, not null
   * @throws IllegalArgumentException when {@code samples} is not positive
   */
  public GenerationRequest {
    Objects.requireNonNull(prompt, "prompt");
    Checks.positive(samples, "samples");
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(problem, "problem");
  }

  /**
   * A request for a bare prompt, with no problem.
   *
   * @param prompt what to complete
   * @param samples how many completions, at least 1
   * @param sampling temperature, limits and stop strings
   * @param seed the base seed
   */
  public GenerationRequest(Prompt prompt, int samples, SamplingOptions sampling, long seed) {
    this(prompt, samples, sampling, seed, Optional.empty());
  }

  /**
   * @param value the problem the prompt was rendered from
   * @return this request for {@code value}
   */
  public GenerationRequest withProblem(Problem value) {
    return new GenerationRequest(prompt, samples, sampling, seed, Optional.of(Objects.requireNonNull(value, "problem")));
  }

  /**
   * @param index the 0-based sample index
   * @return the seed for sample {@code index}, from 0 to 2^31 - 1 (what llama.cpp and OpenAI-compatible
   *     servers accept): a mix of the base seed and the index, fixed for a base seed and different
   *     between the samples of one request except with a chance of about one in 2^31 per pair
   */
  public long sampleSeed(int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & 0x7FFF_FFFFL;
  }
}
