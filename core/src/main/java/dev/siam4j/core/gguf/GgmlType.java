package dev.siam4j.core.gguf;

import java.util.Optional;

/**
 * The storage type of a tensor (ggml's {@code ggml_type}), with its id, block size (elements per
 * block) and bytes per block. Every type's tensor table entry can be read; the data of {@link #F32},
 * {@link #F16}, {@link #BF16} and {@link #Q8_0} can also be decoded to and encoded from floats.
 */
public enum GgmlType {
  /** 32-bit float. */
  F32(0, 1, 4),
  /** IEEE half precision. */
  F16(1, 1, 2),
  /** 4-bit, blocks of 32 with an f16 scale. */
  Q4_0(2, 32, 18),
  /** 4-bit, blocks of 32 with f16 scale and minimum. */
  Q4_1(3, 32, 20),
  /** 5-bit, blocks of 32. */
  Q5_0(6, 32, 22),
  /** 5-bit with minimum, blocks of 32. */
  Q5_1(7, 32, 24),
  /** 8-bit, blocks of 32 signed bytes with an f16 scale. */
  Q8_0(8, 32, 34),
  /** 8-bit with sum, blocks of 32. */
  Q8_1(9, 32, 36),
  /** k-quant, 2-bit. */
  Q2_K(10, 256, 84),
  /** k-quant, 3-bit. */
  Q3_K(11, 256, 110),
  /** k-quant, 4-bit. */
  Q4_K(12, 256, 144),
  /** k-quant, 5-bit. */
  Q5_K(13, 256, 176),
  /** k-quant, 6-bit. */
  Q6_K(14, 256, 210),
  /** k-quant, 8-bit (intermediate results). */
  Q8_K(15, 256, 292),
  /** i-quant. */
  IQ2_XXS(16, 256, 66),
  /** i-quant. */
  IQ2_XS(17, 256, 74),
  /** i-quant. */
  IQ3_XXS(18, 256, 98),
  /** i-quant. */
  IQ1_S(19, 256, 50),
  /** i-quant, non-linear 4-bit. */
  IQ4_NL(20, 32, 18),
  /** i-quant. */
  IQ3_S(21, 256, 110),
  /** i-quant. */
  IQ2_S(22, 256, 82),
  /** i-quant. */
  IQ4_XS(23, 256, 136),
  /** 8-bit integer. */
  I8(24, 1, 1),
  /** 16-bit integer. */
  I16(25, 1, 2),
  /** 32-bit integer. */
  I32(26, 1, 4),
  /** 64-bit integer. */
  I64(27, 1, 8),
  /** 64-bit float. */
  F64(28, 1, 8),
  /** i-quant. */
  IQ1_M(29, 256, 56),
  /** bfloat16: the upper half of a 32-bit float. */
  BF16(30, 1, 2),
  /** ternary. */
  TQ1_0(34, 256, 54),
  /** ternary. */
  TQ2_0(35, 256, 66),
  /** microscaling 4-bit float. */
  MXFP4(39, 32, 17);

  private final int id;
  private final int blockSize;
  private final int bytesPerBlock;

  GgmlType(int id, int blockSize, int bytesPerBlock) {
    this.id = id;
    this.blockSize = blockSize;
    this.bytesPerBlock = bytesPerBlock;
  }

  /** @return the type's id in the file */
  public int id() {
    return id;
  }

  /** @return elements per block */
  public int blockSize() {
    return blockSize;
  }

  /** @return bytes per block */
  public int bytesPerBlock() {
    return bytesPerBlock;
  }

  /** @return whether {@link GgufFile#readFloats} and {@link GgufWriter#addTensor} support it */
  public boolean isFloatCodec() {
    return this == F32 || this == F16 || this == BF16 || this == Q8_0;
  }

  /**
   * @param elements the tensor's element count, a multiple of {@link #blockSize()}
   * @return the bytes its data takes
   * @throws IllegalArgumentException when {@code elements} is not a multiple of the block size
   */
  public long byteSize(long elements) {
    if (elements < 0 || elements % blockSize != 0) {
      throw new IllegalArgumentException(
          name() + " stores blocks of " + blockSize + " elements; " + elements + " is not a multiple");
    }
    return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
  }

  /**
   * @param id a type id read from a file
   * @return the type with that id, empty when there is none
   */
  public static Optional<GgmlType> byId(long id) {
    for (GgmlType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
