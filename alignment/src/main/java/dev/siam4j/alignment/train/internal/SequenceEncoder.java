package dev.siam4j.alignment.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.alignment.train.PromptRenderer;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufValue;
import java.util.List;
import java.util.Objects;

/**
 * Tokenises prompt and completion separately (so the completion's tokens are well defined), puts the
 * BOS token first, and cuts to a maximum length: the completion's end first, then the prompt's
 * start. Packs sequences into right-padded batches. Immutable and thread-safe.
 */
public final class SequenceEncoder {
  private final Tokenizer tokenizer;
  private final int bos;
  private final PromptRenderer renderer;

  /**
   * @param tokenizer the model's tokenizer
   * @param bos the BOS token id, or -1 for none
   * @param renderer how prompts become text
   */
  public SequenceEncoder(Tokenizer tokenizer, int bos, PromptRenderer renderer) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.bos = bos;
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  /**
   * @param file a GGUF model
   * @return its BOS id if it adds one ({@code tokenizer.ggml.add_bos_token}, default true), else -1
   */
  public static int bos(GgufFile file) {
    boolean add = file.get("tokenizer.ggml.add_bos_token").map(GgufValue::asBoolean).orElse(true);
    return add ? file.get("tokenizer.ggml.bos_token_id").map(GgufValue::asInt).orElse(-1) : -1;
  }

  /**
   * @param prompt the context
   * @param completion the text to score; not empty
   * @param maxLength most tokens in all, at least 2
   * @return the encoded sequence
   */
  public EncodedSequence encode(Prompt prompt, String completion, int maxLength) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(completion, "completion");
    if (completion.isEmpty()) {
      throw new IllegalArgumentException("completion must not be empty");
    }
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be at least 2, was " + maxLength);
    }
    int[] p = tokenizer.encode(renderer.render(prompt));
    if (bos >= 0) {
      int[] withBos = new int[p.length + 1];
      withBos[0] = bos;
      System.arraycopy(p, 0, withBos, 1, p.length);
      p = withBos;
    }
    int[] c = tokenizer.encode(completion);
    if (p.length == 0 || c.length == 0) {
      throw new IllegalArgumentException("prompt and completion must produce tokens");
    }
    int keepCompletion = Math.min(c.length, Math.max(1, maxLength - p.length));
    int keepPrompt = Math.min(p.length, maxLength - keepCompletion);
    int[] all = new int[keepPrompt + keepCompletion];
    System.arraycopy(p, p.length - keepPrompt, all, 0, keepPrompt);
    System.arraycopy(c, 0, all, keepPrompt, keepCompletion);
    return new EncodedSequence(all, keepPrompt);
  }

  /**
   * Packs sequences into a right-padded batch.
   *
   * @param sequences the batch
   * @param manager where the arrays go
   * @return tokens (B, T) int64 padded with 0, and mask (B, T) float32, 1 on completion tokens
   */
  public static NDArray[] pack(List<EncodedSequence> sequences, NDManager manager) {
    int width = sequences.stream().mapToInt(EncodedSequence::length).max().orElseThrow();
    long[] tokens = new long[sequences.size() * width];
    float[] mask = new float[sequences.size() * width];
    for (int b = 0; b < sequences.size(); b++) {
      EncodedSequence s = sequences.get(b);
      for (int i = 0; i < s.length(); i++) {
        tokens[b * width + i] = s.token(i);
        mask[b * width + i] = i >= s.promptLength() ? 1f : 0f;
      }
    }
    Shape shape = new Shape(sequences.size(), width);
    return new NDArray[] {manager.create(tokens, shape), manager.create(mask, shape)};
  }

  /**
   * @param sequences the batch
   * @return each sequence's completion length, as floats
   */
  public static float[] completionLengths(List<EncodedSequence> sequences) {
    float[] lengths = new float[sequences.size()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = sequences.get(i).completionLength();
    }
    return lengths;
  }

  @Override
  public String toString() {
    return "SequenceEncoder[bos=" + bos + "]";
  }
}
