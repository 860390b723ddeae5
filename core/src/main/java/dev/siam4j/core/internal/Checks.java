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

  /** @return {@code value}, if it is finite and zero or more */
  public static double nonNegative(double value, String name) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and not negative, was " + value);
    }
    return value;
  }
}
