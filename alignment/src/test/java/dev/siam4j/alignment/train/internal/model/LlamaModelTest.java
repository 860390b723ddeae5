package dev.siam4j.alignment.train.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.siam4j.alignment.train.internal.ScalarsTest;
import dev.siam4j.alignment.train.internal.Torch;
import dev.siam4j.alignment.train.internal.loss.NdLosses;
import dev.siam4j.alignment.train.internal.loss.NdPairBatch;
import dev.siam4j.alignment.train.internal.optim.AdamW;
import dev.siam4j.alignment.train.internal.optim.TrainableParameter;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logit parity of the DJL forward pass with a float64 plain-Java reference. */
public final class LlamaModelTest {
  static final LlamaConfig LLAMA_GQA_PARTIAL_ROPE =
      new LlamaConfig("llama", 50, 32, 2, 4, 2, 48, 10000.0, 4, RopeStyle.NORMAL, 1e-5);
  static final LlamaConfig QWEN2 =
      new LlamaConfig("qwen2", 40, 24, 2, 3, 1, 40, 1000000.0, 8, RopeStyle.NEOX, 1e-6);

  @Test
  void llama_gqa_partialRope_tiedOutput_matchesFloat64Reference() {
    assertParity(LLAMA_GQA_PARTIAL_ROPE, true, false);
  }

  @Test
  void qwen2_biases_neoxRope_separateOutput_matchesFloat64Reference() {
    assertParity(QWEN2, false, true);
  }

  @Test
  void sequenceLogProbs_sumsMaskedTokenLogProbs_andIgnoresRightPadding() {
    LlamaConfig c = LLAMA_GQA_PARTIAL_ROPE;
    List<HostTensor> weights = RandomLlamaWeights.of(c, true, false, 3);
    ReferenceLlama reference = new ReferenceLlama(c, weights);
    int[] seq = {1, 7, 9, 30, 2};
    double[][] logits = reference.logits(seq);
    // prompt = first two tokens; completion = tokens 2..4
    double expected = 0;
    for (int i = 2; i < seq.length; i++) {
      expected += logSoftmax(logits[i - 1])[seq[i]];
    }
    try (NDManager m = Torch.newManager();
        LlamaModel model = LlamaModel.create(c, weights, m)) {
      NDArray tokens = m.create(new long[] {1, 7, 9, 30, 2, 0, 0, 1, 7, 9, 30, 2}, new Shape(2, 6));
      // second row is the same sequence with one token of left context missing: not compared
      NDArray mask = m.create(new float[] {0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, new Shape(2, 6));
      float[] got = model.sequenceLogProbs(tokens, mask).toFloatArray();
      assertThat((double) got[0]).isCloseTo(expected, within(1e-3));
      assertThat(got[1]).isEqualTo(0f);
    }
  }

  /**
   * The trainer's path (forward, log-probabilities, SFT + ORPO losses, backward) gives the same
   * gradients when a garbage collection frees and hands out native memory between forward and
   * backward; before every constant went through {@code Scalars}, it did not.
   */
  @Test
  void aModelsGradients_areTheSameWithACollectionBeforeBackward() {
    LlamaConfig c = LLAMA_GQA_PARTIAL_ROPE;
    try (NDManager m = Torch.newManager();
        LlamaModel model = LlamaModel.create(c, RandomLlamaWeights.of(c, true, false, 5), m)) {
      List<TrainableParameter> params = model.trainAll();
      float[][] quiet = gradients(model, params, m, false);
      for (int t = 0; t < 5; t++) {
        float[][] collected = gradients(model, params, m, true);
        for (int i = 0; i < params.size(); i++) {
          assertThat(collected[i]).as("%s, try %d", params.get(i).name(), t).containsExactly(quiet[i]);
        }
      }
    }
  }

  /** One DPO+NLL loss on the model's log-probabilities, the trainer's path, and its gradients. */
  private static float[][] gradients(LlamaModel model, List<TrainableParameter> params, NDManager m, boolean collect) {
    try (NDScope scope = new NDScope();
        GradientCollector collector = Torch.engine().newGradientCollector()) {
      scope.suppressNotUsedWarning();
      NDArray tokens = m.create(new long[] {1, 5, 9, 12, 3, 1, 5, 9, 20, 4}, new Shape(2, 5));
      NDArray mask = m.create(new float[] {0, 0, 1, 1, 1, 0, 0, 1, 1, 1}, new Shape(2, 5));
      NDArray logProbs = model.sequenceLogProbs(tokens, mask);
      NDArray loss =
          NdLosses.sft(logProbs, m.create(new float[] {3f, 3f}))
              .add(NdLosses.orpo(
                  new NdPairBatch(
                      logProbs.get("0:1"), logProbs.get("1:2"), m.create(new float[] {0f}), m.create(new float[] {0f}),
                      m.create(new float[] {3f}), m.create(new float[] {3f})),
                  0.5));
      List<ByteBuffer> reused = collect ? ScalarsTest.collectAndReuse() : List.of();
      collector.backward(loss);
      float[][] out = new float[params.size()][];
      for (int i = 0; i < params.size(); i++) {
        out[i] = params.get(i).value().getGradient().toFloatArray();
      }
      assertThat(reused.size()).isEqualTo(collect ? 2000 : 0);
      AdamW.zeroGradients(params);
      return out;
    }
  }

  @Test
  void create_misshapenTensor_fails() {
    List<HostTensor> weights =
        new java.util.ArrayList<>(RandomLlamaWeights.of(LLAMA_GQA_PARTIAL_ROPE, true, false, 1));
    weights.set(0, new HostTensor("token_embd.weight", new long[] {32, 50}, new float[1600]));
    try (NDManager m = Torch.newManager()) {
      assertThatThrownBy(() -> LlamaModel.create(LLAMA_GQA_PARTIAL_ROPE, weights, m))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("token_embd.weight has shape [32, 50], expected [50, 32]");
    }
  }

  private static void assertParity(LlamaConfig c, boolean tied, boolean bias) {
    List<HostTensor> weights = RandomLlamaWeights.of(c, tied, bias, 11);
    int[] seq = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    double[][] expected = new ReferenceLlama(c, weights).logits(seq);
    try (NDManager m = Torch.newManager();
        LlamaModel model = LlamaModel.create(c, weights, m)) {
      long[] ids = new long[seq.length];
      for (int i = 0; i < seq.length; i++) {
        ids[i] = seq[i];
      }
      NDArray logits = model.logits(m.create(ids, new Shape(1, seq.length)));
      assertThat(logits.getShape()).isEqualTo(new Shape(1, seq.length, c.vocabularySize()));
      float[] got = logits.toFloatArray();
      double maxAbs = 0;
      double maxDiff = 0;
      for (int i = 0; i < seq.length; i++) {
        for (int v = 0; v < c.vocabularySize(); v++) {
          maxAbs = Math.max(maxAbs, Math.abs(expected[i][v]));
          maxDiff = Math.max(maxDiff, Math.abs(expected[i][v] - got[i * c.vocabularySize() + v]));
        }
      }
      assertThat(maxAbs).as("non-trivial logits").isGreaterThan(1.0);
      assertThat(maxDiff / maxAbs).isLessThan(1e-5);
    }
  }

  public static double[] logSoftmax(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double z = 0;
    for (double v : x) {
      z += Math.exp(v - max);
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] - max - Math.log(z);
    }
    return y;
  }
}
