package dev.siam4j.examples.quickstart;

import static dev.siam4j.examples.quickstart.Draw.plus;
import static dev.siam4j.examples.quickstart.Draw.plusTerm;
import static dev.siam4j.examples.quickstart.Draw.program;

import dev.siam4j.examples.quickstart.Template.Instance;
import java.util.List;

/** Templates for linear equations, systems of two equations, quadratics and inequalities. */
final class AlgebraTemplates {
  private AlgebraTemplates() {}

  static List<Template> all() {
    return List.of(
        new Template("linear.solve", "linear", Group.SEEN, AlgebraTemplates::linearSolve),
        new Template("linear.think", "linear", Group.PARAPHRASE, AlgebraTemplates::linearThink),
        new Template("linear.both-sides", "linear", Group.NEW, AlgebraTemplates::linearBothSides),
        new Template("systems.solve", "systems", Group.SEEN, AlgebraTemplates::systemSolve),
        new Template("systems.sum-difference", "systems", Group.PARAPHRASE, AlgebraTemplates::sumDifference),
        new Template("systems.prices", "systems", Group.PARAPHRASE, AlgebraTemplates::prices),
        new Template("quadratics.square", "quadratics", Group.SEEN, AlgebraTemplates::square),
        new Template("quadratics.number-squared", "quadratics", Group.PARAPHRASE, AlgebraTemplates::numberSquared),
        new Template("quadratics.shifted", "quadratics", Group.PARAPHRASE, AlgebraTemplates::shifted),
        new Template("quadratics.general", "quadratics", Group.NEW, AlgebraTemplates::general),
        new Template("inequalities.linear", "inequalities", Group.SEEN, AlgebraTemplates::inequality),
        new Template("inequalities.words", "inequalities", Group.PARAPHRASE, AlgebraTemplates::inequalityWords),
        new Template("inequalities.double", "inequalities", Group.NEW, AlgebraTemplates::doubleInequality));
  }

  private static String xIs(Draw d, int v) {
    return d.pick("x = " + v, "x=" + v, "" + v);
  }

  private static Instance linearSolve(Draw d, boolean zh) {
    int a = d.between(2, 9);
    int x = d.between(-9, 20);
    int b = d.coin() ? d.between(1, 40) : -d.between(1, 40);
    int c = a * x + b;
    String eq = a + "x " + plus(b) + " = " + c;
    String q = zh ? d.pick("解方程：" + eq + "。", "求x：" + eq + "。") : d.pick("Solve for x: " + eq + ".", "Solve " + eq + ".");
    return new Instance(q, xIs(d, x), program("a = " + a, "b = " + b, "c = " + c, "print((c - b) / a)"));
  }

  private static Instance linearThink(Draw d, boolean zh) {
    String name = d.name(zh);
    int a = d.between(2, 9);
    int x = d.between(2, 30);
    boolean add = d.coin();
    int b = d.between(1, 40);
    int c = add ? a * x + b : a * x - b;
    String q =
        zh
            ? name + "想了一个数，把它乘以" + a + "再" + (add ? "加上" : "减去") + b + "，得到" + c + "。这个数是多少？"
            : name + " thinks of a number, multiplies it by " + a + " and then " + (add ? "adds " : "subtracts ")
                + b + ". The result is " + c + ". What is the number?";
    String answer = zh ? d.pick("" + x, "这个数是" + x) : d.pick("" + x, "The number is " + x);
    return new Instance(
        q, answer, program("a = " + a, "b = " + (add ? b : -b), "c = " + c, "print((c - b) / a)"));
  }

  private static Instance linearBothSides(Draw d, boolean zh) {
    int a = d.between(3, 9);
    int c = d.between(2, a - 1);
    int x = d.between(-9, 15);
    int b = d.coin() ? d.between(1, 30) : -d.between(1, 30);
    int e = a * x + b - c * x;
    String eq = a + "x " + plus(b) + " = " + c + "x " + plus(e);
    String q = zh ? "解方程：" + eq + "。" : d.pick("Solve " + eq + ".", "Find x if " + eq + ".");
    return new Instance(
        q, xIs(d, x), program("a = " + a, "b = " + b, "c = " + c, "d = " + e, "print((d - b) / (a - c))"));
  }

  private static String solution(Draw d, int x, int y, boolean zh) {
    return zh
        ? d.pick("x = " + x + ", y = " + y, "x=" + x + "，y=" + y)
        : d.pick("x = " + x + ", y = " + y, "x=" + x + ", y=" + y, "x = " + x + " and y = " + y);
  }

  private static String cramer(int a, int b, int c, int dd, int e, int f) {
    return program(
        "a = " + a, "b = " + b, "c = " + c, "d = " + dd, "e = " + e, "f = " + f,
        "x = (c * e - b * f) / (a * e - b * d)",
        "y = (a * f - c * d) / (a * e - b * d)",
        "print(\"x =\", x, \"y =\", y)");
  }

