package dev.siam4j.core.gguf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a llama-architecture model that {@link LlamaModelFactory} writes: sizes, storage type
 * of the weight matrices, and the tokens added to the byte-level vocabulary.
 *
 * @param embeddingLength {@code llama.embedding_length} (n_embd), a multiple of {@code headCount}
 * @param blockCount {@code llama.block_count}: the number of transformer layers
 * @param headCount {@code llama.attention.head_count}
 * @param headCountKv {@code llama.attention.head_count_kv}, dividing {@code headCount}
 * @param feedForwardLength {@code llama.feed_forward_length} (n_ff)
 * @param contextLength {@code llama.context_length}: the training context
 * @param weightType the storage type of the 2-D weights (F32, F16, BF16 or Q8_0); norms stay F32.
 *     Q8_0 needs {@code embeddingLength} and {@code feedForwardLength} to be multiples of 32
 * @param extraTokens normal tokens appended to the byte-level vocabulary, such as {@code "▁the"}
 *     (SentencePiece marks a space with U+2581); distinct, none equal to a built-in token. The
 *     tokenizer merges adjacent pieces only into pieces of the vocabulary, so a multi-character
 *     token is used only when a chain of its prefixes is present too ({@code "▁t"}, {@code "▁th"})
 * @param chatTemplate the Jinja chat template stored as {@code tokenizer.chat_template}, if any
 */
public record LlamaModelSpec(
    int embeddingLength,
    int blockCount,
    int headCount,
    int headCountKv,
    int feedForwardLength,
    int contextLength,
    GgmlType weightType,
    List<String> extraTokens,
    Optional<String> chatTemplate) {

  /**
   * Validates and copies.
   *
   * @param embeddingLength the width, positive, a multiple of {@code headCount} giving an even head
   *     size
   * @param blockCount the number of layers, positive
   * @param headCount attention heads, positive
   * @param headCountKv key/value heads, positive, dividing {@code headCount}
   * @param feedForwardLength the feed-forward width, positive
   * @param contextLength the training context in tokens, positive
   * @param weightType F32, F16, BF16 or Q8_0
   * @param extraTokens tokens added to the vocabulary, not null; copied
   * @param chatTemplate the chat template or empty, not null
   * @throws IllegalArgumentException when a size is not positive or the sizes do not fit together
   */
  public LlamaModelSpec {
    positive(embeddingLength, "embeddingLength");
    positive(blockCount, "blockCount");
    positive(headCount, "headCount");
    positive(headCountKv, "headCountKv");
    positive(feedForwardLength, "feedForwardLength");
    positive(contextLength, "contextLength");
    Objects.requireNonNull(weightType, "weightType");
    extraTokens = List.copyOf(Objects.requireNonNull(extraTokens, "extraTokens"));
    Objects.requireNonNull(chatTemplate, "chatTemplate");
    if (embeddingLength % headCount != 0) {
      throw new IllegalArgumentException(
          "embeddingLength " + embeddingLength + " must be a multiple of headCount " + headCount);
    }
    if (headCount % headCountKv != 0) {
      throw new IllegalArgumentException(
          "headCountKv " + headCountKv + " must divide headCount " + headCount);
    }
    if ((embeddingLength / headCount) % 2 != 0) {
      throw new IllegalArgumentException(
          "the head size embeddingLength / headCount must be even for rotary embeddings, was "
              + embeddingLength / headCount);
    }
    if (!weightType.isFloatCodec()) {
      throw new IllegalArgumentException("weightType must be F32, F16, BF16 or Q8_0, was " + weightType);
    }
    if (embeddingLength % weightType.blockSize() != 0 || feedForwardLength % weightType.blockSize() != 0) {
      throw new IllegalArgumentException(
          weightType + " needs embeddingLength and feedForwardLength to be multiples of " + weightType.blockSize());
    }
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
  }

  /**
   * A model of a few hundred KB for tests: 64 wide, 2 layers, 4 heads (2 for K and V), feed-forward
   * 128, context 512, F32 weights, the plain byte-level vocabulary.
   *
   * @return the tiny model's spec
   */
  public static LlamaModelSpec tiny() {
    return new LlamaModelSpec(64, 2, 4, 2, 128, 512, GgmlType.F32, List.of(), Optional.empty());
  }

  /** @return the head size: {@code embeddingLength / headCount} */
  public int headSize() {
    return embeddingLength / headCount;
  }

  /** @return the number of tokens: the built-in 260 plus the extra tokens */
  public int vocabularySize() {
    return LlamaModelFactory.BUILT_IN_TOKENS + extraTokens.size();
  }

  /** @return the number of weights in the model */
  public long parameterCount() {
    long e = embeddingLength;
    long kv = (long) headCountKv * headSize();
    long perBlock = e + e * e + 2 * e * kv + e * e + e + 3 * e * feedForwardLength;
    return 2 * e * vocabularySize() + e + blockCount * perBlock;
  }

  /**
   * @param value {@code llama.embedding_length}, positive
   * @return a copy with another width
   */
  public LlamaModelSpec withEmbeddingLength(int value) {
    return new LlamaModelSpec(value, blockCount, headCount, headCountKv, feedForwardLength, contextLength, weightType, extraTokens, chatTemplate);
  }

  /**
   * @param value {@code llama.block_count}, positive
   * @return a copy with another number of layers
   */
  public LlamaModelSpec withBlockCount(int value) {
    return new LlamaModelSpec(embeddingLength, value, headCount, headCountKv, feedForwardLength, contextLength, weightType, extraTokens, chatTemplate);
  }

  /**
   * @param heads {@code llama.attention.head_count}, positive
   * @param kvHeads {@code llama.attention.head_count_kv}, positive, dividing {@code heads}
   * @return a copy with other head counts
   */
  public LlamaModelSpec withHeads(int heads, int kvHeads) {
    return new LlamaModelSpec(embeddingLength, blockCount, heads, kvHeads, feedForwardLength, contextLength, weightType, extraTokens, chatTemplate);
  }

  /**
   * @param value {@code llama.feed_forward_length}, positive
   * @return a copy with another feed-forward width
   */
  public LlamaModelSpec withFeedForwardLength(int value) {
    return new LlamaModelSpec(embeddingLength, blockCount, headCount, headCountKv, value, contextLength, weightType, extraTokens, chatTemplate);
  }

  /**
   * @param value {@code llama.context_length}, positive
   * @return a copy with another context length
   */
  public LlamaModelSpec withContextLength(int value) {
    return new LlamaModelSpec(embeddingLength, blockCount, headCount, headCountKv, feedForwardLength, value, weightType, extraTokens, chatTemplate);
  }

  /**
   * @param value F32, F16, BF16 or Q8_0
   * @return a copy with another weight storage type
   */
  public LlamaModelSpec withWeightType(GgmlType value) {
    return new LlamaModelSpec(embeddingLength, blockCount, headCount, headCountKv, feedForwardLength, contextLength, value, extraTokens, chatTemplate);
  }

  /**
   * @param value tokens appended to the byte-level vocabulary, not null
   * @return a copy with other extra tokens
   */
  public LlamaModelSpec withExtraTokens(List<String> value) {
    return new LlamaModelSpec(embeddingLength, blockCount, headCount, headCountKv, feedForwardLength, contextLength, weightType, value, chatTemplate);
  }

  /**
   * @param value the Jinja chat template, not null
   * @return a copy with a chat template
   */
  public LlamaModelSpec withChatTemplate(String value) {
    return new LlamaModelSpec(embeddingLength, blockCount, headCount, headCountKv, feedForwardLength, contextLength, weightType, extraTokens, Optional.of(value));
  }
}
