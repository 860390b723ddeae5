package dev.siam4j.alignment.train.internal.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.siam4j.alignment.train.internal.Torch;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The differentiable losses agree with their double-precision specification in {@link Losses}. */
final class NdLossesTest {
  private static final int N = 16;
  private static NDManager manager;
  private static PairLogProbs[] pairs;
  private static NdPairBatch batch;

  @BeforeAll
  static void setUp() {
    manager = Torch.newManager();
    Random random = new Random(7);
    pairs = new PairLogProbs[N];
    float[][] columns = new float[6][N];
    for (int i = 0; i < N; i++) {
      int lc = 1 + random.nextInt(30);
      int lr = 1 + random.nextInt(30);
      // float-representable values so both sides see the same inputs
      float pc = (float) (-lc * (0.2 + random.nextDouble()));
      float pr = (float) (-lr * (0.2 + random.nextDouble()));
      float rc = (float) (pc + random.nextGaussian());
      float rr = (float) (pr + random.nextGaussian());
      pairs[i] = new PairLogProbs(pc, pr, Math.min(rc, 0), Math.min(rr, 0), lc, lr);
      columns[0][i] = pc;
      columns[1][i] = pr;
      columns[2][i] = (float) pairs[i].referenceChosen();
      columns[3][i] = (float) pairs[i].referenceRejected();
      columns[4][i] = lc;
      columns[5][i] = lr;
    }
    NDArray[] a = new NDArray[6];
    for (int c = 0; c < 6; c++) {
      a[c] = manager.create(columns[c]);
    }
    batch = new NdPairBatch(a[0], a[1], a[2], a[3], a[4], a[5]);
  }

  @AfterAll
  static void tearDown() {
    manager.close();
  }

  @Test
  void sft_agrees() {
    double[] sums = new double[N];
    int[] lengths = new int[N];
    for (int i = 0; i < N; i++) {
      sums[i] = pairs[i].policyChosen();
      lengths[i] = pairs[i].chosenLength();
    }
    assertThat(NdLosses.sft(batch.policyChosen(), batch.chosenLengths()).getFloat())
        .isCloseTo((float) Losses.sft(sums, lengths), within(1e-5f));
  }

  @Test
  void dpo_agrees() {
    assertThat(NdLosses.dpo(batch, 0.1).getFloat()).isCloseTo(mean(p -> Losses.dpo(p, 0.1)), tol());
  }

  @Test
  void dpoNll_agrees() {
    assertThat(NdLosses.dpoNll(batch, 0.1, 1.0).getFloat())
        .isCloseTo(mean(p -> Losses.dpoNll(p, 0.1, 1.0)), tol());
  }

  @Test
  void ipo_agrees() {
    assertThat(NdLosses.ipo(batch, 0.5).getFloat())
        .isCloseTo(mean(p -> Losses.ipo(p, 0.5)), within(1e-3f));
  }

  @Test
  void orpo_agrees() {
    assertThat(NdLosses.orpo(batch, 0.1).getFloat())
        .isCloseTo(mean(p -> Losses.orpo(p, 0.1)), tol());
  }

  @Test
  void simpo_agrees() {
    assertThat(NdLosses.simpo(batch, 2.0, 0.5).getFloat())
        .isCloseTo(mean(p -> Losses.simpo(p, 2.0, 0.5)), tol());
  }

  @Test
  void kto_agrees() {
    float[] desirable = new float[N];
    double expected = 0;
    for (int i = 0; i < N; i++) {
      desirable[i] = i % 3 == 0 ? 0 : 1;
      expected +=
          Losses.kto(pairs[i].policyChosen(), pairs[i].referenceChosen(), desirable[i] == 1, 0.3, 0.1);
    }
    NDArray d = manager.create(desirable);
    assertThat(
            NdLosses.kto(batch.policyChosen(), batch.referenceChosen(), d, 0.3, 0.1).getFloat())
        .isCloseTo((float) (expected / N), tol());
  }

  @Test
  void dpo_gradientRaisesChosenAndLowersRejected() {
    try (NDManager sub = manager.newSubManager()) {
      NDArray pc = sub.create(new float[] {-10f});
      NDArray pr = sub.create(new float[] {-14f});
      pc.setRequiresGradient(true);
      pr.setRequiresGradient(true);
      try (GradientCollector collector = Torch.engine().newGradientCollector()) {
        NdPairBatch b =
            new NdPairBatch(
                pc,
                pr,
                sub.create(new float[] {-11f}),
                sub.create(new float[] {-13f}),
                sub.create(new float[] {5f}),
                sub.create(new float[] {7f}));
        collector.backward(NdLosses.dpo(b, 0.1));
      }
      // d/dpc -log sigmoid(0.1 gap) = -0.1 * sigmoid(-0.2) = -0.0450166
      assertThat(pc.getGradient().getFloat()).isCloseTo(-0.0450166f, within(1e-6f));
      assertThat(pr.getGradient().getFloat()).isCloseTo(0.0450166f, within(1e-6f));
    }
  }

  private static float mean(java.util.function.ToDoubleFunction<PairLogProbs> loss) {
    double sum = 0;
    for (PairLogProbs p : pairs) {
      sum += loss.applyAsDouble(p);
    }
    return (float) (sum / N);
  }

  private static org.assertj.core.data.Offset<Float> tol() {
    return within(1e-5f);
  }
}
