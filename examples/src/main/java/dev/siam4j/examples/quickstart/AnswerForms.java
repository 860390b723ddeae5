package dev.siam4j.examples.quickstart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Other ways of writing what a MathWorld reference program printed: equivalent forms (the same
 * value as people or other programs write it) and wrong ones (off by one, a wrong root, a missing
 * root, the wrong bracket, the unconverted unit...). Built from the printed output's shape alone,
 * with the problem's category and language for the forms that depend on them. No model.
 *
 * <p>Stateless and thread-safe.
 */
final class AnswerForms {
  private static final String NUM = "-?\\d+(?:\\.\\d+)?";
  private static final Pattern NUMBER = Pattern.compile(NUM);
  private static final Pattern SINGLE = Pattern.compile("(" + NUM + ")( ?%)?");
  private static final Pattern FRACTION = Pattern.compile("(-?\\d+)/(\\d+)");
  private static final Pattern TWO = Pattern.compile("(" + NUM + ") (" + NUM + ")");
  private static final Pattern SYSTEM = Pattern.compile("x = (" + NUM + ") y = (" + NUM + ")");
  private static final Pattern RAY = Pattern.compile("x (>=|<=|>|<) (" + NUM + ")");
  private static final Pattern INTERVAL = Pattern.compile("([(\\[])(" + NUM + "), (" + NUM + ")([)\\]])");
  private static final Pattern RATIO = Pattern.compile("(\\d+) : (\\d+)");

  private AnswerForms() {}

  /** Equivalent and wrong forms of one printed answer. */
  record Forms(List<String> equivalent, List<String> wrong) {}

