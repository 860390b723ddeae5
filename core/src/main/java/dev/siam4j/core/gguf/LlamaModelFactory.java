package dev.siam4j.core.gguf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes llama-architecture GGUF models that llama.cpp loads: for tests and demos, where no model
 * can be downloaded.
 *
 * <pre>{@code
 * Path model = LlamaModelFactory.writeRandom(LlamaModelSpec.tiny(), 42, dir.resolve("tiny.gguf"));
 * }</pre>
 *
 * <p>The vocabulary is byte-level SentencePiece style ({@code tokenizer.ggml.model = llama}):
 * {@code <unk>} (0), {@code <s>} (1, BOS), {@code </s>} (2, EOS), the 256 byte tokens {@code
 * <0x00>} to {@code <0xFF>} (3 to 258, byte fallback), {@code ▁} (259, a space) and then the spec's
 * extra tokens. Any text therefore tokenizes and decodes back.
 */
public final class LlamaModelFactory {

  /** Tokens every generated vocabulary has: 3 special, 256 bytes, and the space piece. */
  public static final int BUILT_IN_TOKENS = 260;

  /** The id of the end-of-sequence token {@code </s>}. */
  public static final int EOS_ID = 2;

  private static final int TYPE_NORMAL = 1;
  private static final int TYPE_UNKNOWN = 2;
  private static final int TYPE_CONTROL = 3;
  private static final int TYPE_BYTE = 6;

  private LlamaModelFactory() {}

