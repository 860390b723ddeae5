package dev.siam4j.core.gguf;

import java.util.Optional;

/**
 * The type of a GGUF metadata value, with its numeric id in the file format.
 *
 * <p>Java representation of each type's values in {@link GgufValue#value()}: {@code UINT8},
 * {@code UINT16}, {@code INT32} as {@link Integer}; {@code UINT32}, {@code INT64} and {@code
 * UINT64} (its 64 bits, unsigned) as {@link Long}; {@code INT8} as {@link Byte}; {@code INT16} as
 * {@link Short}; {@code FLOAT32} as {@link Float}; {@code FLOAT64} as {@link Double}; {@code BOOL}
 * as {@link Boolean}; {@code STRING} as {@link String}; {@code ARRAY} as {@link GgufArray}.
 */
public enum GgufValueType {
  /** Unsigned 8-bit integer. */
  UINT8(0, 1),
  /** Signed 8-bit integer. */
  INT8(1, 1),
  /** Unsigned 16-bit integer. */
  UINT16(2, 2),
  /** Signed 16-bit integer. */
  INT16(3, 2),
  /** Unsigned 32-bit integer. */
  UINT32(4, 4),
  /** Signed 32-bit integer. */
  INT32(5, 4),
  /** IEEE 754 single precision. */
  FLOAT32(6, 4),
  /** One byte, 0 or 1. */
  BOOL(7, 1),
  /** UTF-8 bytes preceded by their 64-bit length. */
  STRING(8, 8),
  /** Element type, 64-bit count, then the elements. */
  ARRAY(9, 12),
  /** Unsigned 64-bit integer. */
  UINT64(10, 8),
  /** Signed 64-bit integer. */
  INT64(11, 8),
  /** IEEE 754 double precision. */
  FLOAT64(12, 8);

  private final int id;
  private final int minBytes;

  GgufValueType(int id, int minBytes) {
    this.id = id;
    this.minBytes = minBytes;
  }

  /** @return the type's id in the file */
  public int id() {
    return id;
  }

  /** @return the fewest bytes a value of this type takes in a file (used to bound counts) */
  int minBytes() {
    return minBytes;
  }

  /**
   * @param id a type id read from a file
   * @return the type with that id, empty when there is none
   */
  public static Optional<GgufValueType> byId(long id) {
    for (GgufValueType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
