package dev.siam4j.core.gguf;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/** Supplies a model's weights, tensor by tensor, for {@link LlamaModelFactory}. */
@FunctionalInterface
public interface WeightSource {

  /**
   * @param tensorName the tensor, such as {@code blk.0.attn_q.weight}
   * @param shape its dimensions, fastest first
   * @return its elements in storage order, as many as the shape holds
   */
  float[] weights(String tensorName, List<Long> shape);

  /**
   * Seeded random weights: normal with standard deviation 0.02 for matrices, 1 for norm weights.
   * A tensor's values depend only on the seed and its name.
   *
   * @param seed the seed
   * @return the source
   */
  static WeightSource random(long seed) {
    return (name, shape) -> {
      int n = Math.toIntExact(shape.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact));
      float[] w = new float[n];
      if (name.endsWith("_norm.weight")) {
        java.util.Arrays.fill(w, 1f);
        return w;
      }
      SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
      for (int i = 0; i < n; i++) {
        // Box-Muller would need pairs; the sum of 4 uniforms is close enough to normal here.
        double u = r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0;
        w[i] = (float) (u * Math.sqrt(3.0) * 0.02);
      }
      return w;
    };
  }

  /**
   * Weights read from a GGUF file of the same shapes (F32, F16, BF16 or Q8_0 tensors).
   *
   * @param file the file
   * @return the source
   */
  static WeightSource from(GgufFile file) {
    Objects.requireNonNull(file, "file");
    return (name, shape) -> {
      GgufTensorInfo t =
          file.tensor(name)
              .orElseThrow(() -> new IllegalArgumentException(file.path() + ": no tensor named " + name));
      if (!t.shape().equals(shape)) {
        throw new IllegalArgumentException(
            file.path() + ": tensor " + name + " has shape " + t.shape() + ", expected " + shape);
      }
      return file.readFloats(name);
    };
  }
}
