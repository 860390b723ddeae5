package dev.siam4j.critic.equivalence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares two parsed answers by rules. Immutable and thread-safe. */
final class Rules {
  private static final double ABSOLUTE_TOLERANCE = 1e-12;
  private static final int POINTS = 6;

  private final double relativeTolerance;
  private final double absoluteTolerance;
  private final boolean percentScaling;

  Rules(double relativeTolerance, double absoluteTolerance, boolean percentScaling) {
    this.relativeTolerance = relativeTolerance;
    this.absoluteTolerance = absoluteTolerance;
    this.percentScaling = percentScaling;
  }

  Equivalence compare(Answer a, Answer b) {
    if (a.equals(b)) {
      return Equivalence.EQUAL;
    }
    a = unwrap(a);
    b = unwrap(b);
    if (a.equals(b)) {
      return Equivalence.EQUAL;
    }
    if (a instanceof Answer.Text || b instanceof Answer.Text) {
      if (a instanceof Answer.Text ta && b instanceof Answer.Text tb) {
        return squash(ta.text()).equals(squash(tb.text())) ? Equivalence.EQUAL : Equivalence.UNKNOWN;
      }
      return Equivalence.UNKNOWN;
    }
    if (a instanceof Answer.Bool || b instanceof Answer.Bool) {
      if (a instanceof Answer.Bool x && b instanceof Answer.Bool y) {
        return x.value() == y.value() ? Equivalence.EQUAL : Equivalence.NOT_EQUAL;
      }
      return Equivalence.UNKNOWN;
    }
    if (a instanceof Answer.Scalar x && b instanceof Answer.Scalar y) {
      return scalars(x, y);
    }
    if (a instanceof Answer.Equation x && b instanceof Answer.Equation y) {
      return equations(x, y);
    }
    if (a instanceof Answer.Equation x && b instanceof Answer.Scalar y) {
      return x.loneVariable() != null ? scalars(new Answer.Scalar(x.rhs(), false, decimals(x.rhs())), y) : equationAgainstValue(x);
    }
    if (a instanceof Answer.Scalar x && b instanceof Answer.Equation y) {
      return y.loneVariable() != null ? scalars(x, new Answer.Scalar(y.rhs(), false, decimals(y.rhs()))) : equationAgainstValue(y);
    }
    if (a instanceof Answer.Matrix || b instanceof Answer.Matrix) {
      return matrices(toRows(a), toRows(b));
    }
    if (a instanceof Answer.Interval || b instanceof Answer.Interval) {
      Answer.Interval x = toInterval(a);
      Answer.Interval y = toInterval(b);
      if (x == null || y == null) {
        return a instanceof Answer.Scalar || b instanceof Answer.Scalar ? Equivalence.NOT_EQUAL : Equivalence.UNKNOWN;
      }
      return intervals(x, y);
    }
    if (a instanceof Answer.Union || b instanceof Answer.Union) {
      List<Answer> x = a instanceof Answer.Union u ? u.parts() : List.of(a);
      List<Answer> y = b instanceof Answer.Union u ? u.parts() : List.of(b);
      return unordered(x, y);
    }
    if (a instanceof Answer.Many x && b instanceof Answer.Many y) {
      return many(x, y);
    }
    if (a instanceof Answer.Many || b instanceof Answer.Many) {
      // several answers against one
      Answer.Many m = a instanceof Answer.Many x ? x : (Answer.Many) b;
      return m.items().size() > 1 ? Equivalence.NOT_EQUAL : Equivalence.UNKNOWN;
    }
    return Equivalence.UNKNOWN;
  }

  /**
   * An equation relating variables ({@code a + 3z = 0}) is not a value: against one it is
   * NOT_EQUAL. Without variables it cannot be told here.
   */
  private static Equivalence equationAgainstValue(Answer.Equation e) {
    return Expr.hasVariables(e.lhs()) || Expr.hasVariables(e.rhs()) ? Equivalence.NOT_EQUAL : Equivalence.UNKNOWN;
  }

