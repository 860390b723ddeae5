package dev.siam4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LlamaModelFactoryTest {
  @TempDir Path dir;

  @Test
  void vocabularyIsByteLevelWithUniqueTokensAndALineFeed() {
    List<String> vocab = LlamaModelFactory.vocabulary(LlamaModelSpec.tiny().withExtraTokens(List.of("▁a")));
    assertThat(vocab).hasSize(261).startsWith("<unk>", "<s>", "</s>", "<0x00>").contains("<0x0A>", "<0xFF>", "▁");
    assertThat(new HashSet<>(vocab)).hasSize(vocab.size());
    assertThat(vocab.get(3 + '\n')).isEqualTo("<0x0A>");
    assertThat(vocab.get(260)).isEqualTo("▁a");
  }

  @Test
  void writesWhatLlamaCppNeedsAndParameterCountMatchesTheTensors() {
    LlamaModelSpec spec = LlamaModelSpec.tiny().withWeightType(GgmlType.Q8_0);
    GgufFile file = GgufFile.read(LlamaModelFactory.writeRandom(spec, 1, dir.resolve("m.gguf")));

    assertThat(file.metadata())
        .containsKeys(
            "general.architecture",
            "llama.context_length",
            "llama.embedding_length",
            "llama.block_count",
            "llama.feed_forward_length",
            "llama.attention.head_count",
            "llama.attention.head_count_kv",
            "llama.attention.layer_norm_rms_epsilon",
            "tokenizer.ggml.model",
            "tokenizer.ggml.tokens");
    assertThat(file.get("tokenizer.ggml.model").orElseThrow().asString()).isEqualTo("llama");
    assertThat(file.get("llama.attention.head_count_kv").orElseThrow().asInt()).isEqualTo(2);
    long params = file.tensors().stream().mapToLong(GgufTensorInfo::elementCount).sum();
    assertThat(params).isEqualTo(spec.parameterCount());
    // K has 2 heads of 16: ne = {n_embd, n_head_kv * head_dim}; ffn_down ne = {n_ff, n_embd}.
    assertThat(file.tensor("blk.0.attn_k.weight").orElseThrow().shape()).containsExactly(64L, 32L);
    assertThat(file.tensor("blk.1.ffn_down.weight").orElseThrow().shape()).containsExactly(128L, 64L);
    assertThat(file.tensor("blk.1.ffn_down.weight").orElseThrow().type()).isEqualTo(GgmlType.Q8_0);
    assertThat(file.tensor("output_norm.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
    assertThat(file.readFloats("output_norm.weight")).containsOnly(1f);
  }

  @Test
  void randomWeightsDependOnSeedAndNameOnly() {
    List<Long> shape = List.of(32L, 2L);
    float[] a = WeightSource.random(5).weights("x", shape);
    assertThat(WeightSource.random(5).weights("x", shape)).containsExactly(a);
    assertThat(WeightSource.random(6).weights("x", shape)).isNotEqualTo(a);
    assertThat(WeightSource.random(5).weights("y", shape)).isNotEqualTo(a);
  }

  @Test
  void givenWeightsAreWrittenAsGiven() {
    LlamaModelSpec spec = LlamaModelSpec.tiny();
    Path first = LlamaModelFactory.writeRandom(spec, 3, dir.resolve("a.gguf"));
    Path copy = LlamaModelFactory.write(spec, WeightSource.from(GgufFile.read(first)), dir.resolve("b.gguf"));
    GgufFile a = GgufFile.read(first);
    GgufFile b = GgufFile.read(copy);
    for (Map.Entry<String, List<Long>> t : LlamaModelFactory.tensorShapes(spec).entrySet()) {
      assertThat(b.readFloats(t.getKey())).as(t.getKey()).containsExactly(a.readFloats(t.getKey()));
    }
  }

  @Test
  void specRejectsShapesLlamaCppCannotUse() {
    assertThatThrownBy(() -> LlamaModelSpec.tiny().withHeads(5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embeddingLength 64 must be a multiple of headCount 5");
    assertThatThrownBy(() -> LlamaModelSpec.tiny().withHeads(4, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headCountKv 3 must divide headCount 4");
    assertThatThrownBy(() -> LlamaModelSpec.tiny().withFeedForwardLength(48).withWeightType(GgmlType.Q8_0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Q8_0 needs embeddingLength and feedForwardLength to be multiples of 32");
    assertThatThrownBy(() -> LlamaModelFactory.vocabulary(LlamaModelSpec.tiny().withExtraTokens(List.of("<0x0A>"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extra token \"<0x0A>\" is empty or not unique");
  }
}
