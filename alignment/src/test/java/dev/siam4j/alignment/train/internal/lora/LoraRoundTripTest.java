package dev.siam4j.alignment.train.internal.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.ModelParameters;
import dev.siam4j.alignment.train.internal.EncodedSequence;
import dev.siam4j.alignment.train.PromptRenderer;
import dev.siam4j.alignment.train.internal.SequenceEncoder;
import dev.siam4j.alignment.train.internal.Torch;
import dev.siam4j.alignment.train.internal.loss.NdLosses;
import dev.siam4j.alignment.train.internal.model.GgufWeights;
import dev.siam4j.alignment.train.internal.model.LlamaCppParityTest;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.alignment.train.AdamWOptions;
import dev.siam4j.alignment.train.internal.optim.AdamW;
import dev.siam4j.alignment.train.internal.optim.TrainableParameter;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train LoRA adapters with PyTorch, export them as a GGUF adapter (and as a merged model), and real
 * llama.cpp reproduces the trained model's greedy output.
 */
@Tag("slow")
final class LoraRoundTripTest {
  private static final String PROMPT = "the cat";
  private static final int STEPS = 12;
  @TempDir Path dir;

  @Test
  void llamaCppWithTheAdapter_andTheMergedModel_reproduceTheTrainedGreedyOutput() throws Exception {
    Path base = LlamaModelFactory.write(LlamaModelSpec.tiny(), LlamaCppParityTest.peaked(5), dir.resolve("base.gguf"));
    GgufFile gguf = GgufFile.read(base);
    SequenceEncoder encoder =
        new SequenceEncoder(Tokenizer.fromGguf(gguf), 1, PromptRenderer.FLAT);
    EncodedSequence example = encoder.encode(Prompt.raw(PROMPT), "zqzqzqzqzqzqzqzq", 64);
    int[] prompt = encoder.encode(Prompt.raw(PROMPT), "x", 64).tokens();
    prompt = java.util.Arrays.copyOf(prompt, prompt.length - 1);

    String before;
    String trained;
    Path adapter = dir.resolve("adapter.gguf");
    Path merged = dir.resolve("merged.gguf");
    try (NDManager manager = Torch.newManager();
        LlamaModel model = GgufWeights.load(base, manager);
        AdamW adam = new AdamW(manager, new AdamWOptions(0.9, 0.999, 1e-8, 0.0, 1.0))) {
      before = text(model.greedy(prompt, STEPS, LlamaModelFactory.EOS_ID));
      List<TrainableParameter> params = model.addLora(new LoraConfig(4, 8, LoraConfig.ADAPTABLE), 3);
      double firstLoss = 0;
      double lastLoss = 0;
      for (int step = 0; step < 40; step++) {
        try (NDScope scope = new NDScope();
            GradientCollector collector = Torch.engine().newGradientCollector()) {
          scope.suppressNotUsedWarning();
          NDArray[] batch = SequenceEncoder.pack(List.of(example), manager);
          NDArray loss =
              NdLosses.sft(
                  model.sequenceLogProbs(batch[0], batch[1]),
                  manager.create(SequenceEncoder.completionLengths(List.of(example))));
          collector.backward(loss);
          lastLoss = loss.getFloat();
          firstLoss = step == 0 ? lastLoss : firstLoss;
        }
        adam.step(params, 3e-2, 1.0);
      }
      assertThat(lastLoss).isLessThan(firstLoss / 4);
      trained = text(model.greedy(prompt, STEPS, LlamaModelFactory.EOS_ID));
      GgufExport.writeAdapter(model, adapter);
      GgufExport.writeMerged(model, gguf, merged);

      // the adapter reads back to the same weights
      GgufExport.Adapter read = GgufExport.readAdapter(adapter);
      assertThat(read.config()).isEqualTo(new LoraConfig(4, 8, LoraConfig.ADAPTABLE));
      NDArray[] q = model.loraWeights().get("blk.1.attn_q.weight");
      assertThat(read.pairs().get("blk.1.attn_q.weight")[0].data()).containsExactly(q[0].toFloatArray());
      assertThat(read.pairs().get("blk.1.attn_q.weight")[1].data()).containsExactly(q[1].toFloatArray());
    }
    assertThat(trained).as("training changed the output").isNotEqualTo(before).contains("zq");

    LlamaCppParityTest.LlamaCpp.prepare(dir);
    assertThat(llamaCpp(new ModelParameters().setModel(base.toString()).addLoraAdapter(adapter.toString())))
        .isEqualTo(trained);
    assertThat(llamaCpp(new ModelParameters().setModel(merged.toString()))).isEqualTo(trained);
    assertThat(llamaCpp(new ModelParameters().setModel(base.toString()))).isEqualTo(before);
  }

  @Test
  void mergedModel_loadsBackWithTheSameLogits() {
    Path base = LlamaModelFactory.write(LlamaModelSpec.tiny(), LlamaCppParityTest.peaked(2), dir.resolve("b.gguf"));
    try (NDManager manager = Torch.newManager();
        LlamaModel model = GgufWeights.load(base, manager)) {
      List<TrainableParameter> params = model.addLora(LoraConfig.allLinear(2), 1);
      for (TrainableParameter p : params) {
        if (p.name().endsWith(".lora_b")) {
          p.value().setRequiresGradient(false);
          p.value().addi(0.05);
        }
      }
      Path merged = GgufExport.writeMerged(model, GgufFile.read(base), dir.resolve("m.gguf"));
      try (LlamaModel back = GgufWeights.load(merged, manager);
          NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray tokens = manager.create(new long[][] {{1, 50, 60, 70, 80}});
        float[] a = model.logits(tokens).toFloatArray();
        float[] b = back.logits(tokens).toFloatArray();
        for (int i = 0; i < a.length; i++) {
          assertThat(b[i]).isCloseTo(a[i], within(1e-3f));
        }
      }
    }
  }

  private static String llamaCpp(ModelParameters parameters) {
    de.kherud.llama.LlamaModel cpp =
        new de.kherud.llama.LlamaModel(parameters.setCtxSize(128).setThreads(1).disableLog());
    try {
      return cpp.complete(
          new InferenceParameters(PROMPT)
              .setNPredict(STEPS)
              .setTemperature(0f)
              .setTopK(1)
              .setRepeatPenalty(1f)
              .setSeed(1));
    } finally {
      cpp.close();
    }
  }

  private static String text(int[] ids) {
    StringBuilder s = new StringBuilder();
    for (int id : ids) {
      s.append((char) (id - 3));
    }
    return s.toString();
  }
}