  /** @return the digits written after the point when {@code e} is a decimal literal, else -1 */
  static int decimals(Expr e) {
    if (e instanceof Expr.Neg n) {
      return decimals(n.operand());
    }
    return e instanceof Expr.Num n ? n.decimals() : -1;
  }

  private static String squash(String s) {
    return s.replaceAll("[\\s(){}\\[\\].,]", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static Answer unwrap(Answer a) {
    while (a instanceof Answer.Many m && m.items().size() == 1) {
      a = m.items().get(0);
    }
    if (a instanceof Answer.Union u && u.parts().size() == 1) {
      return unwrap(u.parts().get(0));
    }
    if (a instanceof Answer.Matrix m && m.rows().size() == 1 && m.rows().get(0).size() == 1) {
      return m.rows().get(0).get(0);
    }
    return a;
  }

  private Equivalence many(Answer.Many x, Answer.Many y) {
    if (x.items().size() != y.items().size()) {
      if (distinct(x.items()).size() == distinct(y.items()).size() && (!x.ordered() || !y.ordered())) {
        return unordered(distinct(x.items()), distinct(y.items()));
      }
      return Equivalence.NOT_EQUAL;
    }
    boolean assignments = allAssignments(x) && allAssignments(y);
    // a tuple against values written without brackets keeps its order: (3, 1) is not "1, 3"
    boolean tupleAgainstBare = x.ordered() && y.open() == '\0' && !y.ordered() && x.open() == '('
        || y.ordered() && x.open() == '\0' && !x.ordered() && y.open() == '(';
    if ((x.ordered() && y.ordered() || tupleAgainstBare) && !assignments) {
      Equivalence result = Equivalence.EQUAL;
      for (int i = 0; i < x.items().size(); i++) {
        Equivalence e = compare(x.items().get(i), y.items().get(i));
        if (e == Equivalence.NOT_EQUAL) {
          return e;
        }
        if (e == Equivalence.UNKNOWN) {
          result = e;
        }
      }
      return result;
    }
    return unordered(x.items(), y.items());
  }

  private static List<Answer> distinct(List<Answer> items) {
    return new ArrayList<>(new LinkedHashSet<>(items));
  }

  private static boolean allAssignments(Answer.Many m) {
    for (Answer a : m.items()) {
      if (!(a instanceof Answer.Equation e) || e.loneVariable() == null) {
        return false;
      }
    }
    return !m.items().isEmpty();
  }

  private Equivalence unordered(List<Answer> x, List<Answer> y) {
    if (x.size() != y.size()) {
      return Equivalence.NOT_EQUAL;
    }
    boolean[] used = new boolean[y.size()];
    boolean unknown = false;
    for (Answer a : x) {
      int match = -1;
      boolean maybe = false;
      for (int j = 0; j < y.size(); j++) {
        if (used[j]) {
          continue;
        }
        Equivalence e = compare(a, y.get(j));
        if (e == Equivalence.EQUAL) {
          match = j;
          break;
        }
        if (e == Equivalence.UNKNOWN) {
          maybe = true;
        }
      }
      if (match >= 0) {
        used[match] = true;
      } else if (maybe) {
        unknown = true;
      } else {
        return Equivalence.NOT_EQUAL;
      }
    }
    return unknown ? Equivalence.UNKNOWN : Equivalence.EQUAL;
  }

  private static List<List<Answer>> toRows(Answer a) {
    if (a instanceof Answer.Matrix m) {
      return m.rows();
    }
    if (a instanceof Answer.Many m) {
      List<List<Answer>> rows = new ArrayList<>();
      boolean nested = !m.items().isEmpty() && m.items().stream().allMatch(i -> i instanceof Answer.Many);
      if (nested) {
        for (Answer r : m.items()) {
          rows.add(((Answer.Many) r).items());
        }
      } else {
        rows.add(m.items());
      }
      return rows;
    }
    return null;
  }

  private Equivalence matrices(List<List<Answer>> x, List<List<Answer>> y) {
    if (x == null || y == null) {
      return Equivalence.UNKNOWN;
    }
    if (x.size() == 1 && y.size() > 1 && y.stream().allMatch(r -> r.size() == 1)) {
      y = List.of(y.stream().map(r -> r.get(0)).toList()); // column vector against a flat list
    } else if (y.size() == 1 && x.size() > 1 && x.stream().allMatch(r -> r.size() == 1)) {
      x = List.of(x.stream().map(r -> r.get(0)).toList());
    }
    if (x.size() != y.size()) {
      return Equivalence.NOT_EQUAL;
    }
    Equivalence result = Equivalence.EQUAL;
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i).size() != y.get(i).size()) {
        return Equivalence.NOT_EQUAL;
      }
      for (int j = 0; j < x.get(i).size(); j++) {
        Equivalence e = compare(x.get(i).get(j), y.get(i).get(j));
        if (e == Equivalence.NOT_EQUAL) {
          return e;
        }
        if (e == Equivalence.UNKNOWN) {
          result = e;
        }
      }
    }
    return result;
  }

  private static Answer.Interval toInterval(Answer a) {
    if (a instanceof Answer.Interval i) {
      return i;
    }
    if (a instanceof Answer.Many m && m.items().size() == 2 && (m.open() == '(' || m.open() == '[')
        && m.items().get(0) instanceof Answer.Scalar lo && m.items().get(1) instanceof Answer.Scalar hi) {
      return new Answer.Interval(lo.expr(), hi.expr(), m.open() == '[', m.close() == ']');
    }
    return null;
  }

  private Equivalence intervals(Answer.Interval x, Answer.Interval y) {
    if (x.lowClosed() != y.lowClosed() || x.highClosed() != y.highClosed()) {
      return Equivalence.NOT_EQUAL;
    }
    Equivalence lo = end(x.low(), y.low());
    if (lo == Equivalence.NOT_EQUAL) {
      return lo;
    }
    Equivalence hi = end(x.high(), y.high());
    if (hi == Equivalence.NOT_EQUAL) {
      return hi;
    }
    return lo == Equivalence.EQUAL && hi == Equivalence.EQUAL ? Equivalence.EQUAL : Equivalence.UNKNOWN;
  }

  private Equivalence end(Expr x, Expr y) {
    boolean ix = AnswerParser.isInfinite(x);
    boolean iy = AnswerParser.isInfinite(y);
    if (ix || iy) {
      return ix && iy && (x instanceof Expr.Neg) == (y instanceof Expr.Neg) ? Equivalence.EQUAL : Equivalence.NOT_EQUAL;
    }
    return scalars(new Answer.Scalar(x, false, decimals(x)), new Answer.Scalar(y, false, decimals(y)));
  }

  private Equivalence equations(Answer.Equation x, Answer.Equation y) {
    String vx = x.loneVariable();
    String vy = y.loneVariable();
    if (vx != null && vy != null && !Expr.hasVariables(x.rhs()) && !Expr.hasVariables(y.rhs())) {
      if (!vx.equals(vy)) {
        return Equivalence.NOT_EQUAL;
      }
      return scalars(new Answer.Scalar(x.rhs(), false, -1), new Answer.Scalar(y.rhs(), false, -1));
    }
    Expr f = new Expr.Op('-', x.lhs(), x.rhs());
    Expr g = new Expr.Op('-', y.lhs(), y.rhs());
    Set<String> vars = new LinkedHashSet<>();
    Expr.collectVariables(f, vars);
    Expr.collectVariables(g, vars);
    if (vars.isEmpty()) {
      return Equivalence.UNKNOWN;
    }
    int valid = 0;
    double ratio = Double.NaN;
    for (int p = 0; p < POINTS; p++) {
      Map<String, Double> point = point(vars, p);
      double fv;
      double gv;
      try {
        fv = Real.eval(f, point).approx;
        gv = Real.eval(g, point).approx;
      } catch (ArithmeticException e) {
        continue;
      }
      if (!Double.isFinite(fv) || !Double.isFinite(gv)) {
        continue;
      }
      boolean fz = Math.abs(fv) < 1e-9;
      boolean gz = Math.abs(gv) < 1e-9;
      if (fz && gz) {
        continue;
      }
      if (fz != gz) {
        return Equivalence.NOT_EQUAL;
      }
      double r = fv / gv;
      if (Double.isNaN(ratio)) {
        ratio = r;
      } else if (Math.abs(r - ratio) > 1e-7 * Math.max(1, Math.abs(ratio))) {
        return Equivalence.NOT_EQUAL;
      }
      valid++;
    }
    return valid >= 3 ? Equivalence.EQUAL : Equivalence.UNKNOWN;
  }

  private static Map<String, Double> point(Set<String> vars, int p) {
    Map<String, Double> point = new HashMap<>();
    int i = 0;
    for (String v : vars) {
      point.put(v, 0.3 + ((p * 7 + i * 3) % 11) / 4.0 + 0.1234567 * (i + 1) + 0.0271828 * p);
      i++;
    }
    return point;
  }

  Equivalence scalars(Answer.Scalar x, Answer.Scalar y) {
    if (x.expr().equals(y.expr()) && x.percent() == y.percent()) {
      return Equivalence.EQUAL;
    }
    if (Expr.hasVariables(x.expr()) || Expr.hasVariables(y.expr())) {
      return symbolic(x.expr(), y.expr());
    }
    Real a = valueOf(x.expr());
    Real b = valueOf(y.expr());
    if (a == null || b == null) {
      // "4 4/0" has no value, so it equals no number; other failures (overflow) stay undecided
      return a == null && b == null || !(dividesByZero(a == null ? x.expr() : y.expr())) ? Equivalence.UNKNOWN : Equivalence.NOT_EQUAL;
    }
    if (x.percent() == y.percent()) {
      Equivalence e = numbers(a, b, x.decimals(), y.decimals());
      if (e == Equivalence.NOT_EQUAL && percentScaling && !x.percent()) {
        // 0.7 against 70: one of them is a percentage written without its sign
        Real hundred = Real.exact(BigRational.HUNDRED);
        if (numbers(a.multiply(hundred), b, -1, y.decimals()) == Equivalence.EQUAL
            || numbers(a, b.multiply(hundred), x.decimals(), -1) == Equivalence.EQUAL) {
          return Equivalence.EQUAL;
        }
      }
      return e;
    }
    // 75% matches 0.75 and 75
    Real pa = x.percent() ? a.divide(Real.exact(BigRational.HUNDRED)) : a;
    Real pb = y.percent() ? b.divide(Real.exact(BigRational.HUNDRED)) : b;
    Equivalence scaled = numbers(pa, pb, -1, -1);
    if (scaled == Equivalence.EQUAL) {
      return scaled;
    }
    Equivalence plain = numbers(a, b, x.decimals(), y.decimals());
    if (plain == Equivalence.EQUAL) {
      return plain;
    }
    return scaled == Equivalence.NOT_EQUAL && plain == Equivalence.NOT_EQUAL ? Equivalence.NOT_EQUAL : Equivalence.UNKNOWN;
  }

  private static Real valueOf(Expr e) {
    try {
      return Real.eval(e, Map.of());
    } catch (ArithmeticException ex) {
      return null;
    }
  }

  private static boolean dividesByZero(Expr e) {
    try {
      Real.eval(e, Map.of());
      return false;
    } catch (ArithmeticException ex) {
      return "division by zero".equals(ex.getMessage());
    }
  }

  Equivalence numbers(Real a, Real b, int da, int db) {
    if (absoluteTolerance > 0 && a.approxUsable() && b.approxUsable()
        && Math.abs(a.approx - b.approx) <= absoluteTolerance) {
      return Equivalence.EQUAL;
    }
    if (a.exact != null && b.exact != null) {
      if (a.exact.equals(b.exact)) {
        return Equivalence.EQUAL;
      }
      if (a.exact.isInteger() && b.exact.isInteger()) {
        return Equivalence.NOT_EQUAL;
      }
      if (a.sign == 0 || b.sign == 0) {
        // float noise around a zero reference ("1.1e-16"), never a tiny reference against 0
        return a.sign == 0 && Math.abs(b.approx) <= ABSOLUTE_TOLERANCE ? Equivalence.EQUAL : Equivalence.NOT_EQUAL;
      }
      BigRational diff = a.exact.subtract(b.exact).abs();
      double scale = Math.max(a.log10, b.log10);
      if (diff.log10Abs() - scale <= Math.log10(relativeTolerance)) {
        return Equivalence.EQUAL;
      }
      return rounded(a, b, da, db) ? Equivalence.EQUAL : Equivalence.NOT_EQUAL;
    }
    if (a.approxUsable() && b.approxUsable()) {
      double d = Math.abs(a.approx - b.approx);
      if (d <= relativeTolerance * Math.max(Math.abs(a.approx), Math.abs(b.approx)) || d <= ABSOLUTE_TOLERANCE) {
        return Equivalence.EQUAL;
      }
      return rounded(a, b, da, db) ? Equivalence.EQUAL : Equivalence.NOT_EQUAL;
    }
    if (Double.isNaN(a.log10) || Double.isNaN(b.log10)) {
      return Equivalence.UNKNOWN;
    }
    if (a.sign != b.sign) {
      return Equivalence.NOT_EQUAL;
    }
    if (Math.abs(a.log10 - b.log10) > 1e-9 * Math.max(1, Math.abs(a.log10))) {
      return Equivalence.NOT_EQUAL;
    }
    return Equivalence.UNKNOWN;
  }

  /**
   * A decimal written with d places matches a value it correctly rounds (|difference| at most half
   * a unit of its last place) when the value is not itself a short literal (an unrounded float, or
   * an expression such as 100/3) and the decimal shows enough significant digits to stand for it:
   * <ul>
   *   <li>a rounded <em>reference</em> ({@code 0.33}, {@code 33.3}) needs d ≥ 1 places and two
   *       significant digits: the program's {@code 1/3} or {@code 0.3333} matches a reference
   *       written {@code 0.33}, at the reference's shown precision;
   *   <li>a rounded <em>prediction</em> needs d ≥ 2 places and three significant digits, since a
   *       program that claims a value must show it: {@code 0.333}, {@code 2.6667} and {@code 0.577}
   *       match 1/3, 8/3 and √3/3, while {@code 0.33} is not 1/3 and {@code 0.3} never is.
   * </ul>
   */
  private static boolean rounded(Real a, Real b, int da, int db) {
    if (!a.approxUsable() || !b.approxUsable()) {
      return false;
    }
    double d = Math.abs(a.approx - b.approx);
    return roundsTo(d, a.approx, da, db, 1, 2) || roundsTo(d, b.approx, db, da, 2, 3);
  }

  private static boolean roundsTo(double diff, double value, int places, int otherPlaces, int minPlaces, int minSignificant) {
    if (places < minPlaces || !(otherPlaces == -1 || otherPlaces >= places + 3)) {
      return false;
    }
    double significant = places + Math.floor(Math.log10(Math.abs(value))) + 1;
    if (!(significant >= minSignificant)) {
      return false;
    }
    return diff <= 0.5 * Math.pow(10, -places) * (1 + 1e-9);
  }

  private Equivalence symbolic(Expr x, Expr y) {
    Set<String> vars = new LinkedHashSet<>();
    Expr.collectVariables(x, vars);
    Expr.collectVariables(y, vars);
    int valid = 0;
    for (int p = 0; p < POINTS; p++) {
      Map<String, Double> point = point(vars, p);
      double a;
      double b;
      try {
        a = Real.eval(x, point).approx;
        b = Real.eval(y, point).approx;
      } catch (ArithmeticException e) {
        continue;
      }
      if (!Double.isFinite(a) || !Double.isFinite(b)) {
        continue;
      }
      double d = Math.abs(a - b);
      double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
      if (d > 1e-6 * scale) {
        return Equivalence.NOT_EQUAL;
      }
      valid++;
    }
    return valid >= 3 ? Equivalence.EQUAL : Equivalence.UNKNOWN;
  }
}