  /**
   * @param spec the model's shape
   * @return the vocabulary's token strings, by id
   */
  public static List<String> vocabulary(LlamaModelSpec spec) {
    List<String> tokens = new ArrayList<>(spec.vocabularySize());
    tokens.add("<unk>");
    tokens.add("<s>");
    tokens.add("</s>");
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
    }
    tokens.add("\u2581");
    Set<String> seen = new HashSet<>(tokens);
    for (String t : spec.extraTokens()) {
      if (t.isEmpty() || !seen.add(t)) {
        throw new IllegalArgumentException("extra token \"" + t + "\" is empty or not unique");
      }
      tokens.add(t);
    }
    return tokens;
  }

  /**
   * The tensors of a model of this shape, with their dimensions fastest first, in file order.
   *
   * @param spec the model's shape
   * @return tensor name to shape
   */
  public static Map<String, List<Long>> tensorShapes(LlamaModelSpec spec) {
    long e = spec.embeddingLength();
    long v = spec.vocabularySize();
    long q = (long) spec.headCount() * spec.headSize();
    long kv = (long) spec.headCountKv() * spec.headSize();
    long ff = spec.feedForwardLength();
    Map<String, List<Long>> shapes = new LinkedHashMap<>();
    shapes.put("token_embd.weight", List.of(e, v));
    for (int i = 0; i < spec.blockCount(); i++) {
      String b = "blk." + i + ".";
      shapes.put(b + "attn_norm.weight", List.of(e));
      shapes.put(b + "attn_q.weight", List.of(e, q));
      shapes.put(b + "attn_k.weight", List.of(e, kv));
      shapes.put(b + "attn_v.weight", List.of(e, kv));
      shapes.put(b + "attn_output.weight", List.of(q, e));
      shapes.put(b + "ffn_norm.weight", List.of(e));
      shapes.put(b + "ffn_gate.weight", List.of(e, ff));
      shapes.put(b + "ffn_up.weight", List.of(e, ff));
      shapes.put(b + "ffn_down.weight", List.of(ff, e));
    }
    shapes.put("output_norm.weight", List.of(e));
    shapes.put("output.weight", List.of(e, v));
    return shapes;
  }

  /**
   * The metadata of a model of this shape (architecture, sizes and tokenizer).
   *
   * @param spec the model's shape
   * @return key to value, in file order
   */
  public static Map<String, GgufValue> metadata(LlamaModelSpec spec) {
    List<String> tokens = vocabulary(spec);
    List<Float> scores = new ArrayList<>(tokens.size());
    List<Integer> types = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      if (i == 0) {
        types.add(TYPE_UNKNOWN);
      } else if (i < 3) {
        types.add(TYPE_CONTROL);
      } else if (i < 259) {
        types.add(TYPE_BYTE);
      } else {
        types.add(TYPE_NORMAL);
      }
      // SentencePiece merges the highest-scoring pieces first: prefer longer pieces.
      scores.add(i < BUILT_IN_TOKENS ? 0f : (float) tokens.get(i).length());
    }
    Map<String, GgufValue> m = new LinkedHashMap<>();
    m.put("general.architecture", GgufValue.string("llama"));
    m.put("general.name", GgufValue.string("siam4j-generated"));
    m.put("general.file_type", GgufValue.uint32(fileType(spec.weightType())));
    m.put("llama.vocab_size", GgufValue.uint32(tokens.size()));
    m.put("llama.context_length", GgufValue.uint32(spec.contextLength()));
    m.put("llama.embedding_length", GgufValue.uint32(spec.embeddingLength()));
    m.put("llama.block_count", GgufValue.uint32(spec.blockCount()));
    m.put("llama.feed_forward_length", GgufValue.uint32(spec.feedForwardLength()));
    m.put("llama.rope.dimension_count", GgufValue.uint32(spec.headSize()));
    m.put("llama.attention.head_count", GgufValue.uint32(spec.headCount()));
    m.put("llama.attention.head_count_kv", GgufValue.uint32(spec.headCountKv()));
    m.put("llama.attention.layer_norm_rms_epsilon", GgufValue.float32(1e-5f));
    m.put("llama.rope.freq_base", GgufValue.float32(10000f));
    m.put("tokenizer.ggml.model", GgufValue.string("llama"));
    m.put("tokenizer.ggml.tokens", GgufValue.strings(tokens));
    m.put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.FLOAT32, scores));
    m.put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types));
    m.put("tokenizer.ggml.unknown_token_id", GgufValue.uint32(0));
    m.put("tokenizer.ggml.bos_token_id", GgufValue.uint32(1));
    m.put("tokenizer.ggml.eos_token_id", GgufValue.uint32(EOS_ID));
    m.put("tokenizer.ggml.add_bos_token", GgufValue.bool(true));
    m.put("tokenizer.ggml.add_eos_token", GgufValue.bool(false));
    m.put("tokenizer.ggml.add_space_prefix", GgufValue.bool(false));
    spec.chatTemplate().ifPresent(t -> m.put("tokenizer.chat_template", GgufValue.string(t)));
    return m;
  }

  private static long fileType(GgmlType t) {
    switch (t) {
      case F32:
        return 0;
      case F16:
        return 1;
      case Q8_0:
        return 7;
      case BF16:
        return 32;
      default:
        throw new IllegalArgumentException(t.name());
    }
  }

  /**
   * Writes a model with seeded random weights ({@link WeightSource#random(long)}).
   *
   * @param spec the model's shape
   * @param seed the weights' seed
   * @param file where to write
   * @return {@code file}
   */
  public static Path writeRandom(LlamaModelSpec spec, long seed, Path file) {
    return write(spec, WeightSource.random(seed), file);
  }

  /**
   * Writes a model with the given weights. Norm weights are stored as F32, the others as the spec's
   * weight type.
   *
   * @param spec the model's shape
   * @param weights the weights, asked once per tensor of {@link #tensorShapes}
   * @param file where to write
   * @return {@code file}
   */
  public static Path write(LlamaModelSpec spec, WeightSource weights, Path file) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(file, "file");
    GgufWriter w = GgufWriter.create().putAll(metadata(spec));
    for (Map.Entry<String, List<Long>> t : tensorShapes(spec).entrySet()) {
      GgmlType type = t.getValue().size() == 1 ? GgmlType.F32 : spec.weightType();
      float[] values = weights.weights(t.getKey(), t.getValue());
      w.addTensor(t.getKey(), type, t.getValue(), Objects.requireNonNull(values, t.getKey()));
    }
    return w.write(file);
  }

  /**
   * The tensors of a LoRA adapter for a model of this shape: for each target matrix ({@code attn_q},
   * {@code attn_k}, {@code attn_v}, {@code attn_output}, {@code ffn_gate}, {@code ffn_up}, {@code
   * ffn_down}) of every block, {@code <name>.lora_a} of shape {@code [in, rank]} and {@code
   * <name>.lora_b} of shape {@code [rank, out]}, where the base matrix has shape {@code [in, out]}.
   *
   * @param spec the base model's shape
   * @param rank the adapter's rank, positive
   * @param targets the matrices adapted, such as {@code List.of("attn_q", "attn_v")}
   * @return tensor name to shape, in file order
   */
  public static Map<String, List<Long>> loraTensorShapes(LlamaModelSpec spec, int rank, List<String> targets) {
    if (rank <= 0) {
      throw new IllegalArgumentException("rank must be positive, was " + rank);
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must not be empty");
    }
    Map<String, List<Long>> base = tensorShapes(spec);
    Map<String, List<Long>> shapes = new LinkedHashMap<>();
    for (int i = 0; i < spec.blockCount(); i++) {
      for (String target : targets) {
        String name = "blk." + i + "." + target + ".weight";
        List<Long> s = base.get(name);
        if (s == null || s.size() != 2) {
          throw new IllegalArgumentException("no weight matrix " + target + " in a llama block");
        }
        shapes.put(name + ".lora_a", List.of(s.get(0), (long) rank));
        shapes.put(name + ".lora_b", List.of((long) rank, s.get(1)));
      }
    }
    return shapes;
  }

  /**
   * Writes a LoRA adapter (F32) that llama.cpp applies to a model of this shape: the update of a
   * matrix is {@code (alpha / rank) * B A}.
   *
   * @param spec the base model's shape
   * @param rank the rank
   * @param alpha {@code adapter.lora.alpha}, positive: the binding cannot scale adapters, so the
   *     scale lives in the file
   * @param targets the adapted matrices, as {@link #loraTensorShapes}
   * @param weights the A and B matrices, asked by {@code .lora_a} / {@code .lora_b} name
   * @param file where to write
   * @return {@code file}
   */
  public static Path writeLoraAdapter(
      LlamaModelSpec spec, int rank, float alpha, List<String> targets, WeightSource weights, Path file) {
    Objects.requireNonNull(weights, "weights");
    if (!(alpha > 0) || Float.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be positive and finite, was " + alpha);
    }
    GgufWriter w =
        GgufWriter.create()
            .put("general.architecture", GgufValue.string("llama"))
            .put("general.type", GgufValue.string("adapter"))
            .put("general.name", GgufValue.string("siam4j-generated-lora"))
            .put("adapter.type", GgufValue.string("lora"))
            .put("adapter.lora.alpha", GgufValue.float32(alpha));
    for (Map.Entry<String, List<Long>> t : loraTensorShapes(spec, rank, targets).entrySet()) {
      w.addTensor(t.getKey(), GgmlType.F32, t.getValue(), weights.weights(t.getKey(), t.getValue()));
    }
    return w.write(file);
  }

  /**
   * Copies a LoRA adapter with another {@code adapter.lora.alpha}: how to scale an adapter for
   * llama.cpp through de.kherud:llama, whose scaled-adapter option is broken.
   *
   * @param adapter the adapter file
   * @param alpha the new alpha, positive
   * @param out where to write the copy
   * @return {@code out}
   */
  public static Path withLoraAlpha(Path adapter, float alpha, Path out) {
    if (!(alpha > 0) || Float.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be positive and finite, was " + alpha);
    }
    GgufFile in = GgufFile.read(adapter);
    return GgufWriter.copyOf(in).set("adapter.lora.alpha", GgufValue.float32(alpha)).write(out);
  }

  /**
   * Writes a model that answers every prompt with {@code answer} and then ends: for tests and demos
   * that need a predictable policy or judge. See {@link #writeScripted}.
   *
   * @param answer the completion of any prompt, not empty
   * @param file where to write
   * @return {@code file}
   */
  public static Path writeAnswering(String answer, Path file) {
    return writeScripted(Map.of(), answer, file);
  }

  /**
   * Writes a model whose completion depends only on the prompt's last character: {@code
   * byLastChar.get(c)} for a prompt ending in the ASCII character {@code c}, {@code otherwise} for
   * any other prompt; each answer is one token, followed by end of sequence. The answer wins by a
   * logit margin of 64, so sampling at usual temperatures gives it too.
   *
   * <p>How: attention and feed-forward outputs are zero, so the last hidden state is the last
   * token's embedding; embeddings are one-hot per key character, and the output matrix maps each
   * key to its answer token and every answer token to end of sequence. (A chat template's prompt
   * ends with its assistant header, so chat prompts get the answer of that header's last character.)
   *
   * @param byLastChar answers by the prompt's last character (ASCII), at most 60
   * @param otherwise the answer to every other prompt, not empty
   * @param file where to write
   * @return {@code file}
   */
  public static Path writeScripted(Map<Character, String> byLastChar, String otherwise, Path file) {
    Objects.requireNonNull(byLastChar, "byLastChar");
    Objects.requireNonNull(otherwise, "otherwise");
    if (otherwise.isEmpty() || byLastChar.containsValue("")) {
      throw new IllegalArgumentException("answers must not be empty");
    }
    if (byLastChar.size() > 60) {
      throw new IllegalArgumentException("at most 60 keyed answers, got " + byLastChar.size());
    }
    List<Character> keys = new ArrayList<>(byLastChar.keySet());
    keys.sort(null);
    List<String> answers = new ArrayList<>();
    for (char c : keys) {
      if (c >= 128) {
        throw new IllegalArgumentException("key characters must be ASCII, got U+" + Integer.toHexString(c));
      }
      String a = byLastChar.get(c);
      if (!answers.contains(a)) {
        answers.add(a);
      }
    }
    if (!answers.contains(otherwise)) {
      answers.add(otherwise);
    }
    LlamaModelSpec spec = LlamaModelSpec.tiny().withExtraTokens(answers);
    int e = spec.embeddingLength();
    int v = spec.vocabularySize();
    int defaultDim = keys.size(); // dims 0..keys-1: key characters; then "other"; then "answered"
    int answeredDim = keys.size() + 1;
    float big = 8f;
    WeightSource weights =
        (name, shape) -> {
          int n = Math.toIntExact(shape.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact));
          float[] w = new float[n];
          if (name.endsWith("_norm.weight")) {
            java.util.Arrays.fill(w, 1f);
          } else if (name.equals("token_embd.weight")) {
            for (int t = 0; t < v; t++) {
              int dim = defaultDim;
              if (t >= BUILT_IN_TOKENS) {
                dim = answeredDim;
              } else if (t >= 3 && t < 3 + 128 && keys.contains((char) (t - 3))) {
                dim = keys.indexOf((char) (t - 3));
              }
              w[t * e + dim] = 1f;
            }
          } else if (name.equals("output.weight")) {
            for (int k = 0; k < keys.size(); k++) {
              int answerToken = BUILT_IN_TOKENS + answers.indexOf(byLastChar.get(keys.get(k)));
              w[answerToken * e + k] = big;
            }
            w[(BUILT_IN_TOKENS + answers.indexOf(otherwise)) * e + defaultDim] = big;
            w[EOS_ID * e + answeredDim] = big;
          }
          // Every other matrix stays zero: attention and feed-forward add nothing.
          return w;
        };
    return write(spec, weights, file);
  }
}
