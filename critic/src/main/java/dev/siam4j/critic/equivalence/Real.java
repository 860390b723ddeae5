package dev.siam4j.critic.equivalence;

import java.math.BigInteger;
import java.util.Map;

/**
 * A real value as the rules know it: exact when it is rational and small enough, always an
 * approximate double, and the magnitude as log10|x| so that values beyond double range (1/2004!,
 * 10^(10^10)) can still be told apart.
 */
final class Real {
  /** Most bits an exact intermediate may have; larger values keep only approximations. */
  static final long MAX_EXACT_BITS = 200_000;

  private static final double LN10 = Math.log(10);
  private static final BigRational HALF = BigRational.of(BigInteger.ONE, BigInteger.TWO);

  final BigRational exact;
  final double approx;
  final double log10;
  final int sign;

  private Real(BigRational exact, double approx, double log10, int sign) {
    this.exact = exact;
    this.approx = approx;
    this.log10 = log10;
    this.sign = sign;
  }

  static Real exact(BigRational v) {
    if (v.bits() > MAX_EXACT_BITS) {
      return new Real(null, v.doubleValue(), v.log10Abs(), v.signum());
    }
    return new Real(v, v.doubleValue(), v.log10Abs(), v.signum());
  }

  static Real approx(double v) {
    if (Double.isNaN(v)) {
      throw new ArithmeticException("not a real number");
    }
    return new Real(null, v, Math.log10(Math.abs(v)), (int) Math.signum(v));
  }

  private static Real magnitude(double log10, int sign) {
    double approx = log10 > 308.2 ? sign * Double.POSITIVE_INFINITY : log10 < -323 ? 0.0 : sign * Math.pow(10, log10);
    return new Real(null, approx, log10, sign);
  }

  boolean isZero() {
    return sign == 0;
  }

  /** @return whether the double is a faithful value (not overflowed or underflowed) */
  boolean approxUsable() {
    return Double.isFinite(approx) && (approx != 0.0 || sign == 0);
  }

  Real negate() {
    return new Real(exact == null ? null : exact.negate(), -approx, log10, -sign);
  }

  Real add(Real o) {
    if (exact != null && o.exact != null) {
      return exact(exact.add(o.exact));
    }
    double v = approx + o.approx;
    if (approxUsable() && o.approxUsable() && Double.isFinite(v)) {
      return approx(v);
    }
    if (sign == 0) {
      return o;
    }
    if (o.sign == 0) {
      return this;
    }
    // Beyond double range: the larger magnitude dominates when far apart.
    if (log10 - o.log10 > 20) {
      return magnitude(log10, sign);
    }
    if (o.log10 - log10 > 20) {
      return magnitude(o.log10, o.sign);
    }
    if (sign == o.sign) {
      double hi = Math.max(log10, o.log10);
      double lo = Math.min(log10, o.log10);
      return magnitude(hi + Math.log10(1 + Math.pow(10, lo - hi)), sign);
    }
    throw new ArithmeticException("cancellation beyond double range");
  }

  Real subtract(Real o) {
    return add(o.negate());
  }

  Real multiply(Real o) {
    if (exact != null && o.exact != null) {
      if (exact.bits() + o.exact.bits() <= MAX_EXACT_BITS) {
        return exact(exact.multiply(o.exact));
      }
    }
    if (sign == 0 || o.sign == 0) {
      return exact(BigRational.ZERO);
    }
    double v = approx * o.approx;
    if (Double.isFinite(v) && v != 0.0 && approxUsable() && o.approxUsable()) {
      return approx(v);
    }
    return magnitude(log10 + o.log10, sign * o.sign);
  }