  /**
   * @param output the reference program's printed answer (its last line)
   * @param reference the reference answer
   * @param category the problem's category ({@code "units"})
   * @param template the problem's template ({@code "units.hours"})
   * @param chinese whether the problem is in Chinese
   * @return forms; both lists empty for an output of an unknown shape
   */
  static Forms of(String output, String reference, String category, String template, boolean chinese) {
    String out = output.strip();
    List<String> yes = new ArrayList<>();
    List<String> no = new ArrayList<>();
    String or = chinese ? "或" : " or ";
    Matcher m;
    if ((m = SYSTEM.matcher(out)).matches()) {
      double x = num(m.group(1));
      double y = num(m.group(2));
      String sep = chinese ? "，" : ", ";
      yes.add("x = " + fmt(x) + sep + "y = " + fmt(y));
      yes.add("(" + fmt(x) + ", " + fmt(y) + ")");
      yes.add("y = " + fmt(y) + ", x = " + fmt(x));
      yes.add("x=" + fmt(x) + sep + "y=" + fmt(y));
      if (x != y) {
        no.add("x = " + fmt(y) + sep + "y = " + fmt(x));
      }
      no.add("x = " + fmt(x + 1) + sep + "y = " + fmt(y));
      no.add("x = " + fmt(x) + sep + "y = " + fmt(y - 1));
      if (x != 0) {
        no.add("x = " + fmt(-x) + ", y = " + fmt(y));
      }
      no.add("x = " + fmt(x));
    } else if ((m = RAY.matcher(out)).matches()) {
      String op = m.group(1);
      double v = num(m.group(2));
      boolean greater = op.startsWith(">");
      boolean closed = op.endsWith("=");
      yes.add(interval(v, greater, closed));
      yes.add("x " + unicode(op) + " " + fmt(v));
      yes.add("x" + op + fmt(v));
      no.add(interval(v, greater, !closed));
      no.add("x " + flip(op) + " " + fmt(v));
      no.add("x " + op + " " + fmt(v + 1));
      no.add(interval(v - 1, greater, closed));
    } else if ((m = INTERVAL.matcher(out)).matches()) {
      boolean loClosed = m.group(1).equals("[");
      double lo = num(m.group(2));
      double hi = num(m.group(3));
      boolean hiClosed = m.group(4).equals("]");
      yes.add(m.group(1) + fmt(lo) + ", " + fmt(hi) + m.group(4));
      yes.add(fmt(lo) + (loClosed ? " ≤ " : " < ") + "x" + (hiClosed ? " ≤ " : " < ") + fmt(hi));
      yes.add(fmt(lo) + (loClosed ? " <= " : " < ") + "x" + (hiClosed ? " <= " : " < ") + fmt(hi));
      no.add((loClosed ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + m.group(4));
      no.add(m.group(1) + fmt(lo) + ", " + fmt(hi) + (hiClosed ? ")" : "]"));
      no.add(m.group(1) + fmt(lo) + ", " + fmt(hi + 1) + m.group(4));
      no.add(m.group(1) + fmt(lo - 1) + ", " + fmt(hi) + m.group(4));
    } else if ((m = TWO.matcher(out)).matches()) {
      double a = num(m.group(1));
      double b = num(m.group(2));
      yes.add("x = " + fmt(a) + or + "x = " + fmt(b));
      yes.add(fmt(a) + ", " + fmt(b));
      yes.add(fmt(b) + ", " + fmt(a));
      yes.add("{" + fmt(Math.min(a, b)) + ", " + fmt(Math.max(a, b)) + "}");
      if (a == -b) {
        yes.add("x = ±" + fmt(Math.abs(a)));
      }
      no.add(fmt(a));
      no.add(fmt(b));
      if (a != -b) {
        no.add(fmt(a) + ", " + fmt(-b));
        no.add(fmt(-a) + ", " + fmt(-b));
      } else {
        no.add(fmt(a) + ", " + fmt(a + 1));
      }
      no.add("x = " + fmt(a + 1) + or + "x = " + fmt(b));
    } else if ((m = FRACTION.matcher(out)).matches()) {
      long p = Long.parseLong(m.group(1));
      long q = Long.parseLong(m.group(2));
      yes.add(p + " / " + q);
      yes.add((2 * p) + "/" + (2 * q));
      decimal(p, q).ifPresent(yes::add);
      no.add((p + 1) + "/" + q);
      no.add(p + "/" + (q + 1));
      if (p != q && p != 0) {
        no.add(q + "/" + p);
      }
      decimal(p + 1, q).ifPresent(no::add);
    } else if ((m = RATIO.matcher(out)).matches()) {
      long a = Long.parseLong(m.group(1));
      long b = Long.parseLong(m.group(2));
      yes.add(a + ":" + b);
      yes.add(a + " : " + b);
      if (a != b) {
        no.add(b + " : " + a);
      }
      no.add((a + 1) + ":" + b);
      no.add(a + ":" + (b + 1));
    } else if ((m = SINGLE.matcher(out)).matches()) {
      double v = num(m.group(1));
      boolean percent = m.group(2) != null;
      String unit = unit(reference);
      if (percent) {
        yes.add(fmt(v) + "%");
        yes.add(fmt(v / 100));
        no.add(fmt(v + 1) + "%");
        no.add(fmt(v / 10));
      } else {
        yes.add(fmt(v));
        yes.add(py(v));
        if (!unit.isEmpty()) {
          yes.add(withUnit(fmt(v), unit));
        }
        fraction(v).ifPresent(yes::add);
        no.add(fmt(v + 1));
        no.add(fmt(v - 1));
        no.add(fmt(v * 10));
        if (v != 0) {
          no.add(fmt(-v));
        }
        if (!unit.isEmpty()) {
          no.add(withUnit(fmt(v + 1), unit));
        }
        if (category.equals("units")) {
          no.add(fmt(template.equals("units.hours") ? v * 60 : v / 1000));
        }
      }
    }
    return new Forms(dedupe(yes, out), dedupe(no, out));
  }

  /**
   * A key that two outputs of equal value share: the numbers read as values (sorted when there
   * are two, as roots are a set), and the text between them.
   *
   * @param output a printed answer
   * @return the key
   */
  static String valueKey(String output) {
    String s = output.strip();
    Matcher f = FRACTION.matcher(s);
    if (f.matches()) {
      return "frac:" + fmt(Double.parseDouble(f.group(1)) / Double.parseDouble(f.group(2)));
    }
    Matcher m = NUMBER.matcher(s);
    List<String> numbers = new ArrayList<>();
    StringBuilder skeleton = new StringBuilder();
    while (m.find()) {
      numbers.add(fmt(num(m.group())));
      m.appendReplacement(skeleton, "#");
    }
    m.appendTail(skeleton);
    if (TWO.matcher(s).matches()) {
      numbers.sort(null);
    }
    return skeleton + ":" + numbers;
  }

  private static List<String> dedupe(List<String> forms, String output) {
    List<String> out = new ArrayList<>();
    for (String f : forms) {
      if (!f.equals(output) && !out.contains(f)) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  private static String interval(double v, boolean greater, boolean closed) {
    return greater
        ? (closed ? "[" : "(") + fmt(v) + ", +∞)"
        : "(-∞, " + fmt(v) + (closed ? "]" : ")");
  }

  private static String unicode(String op) {
    return switch (op) {
      case ">=" -> "≥";
      case "<=" -> "≤";
      default -> op;
    };
  }

  private static String flip(String op) {
    return switch (op) {
      case ">=" -> "<=";
      case "<=" -> ">=";
      case ">" -> "<";
      default -> ">";
    };
  }

  /** The reference's words around its number ("dollars", "元", "$"), or empty. */
  private static String unit(String reference) {
    String r = reference.strip();
    Matcher m = NUMBER.matcher(r);
    if (!m.find()) {
      return "";
    }
    String before = r.substring(0, m.start());
    String after = r.substring(m.end());
    if (before.equals("$")) {
      return "$";
    }
    if (!before.isEmpty() || after.isBlank() || after.contains("/") || NUMBER.matcher(after).find()) {
      return "";
    }
    return after;
  }

  private static String withUnit(String number, String unit) {
    return unit.equals("$") ? "$" + number : number + unit;
  }

  private static java.util.Optional<String> decimal(long p, long q) {
    long d = q;
    while (d % 2 == 0) {
      d /= 2;
    }
    while (d % 5 == 0) {
      d /= 5;
    }
    if (d != 1 || q == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(fmt((double) p / q));
  }

  /** A non-integer with a short decimal as a fraction ("6.75" as "27/4"). */
  private static java.util.Optional<String> fraction(double v) {
    if (v == Math.rint(v)) {
      return java.util.Optional.empty();
    }
    for (int q : new int[] {2, 4, 5, 8, 10, 20, 25, 100}) {
      double p = v * q;
      if (Math.abs(p - Math.rint(p)) < 1e-9) {
        return java.util.Optional.of(((long) Math.rint(p)) + "/" + q);
      }
    }
    return java.util.Optional.empty();
  }

  private static double num(String s) {
    return Double.parseDouble(s);
  }

  /** The shortest plain decimal of a value: "14", "-2.5", "0.75". */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** How Python prints a float: "14.0", "2.5". */
  private static String py(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%d.0", (long) v) : fmt(v);
  }
}
