package dev.siam4j.core.internal;

import java.util.Objects;

/** Argument checks shared by siam4j's records and builders. Not API. */
public final class Checks {
  private Checks() {}

  /** @return {@code value}, if it is neither null nor blank */
  public static String nonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** @return {@code value}, if it is positive */
  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /** @return {@code value}, if it is zero or more */
  public static int nonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  /** @return {@code value}, if it is zero or more */
  public static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  /** @return {@code value}, if it lies in [0, 1] */
  public static double probability(double value, String name) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
    }
    return value;
  }

  /**
   * An unmodifiable copy sorted by key. Records use it instead of {@code Map.copyOf}, whose
   * iteration order changes from JVM to JVM: equal records then serialise to equal bytes.
   *
   * @throws NullPointerException when {@code map}, a key or a value is null
   */
  public static <K extends Comparable<? super K>, V> java.util.Map<K, V> sortedCopy(
      java.util.Map<K, V> map, String name) {
    java.util.Objects.requireNonNull(map, name);
    java.util.TreeMap<K, V> copy = new java.util.TreeMap<>();
    for (java.util.Map.Entry<K, V> e : map.entrySet()) {
      copy.put(
          java.util.Objects.requireNonNull(e.getKey(), name + " key"),
          java.util.Objects.requireNonNull(e.getValue(), name + " value"));
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** @return {@code value}, if it is finite and zero or more */
  public static double nonNegative(double value, String name) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and not negative, was " + value);
    }
    return value;
  }
}