  Real divide(Real o) {
    if (o.sign == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (exact != null && o.exact != null) {
      if (exact.bits() + o.exact.bits() <= MAX_EXACT_BITS) {
        return exact(exact.divide(o.exact));
      }
    }
    if (sign == 0) {
      return exact(BigRational.ZERO);
    }
    double v = approx / o.approx;
    if (Double.isFinite(v) && v != 0.0 && approxUsable() && o.approxUsable()) {
      return approx(v);
    }
    return magnitude(log10 - o.log10, sign * o.sign);
  }

  Real pow(Real e) {
    if (exact != null && e.exact != null) {
      Real r = exactPow(exact, e.exact);
      if (r != null) {
        return r;
      }
    }
    if (sign == 0) {
      if (e.sign > 0) {
        return exact(BigRational.ZERO);
      }
      throw new ArithmeticException("zero to a non-positive power");
    }
    int s = 1;
    if (sign < 0) {
      if (e.exact != null && e.exact.isInteger()) {
        s = e.exact.num.testBit(0) ? -1 : 1;
      } else if (e.exact != null && e.exact.den.testBit(0)) {
        // odd root of a negative number: real
        s = e.exact.num.testBit(0) ? -1 : 1;
      } else {
        throw new ArithmeticException("not a real number");
      }
    }
    if (!e.approxUsable()) {
      if (e.sign > 0 && log10 > 0 || e.sign < 0 && log10 < 0) {
        throw new ArithmeticException("too large");
      }
      throw new ArithmeticException("too small");
    }
    double v = s * Math.pow(Math.abs(approx), e.approx);
    if (Double.isFinite(v) && v != 0.0 && approxUsable()) {
      return approx(v);
    }
    return magnitude(e.approx * log10, s);
  }

  private static Real exactPow(BigRational base, BigRational e) {
    if (!e.den.equals(BigInteger.ONE)) {
      if (e.den.bitLength() > 5 || base.signum() < 0) {
        return null;
      }
      int q = e.den.intValue();
      BigRational root = exactRoot(base, q);
      if (root == null) {
        return null;
      }
      return exactPow(root, BigRational.of(e.num));
    }
    if (e.num.bitLength() > 31) {
      return null;
    }
    int n = e.num.intValue();
    if (base.signum() == 0) {
      if (n < 0) {
        throw new ArithmeticException("division by zero");
      }
      return exact(n == 0 ? BigRational.ONE : BigRational.ZERO);
    }
    long bits = Math.abs((long) n) * Math.max(base.num.bitLength(), base.den.bitLength());
    if (bits > MAX_EXACT_BITS) {
      return null;
    }
    return exact(base.pow(n));
  }

  private static BigRational exactRoot(BigRational v, int q) {
    BigInteger n = root(v.num, q);
    BigInteger d = root(v.den, q);
    return n == null || d == null ? null : BigRational.of(n, d);
  }

  private static BigInteger root(BigInteger v, int q) {
    if (q == 2) {
      BigInteger r = v.sqrt();
      return r.multiply(r).equals(v) ? r : null;
    }
    if (v.bitLength() > 62) {
      return null;
    }
    long r = Math.round(Math.pow(v.doubleValue(), 1.0 / q));
    BigInteger br = BigInteger.valueOf(r);
    return br.pow(q).equals(v) ? br : null;
  }

  Real factorial() {
    if (exact == null || !exact.isInteger() || exact.signum() < 0) {
      throw new ArithmeticException("factorial of a non-natural number");
    }
    if (exact.num.bitLength() > 40) {
      throw new ArithmeticException("factorial too large");
    }
    long n = exact.num.longValue();
    if (n <= 3000) {
      BigInteger f = BigInteger.ONE;
      for (long i = 2; i <= n; i++) {
        f = f.multiply(BigInteger.valueOf(i));
      }
      return exact(BigRational.of(f));
    }
    double x = n;
    double lnf = x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    return magnitude(lnf / LN10, 1);
  }

  static Real sqrt(Real x) {
    return x.pow(exact(HALF));
  }

  /** Evaluates {@code e} with the given variable values (missing ones are an error). */
  static Real eval(Expr e, Map<String, Double> vars) {
    if (e instanceof Expr.Num n) {
      return exact(n.value());
    }
    if (e instanceof Expr.Sym s) {
      switch (s.name()) {
        case "pi":
          return approx(Math.PI);
        case "e":
          return approx(Math.E);
        case "oo":
          throw new ArithmeticException("infinity");
        default:
          Double v = vars.get(s.name());
          if (v == null) {
            throw new ArithmeticException("unbound variable " + s.name());
          }
          return approx(v);
      }
    }
    if (e instanceof Expr.Neg n) {
      return eval(n.operand(), vars).negate();
    }
    if (e instanceof Expr.Op o) {
      Real a = eval(o.left(), vars);
      Real b = eval(o.right(), vars);
      switch (o.op()) {
        case '+':
          return a.add(b);
        case '-':
          return a.subtract(b);
        case '*':
          return a.multiply(b);
        case '/':
          return a.divide(b);
        case '^':
          return a.pow(b);
        default:
          throw new IllegalStateException("operator " + o.op());
      }
    }
    Expr.Fn f = (Expr.Fn) e;
    Real x = eval(f.args().get(0), vars);
    switch (f.name()) {
      case "sqrt":
        return sqrt(x);
      case "root":
        return x.pow(exact(BigRational.ONE).divide(eval(f.args().get(1), vars)));
      case "factorial":
        return x.factorial();
      case "abs":
        return x.sign < 0 ? x.negate() : x;
      case "exp":
        return approx(Math.E).pow(x);
      case "ln":
        return log(x);
      case "log":
        if (f.args().size() == 2) {
          return log(x).divide(log(eval(f.args().get(1), vars)));
        }
        return log(x);
      case "lg":
        return log(x).divide(approx(LN10));
      case "binomial":
        return binomial(x, eval(f.args().get(1), vars));
      default:
        return approx(function(f.name(), x.approx));
    }
  }

  private static Real log(Real x) {
    if (x.sign <= 0) {
      throw new ArithmeticException("log of a non-positive number");
    }
    if (x.exact != null && x.exact.equals(BigRational.ONE)) {
      return exact(BigRational.ZERO);
    }
    return approx(x.log10 * LN10);
  }

  private static Real binomial(Real n, Real k) {
    if (n.exact == null || k.exact == null || !n.exact.isInteger() || !k.exact.isInteger()) {
      throw new ArithmeticException("binomial of non-integers");
    }
    return n.factorial().divide(k.factorial().multiply(n.subtract(k).factorial()));
  }

  private static double function(String name, double x) {
    double v;
    switch (name) {
      case "sin": v = Math.sin(x); break;
      case "cos": v = Math.cos(x); break;
      case "tan": v = Math.tan(x); break;
      case "cot": v = 1 / Math.tan(x); break;
      case "sec": v = 1 / Math.cos(x); break;
      case "csc": v = 1 / Math.sin(x); break;
      case "asin": v = Math.asin(x); break;
      case "acos": v = Math.acos(x); break;
      case "atan": v = Math.atan(x); break;
      case "sinh": v = Math.sinh(x); break;
      case "cosh": v = Math.cosh(x); break;
      case "tanh": v = Math.tanh(x); break;
      default: throw new ArithmeticException("unknown function " + name);
    }
    if (!Double.isFinite(v)) {
      throw new ArithmeticException(name + " undefined at " + x);
    }
    return v;
  }
}
