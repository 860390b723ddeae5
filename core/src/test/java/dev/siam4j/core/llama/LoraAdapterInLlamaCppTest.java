package dev.siam4j.core.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.gguf.WeightSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated LoRA adapter changes real llama.cpp's output, scaled by its file's alpha. */
@Tag("slow")
final class LoraAdapterInLlamaCppTest {
  @TempDir Path dir;

  private static String greedy(LlamaCppOptions options) {
    try (LlamaCppGenerator g = LlamaCppGenerator.open(options)) {
      return g.generate(
              new GenerationRequest(Prompt.raw("Hello"), 1, SamplingOptions.GREEDY.withMaxTokens(12), 1))
          .get(0)
          .text();
    }
  }

  @Test
  void anAdapterChangesGreedyOutputAndATinyAlphaUndoesIt() {
    WeightSource strong = WeightSource.random(11);
    WeightSource loud = (name, shape) -> {
      float[] w = strong.weights(name, shape);
      for (int i = 0; i < w.length; i++) {
        w[i] *= 50;
      }
      return w;
    };
    Path adapter =
        LlamaModelFactory.writeLoraAdapter(
            LlamaModelSpec.tiny(), 4, 4f, List.of("attn_q", "attn_v", "ffn_down"), loud, dir.resolve("lora.gguf"));
    Path faint = LlamaModelFactory.withLoraAlpha(adapter, 1e-6f, dir.resolve("faint.gguf"));
    assertThat(GgufFile.read(faint).get("adapter.lora.alpha").orElseThrow().asDouble()).isEqualTo(1e-6f);

    String base = greedy(TestModels.options().build());
    String adapted = greedy(TestModels.options().loraAdapter(adapter).build());
    String faintly = greedy(TestModels.options().loraAdapter(faint).build());

    assertThat(adapted).isNotEqualTo(base);
    assertThat(faintly).isEqualTo(base);
  }
}