  private static Instance systemSolve(Draw d, boolean zh) {
    int x = d.between(-6, 9);
    int y = d.between(-6, 9);
    int a;
    int b;
    int dd;
    int e;
    do {
      a = d.between(2, 7);
      b = d.between(2, 7);
      dd = d.between(2, 7);
      e = d.coin() ? d.between(2, 7) : -d.between(2, 7);
    } while (a * e - b * dd == 0);
    int c = a * x + b * y;
    int f = dd * x + e * y;
    String one = a + "x + " + b + "y = " + c;
    String two = dd + "x " + plusTerm(e, "y") + " = " + f;
    String q =
        zh
            ? d.pick("解方程组：" + one + "，" + two + "。", "已知" + one + "，" + two + "，求x和y。")
            : d.pick("Solve the system: " + one + " and " + two + ".", "Find x and y if " + one + " and " + two + ".");
    return new Instance(q, solution(d, x, y, zh), cramer(a, b, c, dd, e, f));
  }

  private static Instance sumDifference(Draw d, boolean zh) {
    int x = d.between(5, 40);
    int y = d.between(1, x - 1);
    String q =
        zh
            ? "两个数x和y的和是" + (x + y) + "，x - y = " + (x - y) + "，求x和y。"
            : "The sum of two numbers x and y is " + (x + y) + " and x - y = " + (x - y) + ". Find x and y.";
    return new Instance(
        q,
        solution(d, x, y, zh),
        program("s = " + (x + y), "d = " + (x - y), "x = (s + d) / 2", "y = (s - d) / 2", "print(\"x =\", x, \"y =\", y)"));
  }

  private static Instance prices(Draw d, boolean zh) {
    int x = d.between(1, 12);
    int y = d.between(1, 12);
    int a;
    int b;
    int dd;
    int e;
    do {
      a = d.between(2, 6);
      b = d.between(2, 6);
      dd = d.between(2, 6);
      e = d.between(2, 6);
    } while (a * e - b * dd == 0);
    int c = a * x + b * y;
    int f = dd * x + e * y;
    String q =
        zh
            ? a + "支笔和" + b + "本书共" + c + "元，" + dd + "支笔和" + e + "本书共" + f + "元。设每支笔x元，每本书y元，求x和y。"
            : a + " pens and " + b + " books cost " + c + " dollars. " + dd + " pens and " + e + " books cost " + f
                + " dollars. Let x be the price of a pen and y the price of a book. Find x and y.";
    return new Instance(q, solution(d, x, y, zh), cramer(a, b, c, dd, e, f));
  }

  private static String roots(Draw d, int r1, int r2, boolean zh) {
    if (r1 == -r2) {
      int r = Math.abs(r1);
      return zh
          ? d.pick("x = " + r + " 或 x = -" + r, "x=±" + r, "±" + r, r + ", -" + r)
          : d.pick("x = " + r + " or x = -" + r, "x = ±" + r, "±" + r, r + ", -" + r, "-" + r + " and " + r);
    }
    return zh
        ? d.pick("x = " + r1 + " 或 x = " + r2, r1 + ", " + r2, "x=" + r1 + "或x=" + r2)
        : d.pick("x = " + r1 + " or x = " + r2, r1 + ", " + r2, r1 + " and " + r2, "x=" + r1 + " or x=" + r2);
  }

  private static String squared(Draw d) {
    return d.pick("x²", "x^2");
  }

  private static Instance square(Draw d, boolean zh) {
    int r = d.between(1, 30);
    int a = d.coin() ? 1 : d.between(2, 5);
    String eq = (a == 1 ? "" : "" + a) + squared(d) + " = " + (a * r * r);
    String q = zh ? d.pick("解方程" + eq + "。", "求方程" + eq + "的解。") : d.pick("Solve " + eq + ".", "Find all x with " + eq + ".");
    String prog =
        a == 1
            ? program("c = " + r * r, "r = c ** 0.5", "print(r, -r)")
            : program("a = " + a, "c = " + a * r * r, "r = (c / a) ** 0.5", "print(r, -r)");
    return new Instance(q, roots(d, r, -r, zh), prog);
  }

  private static Instance numberSquared(Draw d, boolean zh) {
    int r = d.between(2, 40);
    int c = r * r;
    String q =
        zh
            ? d.pick("一个数的平方是" + c + "，这个数是多少？", "哪些数的平方等于" + c + "？")
            : d.pick("A number squared is " + c + ". What can the number be?", "Which numbers have a square of " + c + "?");
    return new Instance(q, roots(d, r, -r, zh), program("c = " + c, "r = c ** 0.5", "print(r, -r)"));
  }

  private static Instance shifted(Draw d, boolean zh) {
    int h = d.coin() ? d.between(1, 9) : -d.between(1, 9);
    int r;
    do {
      r = d.between(1, 12);
    } while (r == Math.abs(h));
    String eq = "(x " + plus(-h) + ")" + squared(d).substring(1) + " = " + r * r;
    String q = zh ? "解方程" + eq + "。" : d.pick("Solve " + eq + ".", "Find all x with " + eq + ".");
    return new Instance(
        q, roots(d, h + r, h - r, zh), program("h = " + h, "c = " + r * r, "r = c ** 0.5", "print(h + r, h - r)"));
  }

