package dev.siam4j.alignment.train.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufValue;
import dev.siam4j.core.gguf.GgufWriter;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TokenizerTest {
  @TempDir Path dir;

  private Tokenizer tokenizer() {
    LlamaModelSpec spec =
        LlamaModelSpec.tiny().withExtraTokens(List.of("▁t", "▁th", "▁the", "ca", "cat"));
    return Tokenizer.fromGguf(
        GgufFile.read(LlamaModelFactory.writeRandom(spec, 1, dir.resolve("m.gguf"))));
  }

  @Test
  void mergesThroughPrefixChains_andFallsBackToBytes() {
    // as llama.cpp tokenizes it (see the llama helper's GeneratedModelsInLlamaCppTest)
    assertThat(tokenizer().encode("hi the\n")).containsExactly(3 + 'h', 3 + 'i', 262, 3 + '\n');
  }

  @Test
  void highestScoringMergeWins() {
    // "cat" (score 3) beats stopping at "ca" (score 2); the space becomes the "▁" piece (259)
    assertThat(tokenizer().encode("cat cat")).containsExactly(264, 259, 264);
  }

  @Test
  void nonAsciiCharacters_becomeUtf8Bytes() {
    // 'é' = C3 A9
    assertThat(tokenizer().encode("é")).containsExactly(3 + 0xC3, 3 + 0xA9);
  }

  @Test
  void otherTokenizerModels_areRejected() {
    Path file =
        GgufWriter.create()
            .put("tokenizer.ggml.model", GgufValue.string("gpt2"))
            .write(dir.resolve("bpe.gguf"));
    assertThatThrownBy(() -> Tokenizer.fromGguf(GgufFile.read(file)))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage(
            file
                + ": tokenizer 'gpt2' is not supported in the JVM; only 'llama' (SentencePiece) is."
                + " Pass a Tokenizer.");
  }
}
