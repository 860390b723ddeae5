package dev.siam4j.alignment.train.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Constants under autograd survive a garbage collection between the forward and the backward
 * pass. The collection is forced, and the freed native memory handed out again filled with NaN,
 * the way a long training run meets it by chance (with DJL's {@code Number} overloads the
 * gradients below come back as NaN or garbage in about a third of the tries).
 */
public final class ScalarsTest {
  private static final int TRIES = 30;

  @Test
  void everyOperation_keepsItsConstant_throughACollectionBeforeBackward() {
    assertGradient(x -> Scalars.mul(x, 0.125), new float[] {0.125f, 0.125f, 0.125f});
    assertGradient(x -> Scalars.div(x, 8), new float[] {0.125f, 0.125f, 0.125f});
    // d x^3 = 3 x^2 at 1, 2, 3
    assertGradient(x -> Scalars.pow(x, 3), new float[] {3f, 12f, 27f});
    // min(x, 2): gradient 1 where x < 2; max(x, 2): 1 where x > 2 (PyTorch splits ties in half)
    assertGradient(x -> Scalars.minimum(x, 2), new float[] {1f, 0.5f, 0f});
    assertGradient(x -> Scalars.maximum(x, 2), new float[] {0f, 0.5f, 1f});
  }

  private static void assertGradient(UnaryOperator<NDArray> f, float[] expected) {
    try (NDManager m = Torch.newManager()) {
      for (int t = 0; t < TRIES; t++) {
        try (NDScope scope = new NDScope();
            GradientCollector collector = Torch.engine().newGradientCollector()) {
          scope.suppressNotUsedWarning();
          NDArray x = m.create(new float[] {1f, 2f, 3f});
          x.setRequiresGradient(true);
          NDArray loss = f.apply(x).sum();
          List<ByteBuffer> reused = collectAndReuse();
          collector.backward(loss);
          assertThat(x.getGradient().toFloatArray()).as("try %d", t).containsExactly(expected);
          assertThat(reused).isNotEmpty();
        }
      }
    }
  }

  /**
   * Collects garbage, then takes small direct buffers (from the memory just freed) filled with NaN.
   * Also used by the model's test.
   */
  public static List<ByteBuffer> collectAndReuse() {
    System.gc();
    List<ByteBuffer> buffers = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
      b.putFloat(0, Float.NaN).putFloat(4, Float.NaN);
      buffers.add(b);
    }
    return buffers;
  }
}