  private static Instance general(Draw d, boolean zh) {
    int r1;
    int r2;
    do {
      r1 = d.between(-9, 9);
      r2 = d.between(-9, 9);
    } while (r1 == 0 || r2 == 0 || r1 == r2 || Math.abs(r1 + r2) <= 1); // no implicit coefficient 1
    int b = -(r1 + r2);
    int c = r1 * r2;
    String eq = squared(d) + " " + plusTerm(b, "x") + " " + plus(c) + " = 0";
    String q = zh ? d.pick("解方程" + eq + "。", "求方程" + eq + "的两个根。") : d.pick("Solve " + eq + ".", "Find the roots of " + eq + ".");
    return new Instance(
        q,
        roots(d, Math.max(r1, r2), Math.min(r1, r2), zh),
        program("b = " + b, "c = " + c, "d = (b * b - 4 * c) ** 0.5", "print((-b + d) / 2, (-b - d) / 2)"));
  }

  /** The solution set "x op v" in one of its written forms. */
  private static String ray(Draw d, String op, int v) {
    String up = d.pick("∞", "+∞");
    switch (op) {
      case ">":
        return d.pick("x > " + v, "x>" + v, "(" + v + ", " + up + ")");
      case ">=":
      case "≥":
        return d.pick("x ≥ " + v, "x >= " + v, "[" + v + ", " + up + ")");
      case "<":
        return d.pick("x < " + v, "x<" + v, "(-∞, " + v + ")");
      default:
        return d.pick("x ≤ " + v, "x <= " + v, "(-∞, " + v + "]");
    }
  }

  private static Instance inequality(Draw d, boolean zh) {
    int a = d.between(2, 9);
    int x = d.between(-9, 15);
    int b = d.coin() ? d.between(1, 30) : -d.between(1, 30);
    int c = a * x + b;
    String op = d.pick(">", "<", ">=", "<=", "≥", "≤");
    String ineq = a + "x " + plus(b) + " " + op + " " + c;
    String q = zh ? d.pick("解不等式：" + ineq + "。", "解不等式" + ineq + "。") : d.pick("Solve " + ineq + ".", "Solve for x: " + ineq + ".");
    return new Instance(
        q,
        ray(d, op, x),
        program("a = " + a, "b = " + b, "c = " + c, "print(\"x " + op + "\", (c - b) / a)"));
  }

  private static Instance inequalityWords(Draw d, boolean zh) {
    int a = d.between(2, 9);
    int x = d.between(-9, 15);
    int b = d.coin() ? d.between(1, 30) : -d.between(1, 30);
    int c = a * x + b;
    int k = d.between(0, 3);
    String op = List.of(">", "<", ">=", "<=").get(k);
    String expr = a + "x " + plus(b);
    String q =
        zh
            ? "x取什么值时，" + expr + List.of("大于", "小于", "不小于", "不大于").get(k) + c + "？"
            : "For which x is " + expr + " " + List.of("greater than", "less than", "at least", "at most").get(k)
                + " " + c + "?";
    return new Instance(
        q,
        ray(d, op, x),
        program("a = " + a, "b = " + b, "c = " + c, "print(\"x " + op + "\", (c - b) / a)"));
  }

  private static Instance doubleInequality(Draw d, boolean zh) {
    int a = d.between(2, 5);
    int b = d.coin() ? d.between(1, 9) : -d.between(1, 9);
    int lo = d.between(-5, 8);
    int hi = lo + d.between(1, 6);
    boolean leftStrict = d.coin();
    boolean rightStrict = d.coin();
    boolean ascii = d.coin();
    String le = ascii ? "<=" : "≤";
    String leftOp = leftStrict ? "<" : le;
    String rightOp = rightStrict ? "<" : le;
    String ineq = (a * lo + b) + " " + leftOp + " " + a + "x " + plus(b) + " " + rightOp + " " + (a * hi + b);
    String q = zh ? "解不等式：" + ineq + "。" : d.pick("Solve " + ineq + ".", "Find all x with " + ineq + ".");
    String open = leftStrict ? "(" : "[";
    String close = rightStrict ? ")" : "]";
    String interval = open + lo + ", " + hi + close;
    String answer =
        d.pick(
            interval,
            "x ∈ " + interval,
            lo + " " + (leftStrict ? "<" : "≤") + " x " + (rightStrict ? "<" : "≤") + " " + hi);
    return new Instance(
        q,
        answer,
        program(
            "a = " + a, "b = " + b, "lo = " + (a * lo + b), "hi = " + (a * hi + b),
            "print(\"" + open + "\" + str((lo - b) / a) + \", \" + str((hi - b) / a) + \"" + close + "\")"));
  }
}
