package dev.siam4j.alignment.train.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.siam4j.alignment.train.internal.Torch;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufValue;
import dev.siam4j.core.gguf.GgufWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading qwen2-architecture GGUF files: metadata to config, q/k/v biases, NeoX RoPE, BF16. */
final class GgufWeightsTest {
  @TempDir Path dir;

  private Path writeQwen2(LlamaConfig c, List<HostTensor> tensors, GgmlType type) {
    GgufWriter w =
        GgufWriter.create()
            .put("general.architecture", GgufValue.string("qwen2"))
            .put("qwen2.embedding_length", GgufValue.uint32(c.embeddingLength()))
            .put("qwen2.block_count", GgufValue.uint32(c.blockCount()))
            .put("qwen2.feed_forward_length", GgufValue.uint32(c.feedForwardLength()))
            .put("qwen2.attention.head_count", GgufValue.uint32(c.headCount()))
            .put("qwen2.attention.head_count_kv", GgufValue.uint32(c.headCountKv()))
            .put("qwen2.rope.freq_base", GgufValue.float32((float) c.ropeFreqBase()))
            .put("qwen2.attention.layer_norm_rms_epsilon", GgufValue.float32((float) c.rmsNormEpsilon()));
    for (HostTensor t : tensors) {
      long[] s = t.shape();
      List<Long> ne = new ArrayList<>();
      for (int i = s.length - 1; i >= 0; i--) {
        ne.add(s[i]);
      }
      w.addTensor(t.name(), s.length == 1 ? GgmlType.F32 : type, ne, t.data());
    }
    return w.write(dir.resolve("qwen2.gguf"));
  }

  @Test
  void qwen2_configAndWeights_matchTheReference() {
    // head size 8: RoPE over all of it (the default when rope.dimension_count is absent)
    LlamaConfig c = new LlamaConfig("qwen2", 40, 24, 2, 3, 1, 40, 1000000.0, 8, RopeStyle.NEOX, 1e-6f);
    List<HostTensor> tensors = RandomLlamaWeights.of(c, false, true, 21);
    GgufFile gguf = GgufFile.read(writeQwen2(c, tensors, GgmlType.F32));
    assertThat(GgufWeights.config(gguf)).isEqualTo(c);

    int[] seq = {5, 7, 11, 13, 17, 19};
    double[][] expected = new ReferenceLlama(c, tensors).logits(seq);
    try (NDManager m = Torch.newManager();
        LlamaModel model = GgufWeights.load(gguf.path(), m);
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      assertThat(model.tiedOutput()).isFalse();
      NDArray logits = model.logits(m.create(new long[][] {{5, 7, 11, 13, 17, 19}}));
      float[] got = logits.toFloatArray();
      for (int i = 0; i < seq.length; i++) {
        for (int v = 0; v < c.vocabularySize(); v++) {
          assertThat((double) got[i * c.vocabularySize() + v]).isCloseTo(expected[i][v], within(1e-3));
        }
      }
    }
  }

  @Test
  void bf16Weights_areDecoded() {
    LlamaConfig c = new LlamaConfig("qwen2", 40, 24, 1, 3, 1, 40, 10000.0, 8, RopeStyle.NEOX, 1e-6);
    List<HostTensor> tensors = RandomLlamaWeights.of(c, true, true, 4);
    Path file = writeQwen2(c, tensors, GgmlType.BF16);
    List<HostTensor> read = GgufWeights.tensors(GgufFile.read(file));
    HostTensor q = read.stream().filter(t -> t.name().equals("blk.0.attn_q.weight")).findFirst().orElseThrow();
    HostTensor original = tensors.stream().filter(t -> t.name().equals("blk.0.attn_q.weight")).findFirst().orElseThrow();
    assertThat(q.shape()).containsExactly(24, 24);
    for (int i = 0; i < q.size(); i++) {
      // bf16 keeps 8 significant bits
      assertThat(q.data()[i]).isCloseTo(original.data()[i], within(Math.abs(original.data()[i]) / 128 + 1e-6f));
    }
  }

  @Test
  void unsupportedArchitecture_fails() {
    Path file =
        GgufWriter.create()
            .put("general.architecture", GgufValue.string("gemma3"))
            .write(dir.resolve("g.gguf"));
    assertThatThrownBy(() -> GgufWeights.config(GgufFile.read(file)))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage(file + ": architecture 'gemma3' is not supported; llama and qwen2 are");
  }
}
