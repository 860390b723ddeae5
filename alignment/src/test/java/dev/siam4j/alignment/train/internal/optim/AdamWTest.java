package dev.siam4j.alignment.train.internal.optim;

import dev.siam4j.alignment.train.AdamWOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.siam4j.alignment.train.internal.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

final class AdamWTest {
  private static final double[] C = {3.0, -2.0, 0.5, 8.0};

  /** loss = sum(c * w) + 0.5 * sum(w^2): gradient c + w. */
  private static NDArray loss(NDArray w, NDManager m) {
    return w.mul(m.create(new float[] {3f, -2f, 0.5f, 8f}).reshape(2, 2))
        .sum()
        .add(w.square().sum().mul(0.5));
  }

  @Test
  void step_matchesADoublePrecisionAdamWWithClippingAndDecay() {
    AdamWOptions options = new AdamWOptions(0.9, 0.99, 1e-8, 0.1, 2.0);
    double lr = 0.05;
    double[] w = {1.0, 2.0, -1.0, 0.5};
    double[] m = new double[4];
    double[] v = new double[4];
    try (NDManager manager = Torch.newManager();
        AdamW adam = new AdamW(manager, options)) {
      NDArray weight = manager.create(new float[] {1f, 2f, -1f, 0.5f}).reshape(2, 2);
      weight.setRequiresGradient(true);
      List<TrainableParameter> params = List.of(TrainableParameter.of("w", weight));
      for (int step = 1; step <= 6; step++) {
        try (NDScope scope = new NDScope();
            GradientCollector collector = Torch.engine().newGradientCollector()) {
          scope.suppressNotUsedWarning();
          collector.backward(loss(weight, manager));
        }
        AdamW.StepReport report = adam.step(params, lr, 1.0);

        // reference, in doubles
        double[] g = new double[4];
        double sq = 0;
        for (int i = 0; i < 4; i++) {
          g[i] = C[i] + w[i];
          sq += g[i] * g[i];
        }
        double norm = Math.sqrt(sq);
        double clip = norm > 2.0 ? 2.0 / (norm + 1e-6) : 1.0;
        for (int i = 0; i < 4; i++) {
          double gi = g[i] * clip;
          m[i] = 0.9 * m[i] + 0.1 * gi;
          v[i] = 0.99 * v[i] + 0.01 * gi * gi;
          w[i] *= 1 - lr * 0.1;
          double mh = m[i] / (1 - Math.pow(0.9, step));
          double vh = v[i] / (1 - Math.pow(0.99, step));
          w[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
        }
        assertThat(report.gradNorm()).isCloseTo(norm, within(1e-4));
        float[] actual = weight.toFloatArray();
        for (int i = 0; i < 4; i++) {
          assertThat((double) actual[i]).as("w[%d] at step %d", i, step).isCloseTo(w[i], within(1e-5));
        }
      }
      assertThat(adam.steps()).isEqualTo(6);
    }
  }

  @Test
  void weightDecay_skipsNormsAndBiases() {
    try (NDManager manager = Torch.newManager();
        AdamW adam = new AdamW(manager, new AdamWOptions(0.9, 0.999, 1e-8, 0.5, 0))) {
      NDArray matrix = manager.ones(new Shape(2, 2));
      NDArray bias = manager.ones(new Shape(2));
      matrix.setRequiresGradient(true);
      bias.setRequiresGradient(true);
      List<TrainableParameter> params =
          List.of(TrainableParameter.of("m", matrix), TrainableParameter.of("b", bias));
      assertThat(params.get(1).decay()).isFalse();
      // zero gradients: only decay moves anything
      adam.step(params, 0.1, 1.0);
      assertThat(matrix.toFloatArray()).containsOnly(0.95f);
      assertThat(bias.toFloatArray()).containsOnly(1f);
    }
  }

  @Test
  void gradientsAccumulateOverBackwardPasses_andStepZeroesThem() {
    try (NDManager manager = Torch.newManager();
        AdamW adam = new AdamW(manager, new AdamWOptions(0.9, 0.999, 1e-8, 0, 0))) {
      NDArray w = manager.create(new float[] {1f, 2f});
      w.setRequiresGradient(true);
      for (int i = 0; i < 2; i++) {
        try (GradientCollector collector = Torch.engine().newGradientCollector()) {
          collector.backward(w.mul(w).sum());
        }
      }
      try (NDArray g = w.getGradient()) {
        assertThat(g.toFloatArray()).containsExactly(4f, 8f);
      }
      AdamW.StepReport report = adam.step(List.of(TrainableParameter.of("w", w)), 0.1, 0.5);
      // scaled gradient (2, 4): norm sqrt(20)
      assertThat(report.gradNorm()).isCloseTo(Math.sqrt(20), within(1e-5));
      try (NDArray g = w.getGradient()) {
        assertThat(g.toFloatArray()).containsExactly(0f, 0f);
      }
    }
  }

  @Test
  void aStepWithANonFiniteGradient_isSkipped_andTheNextStepIsTheFirst() {
    try (NDManager manager = Torch.newManager();
        AdamW adam = new AdamW(manager, new AdamWOptions(0.9, 0.999, 1e-8, 0.1, 1.0))) {
      NDArray good = manager.create(new float[] {1f, 2f});
      NDArray bad = manager.create(new float[] {0f, 3f});
      good.setRequiresGradient(true);
      bad.setRequiresGradient(true);
      List<TrainableParameter> params =
          List.of(TrainableParameter.of("good", good), TrainableParameter.of("bad", bad));
      try (GradientCollector collector = Torch.engine().newGradientCollector()) {
        // d/dx sqrt(x) at 0 is infinite; 0 * that is NaN
        collector.backward(good.sum().add(bad.sqrt().sum()));
      }
      AdamW.StepReport skipped = adam.step(params, 0.1, 1.0);
      assertThat(skipped.skipped()).isTrue();
      assertThat(skipped.nonFinite()).containsExactly("bad");
      assertThat(Double.isFinite(skipped.gradNorm())).isFalse();
      assertThat(adam.steps()).isZero();
      assertThat(good.toFloatArray()).containsExactly(1f, 2f);
      assertThat(bad.toFloatArray()).containsExactly(0f, 3f);
      assertThat(good.getGradient().toFloatArray()).containsExactly(0f, 0f);
      assertThat(bad.getGradient().toFloatArray()).containsExactly(0f, 0f);

      // a finite step afterwards is exactly a first step (moments from zero, bias correction
      // undone), so each weight moves by lr; vectors take no weight decay
      try (GradientCollector collector = Torch.engine().newGradientCollector()) {
        collector.backward(good.sum().add(bad.sum()));
      }
      AdamW.StepReport taken = adam.step(params, 0.1, 1.0);
      assertThat(taken.skipped()).isFalse();
      assertThat(taken.nonFinite()).isEmpty();
      assertThat(adam.steps()).isEqualTo(1);
      float[] moved = good.toFloatArray();
      assertThat((double) moved[0]).isCloseTo(0.9, within(1e-5));
      assertThat((double) moved[1]).isCloseTo(1.9, within(1e-5));
    }
  }

  @Test
  void options_rejectBadBetas() {
    assertThatThrownBy(() -> new AdamWOptions(1.0, 0.9, 1e-8, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("beta1 and beta2 must be in [0, 1), were 1.0 and 0.9");
  }

  @Test
  @Tag("slow")
  void memoryStaysFlat_overHundredsOfSteps() throws IOException {
    try (NDManager manager = Torch.newManager();
        AdamW adam = new AdamW(manager, AdamWOptions.DEFAULT)) {
      NDArray a = manager.randomNormal(new Shape(256, 256)).mul(0.02);
      NDArray b = manager.randomNormal(new Shape(256, 256)).mul(0.02);
      NDArray x = manager.randomNormal(new Shape(32, 256));
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      List<TrainableParameter> params =
          List.of(TrainableParameter.of("a", a), TrainableParameter.of("b", b));
      int arraysAfterWarmUp = 0;
      long rssAfterWarmUp = 0;
      for (int step = 0; step < 400; step++) {
        try (NDScope scope = new NDScope();
            GradientCollector collector = Torch.engine().newGradientCollector()) {
          scope.suppressNotUsedWarning();
          collector.backward(x.matMul(a).tanh().matMul(b).square().mean());
        }
        adam.step(params, 1e-3, 1.0);
        if (step == 50) {
          arraysAfterWarmUp = ((BaseNDManager) manager).getManagedArrays().size();
          rssAfterWarmUp = nativeKib();
        }
      }
      assertThat(((BaseNDManager) manager).getManagedArrays()).hasSize(arraysAfterWarmUp);
      // 350 leaking steps would hold 350 x (2 x 256 KiB gradients + activations) > 200 MiB
      assertThat(nativeKib() - rssAfterWarmUp).isLessThan(40 * 1024);
    }
  }

  /** Resident set minus the Java heap's committed size, after a GC. */
  private static long nativeKib() throws IOException {
    System.gc();
    return residentKib() - Runtime.getRuntime().totalMemory() / 1024;
  }

  private static long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
