package dev.siam4j.alignment.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.siam4j.alignment.train.internal.model.GgufWeights;
import dev.siam4j.alignment.train.internal.model.LlamaModelTest;
import dev.siam4j.alignment.train.internal.model.ReferenceLlama;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.TokenScorer;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DjlTokenScorerTest {
  @TempDir Path dir;

  @Test
  void score_isTheTeacherForcedLogProbabilityOfTheContinuation() {
    LlamaModelSpec spec = LlamaModelSpec.tiny().withExtraTokens(List.of("▁t", "▁th", "▁the"));
    Path file = LlamaModelFactory.writeRandom(spec, 9, dir.resolve("m.gguf"));
    GgufFile gguf = GgufFile.read(file);
    Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
    int[] prompt = tokenizer.encode("say the");
    int[] continuation = tokenizer.encode(" the end");
    int[] all = new int[1 + prompt.length + continuation.length];
    all[0] = 1;
    System.arraycopy(prompt, 0, all, 1, prompt.length);
    System.arraycopy(continuation, 0, all, 1 + prompt.length, continuation.length);
    double[][] logits =
        new ReferenceLlama(GgufWeights.config(gguf), GgufWeights.tensors(gguf)).logits(all);
    double expected = 0;
    for (int i = 1 + prompt.length; i < all.length; i++) {
      expected += LlamaModelTest.logSoftmax(logits[i - 1])[all[i]];
    }

    try (DjlTokenScorer scorer = DjlTokenScorer.open(file)) {
      TokenScorer.Score score = scorer.score("say the", " the end");
      assertThat(score.tokens()).isEqualTo(continuation.length);
      assertThat(score.logProbability()).isCloseTo(expected, within(1e-3));
      // random tiny model: about uniform over 263 tokens
      assertThat(score.meanLogProbability()).isCloseTo(-Math.log(263), within(0.5));
    }
  }
}
