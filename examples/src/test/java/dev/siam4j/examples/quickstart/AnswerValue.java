package dev.siam4j.examples.quickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side reading of an answer or a program's output as a value: an interval, or a list of
 * numbers (fractions, "±", units, words and percent signs aside). Enough to compare MathWorld's
 * reference answers with what its reference programs print; not the critic's equivalence rules.
 */
record AnswerValue(List<Double> numbers, Interval interval) {

  record Interval(double lo, boolean loClosed, double hi, boolean hiClosed) {}

  private static final String NUM = "-?\\d+(?:\\.\\d+)?";
  private static final Pattern BRACKETS =
      Pattern.compile("([(\\[])\\s*(-∞|" + NUM + ")\\s*,\\s*(\\+?∞|inf|" + NUM + ")\\s*([)\\]])");
  private static final Pattern RAY = Pattern.compile("x\\s*(>=|<=|>|<|≥|≤)\\s*(" + NUM + ")");
  private static final Pattern BETWEEN =
      Pattern.compile("(" + NUM + ")\\s*(<=|<|≤)\\s*x\\s*(<=|<|≤)\\s*(" + NUM + ")");
  private static final Pattern FRACTION = Pattern.compile("(-?\\d+)\\s*/\\s*(\\d+)");
  private static final Pattern PLUS_MINUS = Pattern.compile("±\\s*(" + NUM + ")");
  private static final Pattern NUMBER = Pattern.compile(NUM);

  static AnswerValue parse(String text) {
    String t = text.strip();
    Matcher m = BRACKETS.matcher(t);
    if (m.find()) {
      return new AnswerValue(
          List.of(), new Interval(bound(m.group(2)), m.group(1).equals("["), bound(m.group(3)), m.group(4).equals("]")));
    }
    m = BETWEEN.matcher(t);
    if (m.find()) {
      return new AnswerValue(
          List.of(),
          new Interval(
              Double.parseDouble(m.group(1)), !m.group(2).equals("<"),
              Double.parseDouble(m.group(4)), !m.group(3).equals("<")));
    }
    m = RAY.matcher(t);
    if (m.find()) {
      double v = Double.parseDouble(m.group(2));
      String op = m.group(1);
      boolean closed = !op.equals(">") && !op.equals("<");
      return op.startsWith(">") || op.equals("≥")
          ? new AnswerValue(List.of(), new Interval(v, closed, Double.POSITIVE_INFINITY, false))
          : new AnswerValue(List.of(), new Interval(Double.NEGATIVE_INFINITY, false, v, closed));
    }
    List<Double> numbers = new ArrayList<>();
    m = PLUS_MINUS.matcher(t);
    if (m.find()) {
      double v = Double.parseDouble(m.group(1));
      return new AnswerValue(List.of(v, -v), null);
    }
    m = FRACTION.matcher(t);
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      numbers.add(Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2)));
      m.appendReplacement(rest, " ");
    }
    m.appendTail(rest);
    m = NUMBER.matcher(rest);
    while (m.find()) {
      numbers.add(Double.parseDouble(m.group()));
    }
    return new AnswerValue(List.copyOf(numbers), null);
  }

  private static double bound(String s) {
    if (s.equals("-∞")) {
      return Double.NEGATIVE_INFINITY;
    }
    if (s.equals("∞") || s.equals("+∞") || s.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(s);
  }

  /** Same value: intervals equal, or numbers equal in order ({@code unordered}: as multisets). */
  boolean matches(AnswerValue other, boolean unordered) {
    if ((interval == null) != (other.interval == null)) {
      return false;
    }
    if (interval != null) {
      return close(interval.lo(), other.interval.lo())
          && close(interval.hi(), other.interval.hi())
          && interval.loClosed() == other.interval.loClosed()
          && interval.hiClosed() == other.interval.hiClosed();
    }
    List<Double> a = new ArrayList<>(numbers);
    List<Double> b = new ArrayList<>(other.numbers);
    if (a.size() != b.size() || a.isEmpty()) {
      return false;
    }
    if (unordered) {
      a.sort(null);
      b.sort(null);
    }
    for (int i = 0; i < a.size(); i++) {
      if (!close(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean close(double x, double y) {
    if (Double.isInfinite(x) || Double.isInfinite(y)) {
      return x == y;
    }
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  }
}
