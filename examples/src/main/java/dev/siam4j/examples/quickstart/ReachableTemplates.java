package dev.siam4j.examples.quickstart;

import static dev.siam4j.examples.quickstart.ArithmeticTemplates.fraction;
import static dev.siam4j.examples.quickstart.ArithmeticTemplates.money;
import static dev.siam4j.examples.quickstart.Draw.decimal;
import static dev.siam4j.examples.quickstart.Draw.plus;
import static dev.siam4j.examples.quickstart.Draw.program;

import dev.siam4j.examples.quickstart.Template.Instance;
import java.util.List;

/**
 * Templates of {@link Group#REACHABLE}: problem types the seed split never shows whose programs
 * combine two or three seed skills (a percentage of a sum, a conversion of a sum, a conversion
 * followed by a percentage, two unknowns where the seed templates have one, three fractions where
 * they add two), in phrasings of their own. Every question, answer and program uses only words
 * and operations the seed templates already have, so the seed model can write each program token
 * by token; whether it does is what {@code QuickstartModels measure} shows.
 */
final class ReachableTemplates {
  private ReachableTemplates() {}

  static List<Template> all() {
    return List.of(
        new Template("percentages.of-sum", "percentages", Group.REACHABLE, ReachableTemplates::percentOfSum),
        new Template("fractions.add-three", "fractions", Group.REACHABLE, ReachableTemplates::fractionAddThree),
        new Template("linear.two", "linear", Group.REACHABLE, ReachableTemplates::linearTwo),
        new Template("quadratics.scaled", "quadratics", Group.REACHABLE, ReachableTemplates::scaledSquare),
        new Template("units.km-sum", "units", Group.REACHABLE, ReachableTemplates::kilometreSum),
        new Template("units.km-percent", "units", Group.REACHABLE, ReachableTemplates::kilometrePercent),
        new Template("ratios.share-total", "ratios", Group.REACHABLE, ReachableTemplates::ratioTotal),
        new Template("arithmetic.buy-two", "arithmetic", Group.REACHABLE, ReachableTemplates::buyTwo),
        new Template("counting.choose-two", "counting", Group.REACHABLE, ReachableTemplates::chooseTwo));
  }

  /** A percentage (seed: percentages.of) of a sum (seed: arithmetic.buy). */
  private static Instance percentOfSum(Draw d, boolean zh) {
    int p = 5 * d.between(1, 19);
    int sum = 20 * d.between(2, 25);
    int a = d.between(1, sum - 1);
    int b = sum - a;
    String q =
        zh
            ? d.pick("(" + a + " + " + b + ")的" + p + "%是多少？", "求" + a + " + " + b + "的" + p + "%。")
            : d.pick("What is " + p + "% of " + a + " + " + b + "?", "Find " + p + "% of the sum of " + a + " and " + b + ".");
    return new Instance(
        q, "" + (p * sum / 100), program("p = " + p, "a = " + a, "b = " + b, "print(p * (a + b) / 100)"));
  }

  /** Three fractions where the seed template adds two. */
  private static Instance fractionAddThree(Draw d, boolean zh) {
    int[] num = new int[3];
    int[] den = new int[3];
    for (int i = 0; i < 3; i++) {
      den[i] = d.between(2, 9);
      num[i] = d.between(1, den[i] - 1);
    }
    String f0 = num[0] + "/" + den[0];
    String f1 = num[1] + "/" + den[1];
    String f2 = num[2] + "/" + den[2];
    String q =
        zh
            ? d.pick("计算：" + f0 + " + " + f1 + " + " + f2 + " = ？", f0 + "加" + f1 + "再加" + f2 + "等于多少？")
            : d.pick("What is " + f0 + " + " + f1 + " + " + f2 + "?", "Add " + f0 + ", " + f1 + " and " + f2 + ".");
    int n = num[0] * den[1] * den[2] + num[1] * den[0] * den[2] + num[2] * den[0] * den[1];
    int m = den[0] * den[1] * den[2];
    return new Instance(
        q,
        fraction(d, n, m),
        program(
            "from fractions import Fraction",
            "print(Fraction(" + num[0] + ", " + den[0] + ") + Fraction(" + num[1] + ", " + den[1] + ") + Fraction("
                + num[2] + ", " + den[2] + "))"));
  }

  /** Two unknowns, each in its own linear equation (seed: linear.solve, once for each). */
  private static Instance linearTwo(Draw d, boolean zh) {
    int a = d.between(2, 9);
    int x = d.between(-9, 20);
    int b = d.coin() ? d.between(1, 40) : -d.between(1, 40);
    int dd = d.between(2, 9);
    int y = d.between(-9, 20);
    int e = d.coin() ? d.between(1, 40) : -d.between(1, 40);
    String one = a + "x " + plus(b) + " = " + (a * x + b);
    String two = dd + "y " + plus(e) + " = " + (dd * y + e);
    String q =
        zh
            ? d.pick("已知" + one + "，" + two + "，求x和y。", "解方程：" + one + "，" + two + "。")
            : d.pick("Solve for x and y: " + one + " and " + two + ".", "Find x and y if " + one + " and " + two + ".");
    String answer =
        zh ? d.pick("x = " + x + ", y = " + y, "x=" + x + "，y=" + y) : d.pick("x = " + x + ", y = " + y, "x = " + x + " and y = " + y);
    return new Instance(
        q,
        answer,
        program(
            "a = " + a, "b = " + b, "c = " + (a * x + b), "x = (c - b) / a",
            "d = " + dd, "e = " + e, "f = " + (dd * y + e), "y = (f - e) / d",
            "print(\"x =\", x, \"y =\", y)"));
  }

