package dev.siam4j.critic.equivalence;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** An exact rational number in lowest terms, denominator positive. Immutable. */
final class BigRational implements Comparable<BigRational> {
  static final BigRational ZERO = new BigRational(BigInteger.ZERO, BigInteger.ONE);
  static final BigRational ONE = new BigRational(BigInteger.ONE, BigInteger.ONE);
  static final BigRational HUNDRED = new BigRational(BigInteger.valueOf(100), BigInteger.ONE);
  private static final double LOG10_2 = Math.log10(2);

  final BigInteger num;
  final BigInteger den;

  private BigRational(BigInteger num, BigInteger den) {
    this.num = num;
    this.den = den;
  }

  static BigRational of(BigInteger num, BigInteger den) {
    if (den.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger g = num.gcd(den);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      num = num.divide(g);
      den = den.divide(g);
    }
    if (num.signum() == 0) {
      den = BigInteger.ONE;
    }
    return new BigRational(num, den);
  }

  static BigRational of(long value) {
    return new BigRational(BigInteger.valueOf(value), BigInteger.ONE);
  }

  static BigRational of(BigInteger value) {
    return new BigRational(value, BigInteger.ONE);
  }

  /** Parses a plain decimal literal ("12", "0.75", "1.5e3"). */
  static BigRational parseDecimal(String text) {
    BigDecimal d = new BigDecimal(text);
    if (d.scale() <= 0) {
      return of(d.toBigIntegerExact());
    }
    return of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
  }

  boolean isInteger() {
    return den.equals(BigInteger.ONE);
  }

  int signum() {
    return num.signum();
  }

  /** @return the number of bits of numerator and denominator together (a size measure) */
  long bits() {
    return (long) num.bitLength() + den.bitLength();
  }

  BigRational add(BigRational o) {
    if (den.equals(o.den)) {
      return of(num.add(o.num), den);
    }
    return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  BigRational subtract(BigRational o) {
    return add(o.negate());
  }

  BigRational multiply(BigRational o) {
    return of(num.multiply(o.num), den.multiply(o.den));
  }

  BigRational divide(BigRational o) {
    return of(num.multiply(o.den), den.multiply(o.num));
  }

  BigRational negate() {
    return new BigRational(num.negate(), den);
  }

  BigRational abs() {
    return num.signum() < 0 ? negate() : this;
  }

  BigRational pow(int exponent) {
    if (exponent < 0) {
      return of(den.pow(-exponent), num.pow(-exponent));
    }
    return new BigRational(num.pow(exponent), den.pow(exponent));
  }

  double doubleValue() {
    if (num.bitLength() <= 53 && den.bitLength() <= 53) {
      return (double) num.longValue() / (double) den.longValue(); // both exact: correctly rounded
    }
    if (num.bitLength() < 1000 && den.bitLength() < 1000) {
      return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
    }
    double l = log10Abs();
    if (l > 400) {
      return num.signum() * Double.POSITIVE_INFINITY;
    }
    if (l < -400) {
      return 0.0;
    }
    return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
  }

  /** @return log10 of the absolute value; negative infinity for zero */
  double log10Abs() {
    if (num.signum() == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return log10(num.abs()) - log10(den);
  }

  private static double log10(BigInteger v) {
    int bits = v.bitLength();
    if (bits < 1000) {
      return Math.log10(v.doubleValue());
    }
    int shift = bits - 60;
    return Math.log10(v.shiftRight(shift).doubleValue()) + shift * LOG10_2;
  }

  @Override
  public int compareTo(BigRational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BigRational r && num.equals(r.num) && den.equals(r.den);
  }

  @Override
  public int hashCode() {
    return num.hashCode() * 31 + den.hashCode();
  }

  @Override
  public String toString() {
    return isInteger() ? num.toString() : num + "/" + den;
  }
}
