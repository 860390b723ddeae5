package dev.siam4j.core.gguf;

import java.util.List;
import java.util.Objects;

/**
 * One typed GGUF metadata value. See {@link GgufValueType} for the Java class of each type's value.
 *
 * @param type the value's GGUF type
 * @param value the value, of the Java class {@code type} prescribes
 */
public record GgufValue(GgufValueType type, Object value) {

  /**
   * Validates that the value's class matches its type and that unsigned values fit.
   *
   * @param type the value's GGUF type, not null
   * @param value the value, not null, of the Java class {@code type} prescribes
   * @throws IllegalArgumentException when the class does not match the type or an unsigned value is
   *     out of range
   */
  public GgufValue {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    checkElement(type, value);
  }

  static void checkElement(GgufValueType type, Object value) {
    boolean ok;
    switch (type) {
      case UINT8:
        ok = value instanceof Integer && (Integer) value >= 0 && (Integer) value <= 0xFF;
        break;
      case UINT16:
        ok = value instanceof Integer && (Integer) value >= 0 && (Integer) value <= 0xFFFF;
        break;
      case INT32:
        ok = value instanceof Integer;
        break;
      case UINT32:
        ok = value instanceof Long && (Long) value >= 0 && (Long) value <= 0xFFFF_FFFFL;
        break;
      case UINT64:
      case INT64:
        ok = value instanceof Long;
        break;
      case INT8:
        ok = value instanceof Byte;
        break;
      case INT16:
        ok = value instanceof Short;
        break;
      case FLOAT32:
        ok = value instanceof Float;
        break;
      case FLOAT64:
        ok = value instanceof Double;
        break;
      case BOOL:
        ok = value instanceof Boolean;
        break;
      case STRING:
        ok = value instanceof String;
        break;
      case ARRAY:
        ok = value instanceof GgufArray;
        break;
      default:
        ok = false;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "a " + type + " value cannot be " + value.getClass().getSimpleName() + " " + value);
    }
  }

  /**
   * @param v the value, in [0, 255]
   * @return an unsigned 8-bit value
   */
  public static GgufValue uint8(int v) {
    return new GgufValue(GgufValueType.UINT8, v);
  }

  /**
   * @param v the value
   * @return a signed 8-bit value
   */
  public static GgufValue int8(byte v) {
    return new GgufValue(GgufValueType.INT8, v);
  }

  /**
   * @param v the value, in [0, 65535]
   * @return an unsigned 16-bit value
   */
  public static GgufValue uint16(int v) {
    return new GgufValue(GgufValueType.UINT16, v);
  }

  /**
   * @param v the value
   * @return a signed 16-bit value
   */
  public static GgufValue int16(short v) {
    return new GgufValue(GgufValueType.INT16, v);
  }

  /**
   * @param v the value, in [0, 2^32)
   * @return an unsigned 32-bit value
   */
  public static GgufValue uint32(long v) {
    return new GgufValue(GgufValueType.UINT32, v);
  }

  /**
   * @param v the value
   * @return a signed 32-bit value
   */
  public static GgufValue int32(int v) {
    return new GgufValue(GgufValueType.INT32, v);
  }

  /**
   * @param v the value's 64 bits, read as unsigned
   * @return an unsigned 64-bit value (its bits)
   */
  public static GgufValue uint64(long v) {
    return new GgufValue(GgufValueType.UINT64, v);
  }

  /**
   * @param v the value
   * @return a signed 64-bit value
   */
  public static GgufValue int64(long v) {
    return new GgufValue(GgufValueType.INT64, v);
  }

  /**
   * @param v the value
   * @return a single-precision value
   */
  public static GgufValue float32(float v) {
    return new GgufValue(GgufValueType.FLOAT32, v);
  }

  /**
   * @param v the value
   * @return a double-precision value
   */
  public static GgufValue float64(double v) {
    return new GgufValue(GgufValueType.FLOAT64, v);
  }

  /**
   * @param v the value
   * @return a boolean value
   */
  public static GgufValue bool(boolean v) {
    return new GgufValue(GgufValueType.BOOL, v);
  }

  /**
   * @param v the string, not null
   * @return a string value
   */
  public static GgufValue string(String v) {
    return new GgufValue(GgufValueType.STRING, v);
  }

  /**
   * @param elementType the type of every element
   * @param elements the elements, each of the Java class {@code elementType} prescribes; copied
   * @return an array value
   */
  public static GgufValue array(GgufValueType elementType, List<?> elements) {
    return new GgufValue(GgufValueType.ARRAY, GgufArray.of(elementType, elements));
  }

  /**
   * @param elements the strings, none null
   * @return an array of strings
   */
  public static GgufValue strings(List<String> elements) {
    return array(GgufValueType.STRING, elements);
  }

  /**
   * @return the value as a long, for any integer type
   * @throws IllegalStateException when the value is not an integer
   */
  public long asLong() {
    if (value instanceof Number && !(value instanceof Float) && !(value instanceof Double)) {
      return ((Number) value).longValue();
    }
    throw new IllegalStateException("a " + type + " value is not an integer");
  }

  /**
   * @return the value as an int, for integer types whose value fits
   * @throws IllegalStateException when the value is not an integer or does not fit
   */
  public int asInt() {
    long v = asLong();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || (type == GgufValueType.UINT64 && v < 0)) {
      throw new IllegalStateException("the " + type + " value " + v + " does not fit an int");
    }
    return (int) v;
  }

  /**
   * @return the value as a double, for any number type
   * @throws IllegalStateException when the value is not a number
   */
  public double asDouble() {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    throw new IllegalStateException("a " + type + " value is not a number");
  }

  /**
   * @return the string
   * @throws IllegalStateException when the value is not a string
   */
  public String asString() {
    if (value instanceof String) {
      return (String) value;
    }
    throw new IllegalStateException("a " + type + " value is not a string");
  }

  /**
   * @return the boolean
   * @throws IllegalStateException when the value is not a boolean
   */
  public boolean asBoolean() {
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new IllegalStateException("a " + type + " value is not a boolean");
  }

  /**
   * @return the array
   * @throws IllegalStateException when the value is not an array
   */
  public GgufArray asArray() {
    if (value instanceof GgufArray) {
      return (GgufArray) value;
    }
    throw new IllegalStateException("a " + type + " value is not an array");
  }

  /** @return the value as text: numbers and strings as they are, arrays abbreviated */
  @Override
  public String toString() {
    return value.toString();
  }
}