  /** A square with a coefficient and a constant term: a linear step, then a square root. */
  private static Instance scaledSquare(Draw d, boolean zh) {
    int r = d.between(1, 12);
    int a = d.between(2, 5);
    int b = d.coin() ? d.between(1, 30) : -d.between(1, 30);
    String eq = a + d.pick("x²", "x^2") + " " + plus(b) + " = " + (a * r * r + b);
    String q = zh ? d.pick("解方程" + eq + "。", "求方程" + eq + "的解。") : d.pick("Solve " + eq + ".", "Find all x with " + eq + ".");
    String answer =
        zh ? d.pick("x = " + r + " 或 x = -" + r, "±" + r, r + ", -" + r) : d.pick("x = " + r + " or x = -" + r, "x = ±" + r, "±" + r);
    return new Instance(
        q, answer, program("a = " + a, "b = " + b, "c = " + (a * r * r + b), "r = ((c - b) / a) ** 0.5", "print(r, -r)"));
  }

  /** A distance in tenths of a kilometre: "2.5" or "7". */
  private static int tenths(Draw d) {
    return d.coin() ? 10 * d.between(1, 20) : d.between(11, 49);
  }

  /** The sum of two distances (seed: arithmetic) in meters (seed: units.km). */
  private static Instance kilometreSum(Draw d, boolean zh) {
    String name = d.name(zh);
    int t1 = tenths(d);
    int t2 = tenths(d);
    String a = decimal(t1, 10);
    String b = decimal(t2, 10);
    long v = 100L * (t1 + t2);
    String q =
        zh
            ? name + "先跑了" + a + "公里，又跑了" + b + "公里，一共合多少米？"
            : name + " runs " + a + " km and then " + b + " km. How far is that in meters?";
    String answer = zh ? d.pick(v + "米", v + " 米", v + " m") : d.pick(v + " m", v + " meters", "" + v);
    return new Instance(q, answer, program("a = " + a, "b = " + b, "print(round((a + b) * 1000))"));
  }

  /** A conversion (seed: units.km) followed by a percentage (seed: percentages.of). */
  private static Instance kilometrePercent(Draw d, boolean zh) {
    int t = tenths(d);
    String km = decimal(t, 10);
    int p = 5 * d.between(1, 19);
    long v = (long) t * p; // t tenths of a km is 100 t meters; p% of it
    String q =
        zh
            ? d.pick(km + "千米的" + p + "%是多少米？", "求" + km + "千米的" + p + "%，合多少米？")
            : d.pick("What is " + p + "% of " + km + " km in meters?", "How many meters are in " + p + "% of " + km + " km?");
    String answer = zh ? d.pick(v + "米", v + " 米", v + " m") : d.pick(v + " m", v + " meters", "" + v);
    return new Instance(q, answer, program("d = " + km, "p = " + p, "print(round(d * 1000 * p / 100))"));
  }

  /** A ratio (seed: ratios.share) and then a sum of both parts. */
  private static Instance ratioTotal(Draw d, boolean zh) {
    int a = d.between(2, 9);
    int b = d.between(2, 9);
    int k = d.between(2, 12);
    int x = a * k;
    int v = (a + b) * k;
    String q =
        zh
            ? "一个班男生人数和女生人数的比是" + a + ":" + b + "，男生有" + x + "人，这个班一共有多少人？"
            : "The ratio of boys to girls in a class is " + a + ":" + b + ". There are " + x
                + " boys. How many students are there in the class?";
    String answer = zh ? d.pick("" + v, v + "人", v + " 人") : d.pick("" + v, v + " students");
    return new Instance(q, answer, program("a = " + a, "b = " + b, "x = " + x, "print(x + x * b / a)"));
  }

  /** Two purchases where the seed template has one (seed: arithmetic.buy). */
  private static Instance buyTwo(Draw d, boolean zh) {
    String name = d.name(zh);
    Draw.Item one = d.item();
    Draw.Item two = d.item();
    while (two.equals(one)) {
      two = d.item();
    }
    int n = d.between(2, 9);
    int p = d.between(2, 12);
    int m = d.between(2, 9);
    int r = d.between(2, 12);
    String q =
        zh
            ? name + "买了" + n + one.measure() + one.zh() + "，每" + one.measure() + p + "元，又买了" + m + two.measure()
                + two.zh() + "，每" + two.measure() + r + "元。" + name + "一共花了多少元？"
            : name + " buys " + n + " " + one.many() + " at " + p + " dollars each and " + m + " " + two.many() + " at " + r
                + " dollars each. How many dollars does " + name + " spend?";
    return new Instance(
        q, money(d, n * p + m * r, zh), program("a = " + n, "b = " + p, "c = " + m, "d = " + r, "print(a * b + c * d)"));
  }

  /** Two choices made one after the other (seed: counting.choose, twice, multiplied). */
  private static Instance chooseTwo(Draw d, boolean zh) {
    int n = d.between(4, 9);
    int k = d.between(2, 3);
    int m = d.between(4, 9);
    int j = d.between(2, 3);
    long v = comb(n, k) * comb(m, j);
    String q =
        zh
            ? "从" + n + "本不同的书中选出" + k + "本，再从" + m + "支不同的笔中选出" + j + "支，有多少种选法？"
            : "In how many ways can " + k + " books be chosen from " + n + " different books and " + j + " pens from " + m
                + " different pens?";
    String answer = zh ? d.pick("" + v, v + "种", v + " 种") : d.pick("" + v, v + " ways");
    return new Instance(
        q, answer, program("import math", "print(math.comb(" + n + ", " + k + ") * math.comb(" + m + ", " + j + "))"));
  }

  private static long comb(int n, int k) {
    long v = 1;
    for (int i = 0; i < k; i++) {
      v = v * (n - i) / (i + 1);
    }
    return v;
  }
}
