package dev.siam4j.alignment.train.tokenizer;

import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufValue;
import java.util.List;
import java.util.Objects;

/**
 * Turns text into a model's token ids, without special tokens (no BOS, no parsing of {@code
 * <s>}-like text). Implementations are thread-safe.
 */
@FunctionalInterface
public interface Tokenizer {

  /**
   * @param text any text
   * @return its token ids
   */
  int[] encode(String text);

  /**
   * The tokenizer stored in a GGUF model, as llama.cpp tokenizes. Supports {@code
   * tokenizer.ggml.model = llama} (SentencePiece with byte fallback); for other models (GPT-2 style
   * BPE) supply your own {@link Tokenizer}.
   *
   * @param gguf the model
   * @return its tokenizer
   * @throws TrainingFailedException when the vocabulary is missing or of an unsupported kind
   */
  static Tokenizer fromGguf(GgufFile gguf) {
    Objects.requireNonNull(gguf, "gguf");
    String model =
        gguf.get("tokenizer.ggml.model")
            .map(GgufValue::asString)
            .orElseThrow(
                () -> new TrainingFailedException(gguf.path() + ": no tokenizer.ggml.model"));
    if (!model.equals("llama")) {
      throw new TrainingFailedException(
          gguf.path()
              + ": tokenizer '"
              + model
              + "' is not supported in the JVM; only 'llama' (SentencePiece) is. Pass a Tokenizer.");
    }
    List<String> tokens =
        gguf.get("tokenizer.ggml.tokens")
            .map(v -> v.asArray().asStrings())
            .orElseThrow(
                () -> new TrainingFailedException(gguf.path() + ": no tokenizer.ggml.tokens"));
    float[] scores = new float[tokens.size()];
    gguf.get("tokenizer.ggml.scores")
        .ifPresent(
            v -> {
              List<Object> s = v.asArray().elements();
              for (int i = 0; i < Math.min(s.size(), scores.length); i++) {
                scores[i] = ((Number) s.get(i)).floatValue();
              }
            });
    boolean spacePrefix =
        gguf.get("tokenizer.ggml.add_space_prefix").map(GgufValue::asBoolean).orElse(true);
    int unknown = gguf.get("tokenizer.ggml.unknown_token_id").map(GgufValue::asInt).orElse(0);
    return new SentencePieceTokenizer(tokens, scores, spacePrefix, unknown);
  }
}
