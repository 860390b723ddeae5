package dev.siam4j.core.gguf;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a GGUF tensor table.
 *
 * @param name the tensor's name, such as {@code blk.0.attn_q.weight}
 * @param shape the dimensions as GGUF lists them, fastest-varying first (ggml's {@code ne}): a
 *     row-major {@code [rows][cols]} matrix has shape {@code [cols, rows]}
 * @param type the storage type
 * @param offset where the data starts, relative to the start of the file's data section
 */
public record GgufTensorInfo(String name, List<Long> shape, GgmlType type, long offset) {

  /** The most dimensions a ggml tensor has. */
  public static final int MAX_DIMS = 4;

  /**
   * Validates and copies.
   *
   * @param name the tensor's name, not null
   * @param shape 1 to {@link #MAX_DIMS} positive dimensions, the first a multiple of the type's
   *     block size; copied
   * @param type the storage type, not null
   * @param offset the data's offset in the data section, not negative
   * @throws IllegalArgumentException when the shape or offset is invalid
   */
  public GgufTensorInfo {
    Objects.requireNonNull(name, "name");
    shape = List.copyOf(Objects.requireNonNull(shape, "shape"));
    Objects.requireNonNull(type, "type");
    if (shape.isEmpty() || shape.size() > MAX_DIMS) {
      throw new IllegalArgumentException(
          "tensor " + name + " must have 1 to " + MAX_DIMS + " dimensions, has " + shape.size());
    }
    long n = 1;
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("tensor " + name + " has a dimension " + d);
      }
      n = Math.multiplyExact(n, d);
    }
    if (shape.get(0) % type.blockSize() != 0) {
      throw new IllegalArgumentException(
          "tensor "
              + name
              + ": its first dimension "
              + shape.get(0)
              + " is not a multiple of "
              + type
              + "'s block size "
              + type.blockSize());
    }
    if (offset < 0) {
      throw new IllegalArgumentException("tensor " + name + " has a negative offset " + offset);
    }
  }

  /** @return the number of elements: the product of the dimensions */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** @return the bytes the tensor's data takes */
  public long byteSize() {
    return type.byteSize(elementCount());
  }
}
