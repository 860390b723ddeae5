package dev.siam4j.alignment.train.internal.lora;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;
import java.util.Set;

/**
 * Low-rank adaptation (Hu et al. 2021) of a llama model's linear layers: {@code W x + (alpha / rank)
 * B A x}, with A (rank x n_in) initialised at random and B (n_out x rank) at zero, so training starts
 * from the base model.
 *
 * @param rank the rank r, positive
 * @param alpha the scale numerator, positive
 * @param targets short GGUF names of the adapted layers: {@code attn_q}, {@code attn_k}, {@code
 *     attn_v}, {@code attn_output}, {@code ffn_gate}, {@code ffn_up}, {@code ffn_down}
 */
public record LoraConfig(int rank, double alpha, Set<String> targets) {

  /** Layers that can be adapted. */
  public static final Set<String> ADAPTABLE =
      Set.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down");

  /** Validates and copies. */
  public LoraConfig {
    Checks.positive(rank, "rank");
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be positive, was " + alpha);
    }
    targets = Set.copyOf(Objects.requireNonNull(targets, "targets"));
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must not be empty");
    }
    for (String t : targets) {
      if (!ADAPTABLE.contains(t)) {
        throw new IllegalArgumentException(
            "cannot adapt '" + t + "'; adaptable layers are " + new java.util.TreeSet<>(ADAPTABLE));
      }
    }
  }

  /**
   * The usual choice: all attention and MLP projections, alpha twice the rank.
   *
   * @param rank the rank
   * @return the configuration
   */
  public static LoraConfig allLinear(int rank) {
    return new LoraConfig(rank, 2.0 * rank, ADAPTABLE);
  }

  /** @return alpha / rank, the factor llama.cpp applies to B A */
  public double scale() {
    return alpha / rank;
  }
}
