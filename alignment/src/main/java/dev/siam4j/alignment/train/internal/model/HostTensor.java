package dev.siam4j.alignment.train.internal.model;

import dev.siam4j.core.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A float tensor in Java memory, row-major in PyTorch's order: {@code shape[0]} is the outermost
 * dimension. A GGUF tensor with {@code ne = {n_in, n_out}} has shape {@code (n_out, n_in)} here.
 *
 * @param name the GGUF tensor name
 * @param shape dimensions, outermost first
 * @param data the values, {@code product(shape)} of them
 */
public record HostTensor(String name, long[] shape, float[] data) {

  /** Validates and copies the shape. */
  public HostTensor {
    Checks.nonBlank(name, "name");
    shape = Objects.requireNonNull(shape, "shape").clone();
    Objects.requireNonNull(data, "data");
    long n = 1;
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(name + ": dimensions must be positive, got " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          name + ": shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
  }

  /** @return the shape (a copy) */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** @return element count */
  public int size() {
    return data.length;
  }
}
