package dev.siam4j.alignment.train.internal.model;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * The shape of a llama-family decoder, as GGUF metadata describes it.
 *
 * @param architecture {@code general.architecture}, e.g. {@code llama} or {@code qwen2}
 * @param vocabularySize tokens in the vocabulary
 * @param embeddingLength the model width
 * @param blockCount transformer blocks
 * @param headCount query heads
 * @param headCountKv key/value heads (grouped-query attention when fewer than query heads)
 * @param feedForwardLength the SwiGLU hidden width
 * @param ropeFreqBase RoPE's base frequency
 * @param ropeDimensionCount how many of a head's dimensions RoPE rotates (even, at most the head
 *     size)
 * @param ropeStyle how RoPE pairs dimensions
 * @param rmsNormEpsilon RMSNorm's epsilon
 */
public record LlamaConfig(
    String architecture,
    int vocabularySize,
    int embeddingLength,
    int blockCount,
    int headCount,
    int headCountKv,
    int feedForwardLength,
    double ropeFreqBase,
    int ropeDimensionCount,
    RopeStyle ropeStyle,
    double rmsNormEpsilon) {

  /** Validates. */
  public LlamaConfig {
    Checks.nonBlank(architecture, "architecture");
    Checks.positive(vocabularySize, "vocabularySize");
    Checks.positive(embeddingLength, "embeddingLength");
    Checks.positive(blockCount, "blockCount");
    Checks.positive(headCount, "headCount");
    Checks.positive(headCountKv, "headCountKv");
    Checks.positive(feedForwardLength, "feedForwardLength");
    Objects.requireNonNull(ropeStyle, "ropeStyle");
    if (embeddingLength % headCount != 0) {
      throw new IllegalArgumentException(
          "embeddingLength " + embeddingLength + " is not a multiple of headCount " + headCount);
    }
    if (headCount % headCountKv != 0) {
      throw new IllegalArgumentException(
          "headCount " + headCount + " is not a multiple of headCountKv " + headCountKv);
    }
    int headSize = embeddingLength / headCount;
    if (ropeDimensionCount <= 0 || ropeDimensionCount % 2 != 0 || ropeDimensionCount > headSize) {
      throw new IllegalArgumentException(
          "ropeDimensionCount must be even and in (0, " + headSize + "], was " + ropeDimensionCount);
    }
    if (!(ropeFreqBase > 0) || !(rmsNormEpsilon > 0)) {
      throw new IllegalArgumentException(
          "ropeFreqBase and rmsNormEpsilon must be positive, were "
              + ropeFreqBase
              + " and "
              + rmsNormEpsilon);
    }
  }

  /** @return dimensions per head */
  public int headSize() {
    return embeddingLength / headCount;
  }

  /** @return query heads per key/value head */
  public int groupSize() {
    return headCount / headCountKv;
  }
}
