package dev.siam4j.alignment.train.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.ModelParameters;
import dev.siam4j.alignment.train.internal.Torch;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.gguf.WeightSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Greedy continuations of real llama.cpp (de.kherud:llama) and of our DJL forward pass agree token
 * for token, on a GGUF model with non-trivial weights loaded by both.
 */
@Tag("slow")
public final class LlamaCppParityTest {
  @TempDir Path dir;

  /**
   * Weights large enough for peaked distributions; the output rows of all tokens but the lower-case
   * letters are zero, so greedy text stays printable ASCII (and the top logit is clear).
   */
  public static WeightSource peaked(long seed) {
    return (name, shape) -> {
      int n = Math.toIntExact(shape.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact));
      float[] w = new float[n];
      SplittableRandom r = new SplittableRandom(seed * 31 + name.hashCode());
      if (name.endsWith("_norm.weight")) {
        for (int i = 0; i < n; i++) {
          w[i] = (float) (0.8 + 0.4 * r.nextDouble());
        }
        return w;
      }
      long in = shape.get(0);
      double scale = 2.0 / Math.sqrt(in);
      for (int i = 0; i < n; i++) {
        w[i] = (float) ((r.nextDouble() * 2 - 1) * Math.sqrt(3) * scale);
      }
      if (name.equals("output.weight")) {
        for (int token = 0; token < shape.get(1); token++) {
          boolean letter = token >= 3 + 'a' && token <= 3 + 'z';
          for (int i = 0; i < in; i++) {
            w[(int) (token * in + i)] = letter ? w[(int) (token * in + i)] * 3 : 0f;
          }
        }
      }
      return w;
    };
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"F32", "F16", "BF16", "Q8_0"})
  void greedyContinuationsAgreeWithLlamaCpp(GgmlType type) throws Exception {
    LlamaModelSpec spec =
        LlamaModelSpec.tiny().withWeightType(type).withExtraTokens(List.of("▁t", "▁th", "▁the", "ca", "cat"));
    Path file = LlamaModelFactory.write(spec, peaked(5), dir.resolve("m.gguf"));
    String prompt = "the cat";
    int steps = 16;

    String expected;
    int[] promptTokens;
    LlamaCpp.prepare(dir);
    de.kherud.llama.LlamaModel cpp =
        new de.kherud.llama.LlamaModel(
            new ModelParameters()
                .setModel(file.toString())
                .setCtxSize(128)
                .setThreads(1)
                .disableLog());
    try {
      promptTokens = prepend(1, cpp.encode(prompt));
      Tokenizer ours = Tokenizer.fromGguf(GgufWeights.read(file));
      for (String text : new String[] {prompt, "hi the\n", "  two  spaces", "ünïcödé ✓", "x"}) {
        assertThat(ours.encode(text)).as(text).containsExactly(cpp.encode(text));
      }
      expected =
          cpp.complete(
              new InferenceParameters(prompt)
                  .setNPredict(steps)
                  .setTemperature(0f)
                  .setTopK(1)
                  .setRepeatPenalty(1f)
                  .setSeed(1));
    } finally {
      cpp.close();
    }

    int[] ours;
    try (var manager = Torch.newManager();
        LlamaModel model = GgufWeights.load(file, manager)) {
      ours = model.greedy(promptTokens, steps, LlamaModelFactory.EOS_ID);
    }
    StringBuilder text = new StringBuilder();
    for (int id : ours) {
      text.append((char) (id - 3));
    }
    assertThat(expected).hasSize(steps);
    // a non-degenerate continuation: several different tokens
    assertThat(expected.chars().distinct().count()).isGreaterThanOrEqualTo(4);
    if (type == GgmlType.Q8_0) {
      // llama.cpp also quantises the activations to 8 bits for Q8_0 dot products; a near tie late
      // in the continuation may then break the other way. The first half must agree.
      assertThat(text.substring(0, steps / 2)).isEqualTo(expected.substring(0, steps / 2));
    } else {
      assertThat(text.toString()).isEqualTo(expected);
    }
  }

  static int[] prepend(int first, int[] rest) {
    int[] all = new int[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** Keeps de.kherud:llama's loader (which empties its temp folder) to a folder of its own. */
  public static final class LlamaCpp {
    private LlamaCpp() {}

    public static synchronized void prepare(Path base) throws java.io.IOException {
      if (System.getProperty("de.kherud.llama.tmpdir") == null) {
        Path folder = Files.createTempDirectory("siam4j-train-llama-");
        System.setProperty("de.kherud.llama.tmpdir", folder.toString());
      }
    }
  }
}
