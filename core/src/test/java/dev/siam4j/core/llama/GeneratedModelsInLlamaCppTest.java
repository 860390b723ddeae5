package dev.siam4j.core.llama;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real llama.cpp loads the models {@link LlamaModelFactory} writes, in each weight type. */
final class GeneratedModelsInLlamaCppTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"F32", "F16", "BF16", "Q8_0"})
  void llamaCppLoadsTokenizesAndGenerates(GgmlType type) throws Exception {
    LlamaModelSpec spec = LlamaModelSpec.tiny().withWeightType(type).withExtraTokens(List.of("▁t", "▁th", "▁the"));
    Path file = LlamaModelFactory.writeRandom(spec, 7, dir.resolve("m.gguf"));
    assertThat(Files.size(file)).isLessThan(1_000_000);
    LlamaNatives.prepare();

    LlamaModel model =
        new LlamaModel(
            new ModelParameters()
                .setModel(file.toString())
                .setCtxSize(256)
                .setThreads(1)
                .disableLog());
    try {
      int[] tokens = model.encode("hi the\n");
      // 'h' and 'i' fall back to bytes (3 + byte); " the" merges through "▁t" and "▁th" into the
      // extra token 262; '\n' is <0x0A>.
      assertThat(tokens).containsExactly(3 + 'h', 3 + 'i', 262, 3 + '\n');
      assertThat(model.decode(tokens)).isEqualTo("hi the\n");
      String out =
          model.complete(new InferenceParameters("hi").setNPredict(8).setTemperature(0f).setSeed(1));
      assertThat(out).isNotNull();
    } finally {
      // close() frees little in 4.2.0 (see LlamaCppGenerator); a test model is small.
      model.close();
    }
  }
}
