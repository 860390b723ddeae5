package dev.siam4j.examples.quickstart;

import static dev.siam4j.examples.quickstart.Draw.decimal;
import static dev.siam4j.examples.quickstart.Draw.program;

import dev.siam4j.examples.quickstart.Template.Instance;
import java.util.List;

/** Templates for arithmetic, fractions, percentages, ratios and unit conversion. */
final class ArithmeticTemplates {
  private ArithmeticTemplates() {}

  static List<Template> all() {
    return List.of(
        new Template("arithmetic.buy", "arithmetic", Group.SEEN, ArithmeticTemplates::buy),
        new Template("arithmetic.buy-total", "arithmetic", Group.PARAPHRASE, ArithmeticTemplates::buyTotal),
        new Template("arithmetic.change", "arithmetic", Group.PARAPHRASE, ArithmeticTemplates::change),
        new Template("arithmetic.average", "arithmetic", Group.NEW, ArithmeticTemplates::average),
        new Template("fractions.add", "fractions", Group.SEEN, ArithmeticTemplates::fractionAdd),
        new Template("fractions.pizza", "fractions", Group.PARAPHRASE, ArithmeticTemplates::fractionPizza),
        new Template("fractions.of", "fractions", Group.NEW, ArithmeticTemplates::fractionOf),
        new Template("percentages.of", "percentages", Group.SEEN, ArithmeticTemplates::percentOf),
        new Template("percentages.discount", "percentages", Group.PARAPHRASE, ArithmeticTemplates::discount),
        new Template("percentages.what", "percentages", Group.NEW, ArithmeticTemplates::whatPercent),
        new Template("ratios.share", "ratios", Group.SEEN, ArithmeticTemplates::ratioShare),
        new Template("ratios.mix", "ratios", Group.PARAPHRASE, ArithmeticTemplates::ratioMix),
        new Template("ratios.split", "ratios", Group.NEW, ArithmeticTemplates::ratioSplit),
        new Template("ratios.simplify", "ratios", Group.NEW, ArithmeticTemplates::ratioSimplify),
        new Template("units.km", "units", Group.SEEN, ArithmeticTemplates::kilometres),
        new Template("units.run", "units", Group.PARAPHRASE, ArithmeticTemplates::run),
        new Template("units.kg", "units", Group.PARAPHRASE, ArithmeticTemplates::kilograms),
        new Template("units.hours", "units", Group.NEW, ArithmeticTemplates::hours));
  }

  static String money(Draw d, long v, boolean zh) {
    return zh ? d.pick(v + " 元", v + "元", "" + v) : d.pick("" + v, v + " dollars", "$" + v);
  }

  static String fraction(Draw d, int num, int den) {
    int g = Draw.gcd(num, den);
    num /= g;
    den /= g;
    if (den == 1) {
      return "" + num;
    }
    int rest = den;
    while (rest % 2 == 0) {
      rest /= 2;
    }
    while (rest % 5 == 0) {
      rest /= 5;
    }
    return rest == 1
        ? d.pick(num + "/" + den, num + " / " + den, decimal(num, den))
        : d.pick(num + "/" + den, num + " / " + den);
  }

  private static Instance buy(Draw d, boolean zh) {
    String name = d.name(zh);
    Draw.Item item = d.item();
    int n = d.between(2, 12);
    int p = d.between(2, 15);
    int m = d.between(1, 9);
    String q =
        zh
            ? name + "买了" + n + item.measure() + item.zh() + "，每" + item.measure() + p + "元，又花"
                + m + "元买了一个袋子。" + name + "一共花了多少元？"
            : name + " buys " + n + " " + item.many() + " at " + p + " dollars each and pays " + m
                + " dollars for a bag. How many dollars does " + name + " spend?";
    return new Instance(
        q, money(d, n * p + m, zh), program("n = " + n, "p = " + p, "m = " + m, "print(n * p + m)"));
  }

  private static Instance buyTotal(Draw d, boolean zh) {
    String name = d.name(zh);
    Draw.Item item = d.item();
    int n = d.between(2, 12);
    int p = d.between(2, 15);
    int m = d.between(1, 9);
    String q =
        zh
            ? "一" + item.measure() + item.zh() + p + "元。" + name + "买" + n + item.measure() + "，再买一个"
                + m + "元的袋子，一共要付多少元？"
            : "One " + item.one() + " costs " + p + " dollars. " + name + " takes " + n + " " + item.many()
                + " and a bag that costs " + m + " dollars. What is the total cost?";
    return new Instance(
        q, money(d, n * p + m, zh), program("n = " + n, "p = " + p, "m = " + m, "print(n * p + m)"));
  }

  private static Instance change(Draw d, boolean zh) {
    String name = d.name(zh);
    Draw.Item item = d.item();
    int n = d.between(2, 9);
    int p = d.between(2, 12);
    int b = n * p + d.between(1, 40);
    String q =
        zh
            ? name + "有" + b + "元，买了" + n + item.measure() + item.zh() + "，每" + item.measure() + p
                + "元，还剩多少元？"
            : name + " has " + b + " dollars and buys " + n + " " + item.many() + " at " + p
                + " dollars each. How many dollars are left?";
    return new Instance(
        q, money(d, b - n * p, zh), program("b = " + b, "n = " + n, "p = " + p, "print(b - n * p)"));
  }

  private static Instance average(Draw d, boolean zh) {
    String name = d.name(zh);
    int a = d.between(50, 100);
    int b = d.between(50, 100);
    int c = d.between(52, 100);
    c -= (a + b + c) % 3;
    int v = (a + b + c) / 3;
    String q =
        zh
            ? name + "三次测验分别得了" + a + "分、" + b + "分和" + c + "分，平均分是多少？"
            : name + " scores " + a + ", " + b + " and " + c + " on three tests. What is the average score?";
    String answer = zh ? d.pick("" + v, v + "分", v + " 分") : d.pick("" + v, v + " points");
    return new Instance(
        q, answer, program("a = " + a, "b = " + b, "c = " + c, "print((a + b + c) / 3)"));
  }

  private static Instance fractionAdd(Draw d, boolean zh) {
    int b = d.between(2, 12);
    int a = d.between(1, b - 1);
    int dd = d.between(2, 12);
    int c = d.between(1, dd - 1);
    String sum = a + "/" + b + " + " + c + "/" + dd;
    String q =
        zh
            ? d.pick("计算：" + sum + " = ？", a + "/" + b + "加" + c + "/" + dd + "等于多少？")
            : d.pick("What is " + sum + "?", "Add " + a + "/" + b + " and " + c + "/" + dd + ".");
    return new Instance(
        q,
        fraction(d, a * dd + c * b, b * dd),
        program(
            "from fractions import Fraction",
            "print(Fraction(" + a + ", " + b + ") + Fraction(" + c + ", " + dd + "))"));
  }

  private static Instance fractionPizza(Draw d, boolean zh) {
    String name = d.name(zh);
    int a;
    int b;
    int c;
    int dd;
    do {
      b = d.between(2, 12);
      a = d.between(1, b - 1);
      dd = d.between(2, 12);
      c = d.between(1, dd - 1);
    } while (a * dd + c * b > b * dd);
    String q =
        zh
            ? name + "先吃了一个披萨的" + a + "/" + b + "，后来又吃了" + c + "/" + dd + "，一共吃了这个披萨的几分之几？"
            : name + " eats " + a + "/" + b + " of a pizza and later " + c + "/" + dd
                + " of the same pizza. What fraction of the pizza has " + name + " eaten?";
    return new Instance(
        q,
        fraction(d, a * dd + c * b, b * dd),
        program(
            "from fractions import Fraction",
            "print(Fraction(" + a + ", " + b + ") + Fraction(" + c + ", " + dd + "))"));
  }

  private static Instance fractionOf(Draw d, boolean zh) {
    int b = d.between(2, 9);
    int a = d.between(1, b - 1);
    int n = b * d.between(2, 12);
    String q =
        zh
            ? d.pick(n + "的" + a + "/" + b + "是多少？", "求" + n + "的" + a + "/" + b + "。")
            : d.pick("What is " + a + "/" + b + " of " + n + "?", "Find " + a + "/" + b + " of " + n + ".");
    return new Instance(
        q,
        "" + (n / b * a),
        program("from fractions import Fraction", "print(Fraction(" + a + ", " + b + ") * " + n + ")"));
  }

  private static Instance percentOf(Draw d, boolean zh) {
    int p = 5 * d.between(1, 19);
    int n = 20 * d.between(1, 25);
    String q =
        zh
            ? d.pick(n + "的" + p + "%是多少？", "求" + n + "的" + p + "%。")
            : d.pick("What is " + p + "% of " + n + "?", "Find " + p + "% of " + n + ".");
    return new Instance(q, "" + (p * n / 100), program("p = " + p, "n = " + n, "print(p * n / 100)"));
  }

  private static Instance discount(Draw d, boolean zh) {
    int n = 20 * d.between(2, 30);
    int p = 5 * d.between(1, 15);
    String q =
        zh
            ? "一件外套原价" + n + "元，促销时降价" + p + "%，现价是多少元？"
            : "A coat costs " + n + " dollars. In a sale the price is cut by " + p
                + "%. What is the sale price?";
    return new Instance(
        q, money(d, n - n * p / 100, zh), program("n = " + n, "p = " + p, "print(n - n * p / 100)"));
  }

  private static Instance whatPercent(Draw d, boolean zh) {
    String name = d.name(zh);
    int b = d.pick(4, 5, 8, 10, 20, 25, 40, 50);
    int a = d.between(1, b - 1);
    String v = decimal(100L * a, b);
    String q =
        zh
            ? name + "答对了" + b + "道题中的" + a + "道，正确率是百分之几？"
            : name + " answers " + a + " of " + b + " questions correctly. What percent is that?";
    String answer = zh ? d.pick(v + "%", "百分之" + v) : d.pick(v + "%", v + " %", v + " percent");
    return new Instance(q, answer, program("a = " + a, "b = " + b, "print(a / b * 100, \"%\")"));
  }

  private static Instance ratioShare(Draw d, boolean zh) {
    int a = d.between(2, 9);
    int b = d.between(2, 9);
    int k = d.between(2, 12);
    int x = a * k;
    int v = b * k;
    String q =
        zh
            ? "一个班男生人数和女生人数的比是" + a + ":" + b + "，男生有" + x + "人，女生有多少人？"
            : "The ratio of boys to girls in a class is " + a + ":" + b + ". There are " + x
                + " boys. How many girls are there?";
    String answer = zh ? d.pick("" + v, v + "人", v + " 人") : d.pick("" + v, v + " girls");
    return new Instance(q, answer, program("a = " + a, "b = " + b, "x = " + x, "print(x * b / a)"));
  }

  private static Instance ratioMix(Draw d, boolean zh) {
    int a = d.between(2, 9);
    int b = d.between(2, 9);
    int k = d.between(2, 12);
    int x = a * k;
    int v = b * k;
    String q =
        zh
            ? "果汁和水按" + a + "比" + b + "调配，用了" + x + "杯果汁，需要多少杯水？"
            : "A drink is made of juice and water in the ratio " + a + " to " + b + ". " + x
                + " cups of juice are used. How many cups of water are needed?";
    String answer = zh ? d.pick("" + v, v + "杯") : d.pick("" + v, v + " cups");
    return new Instance(q, answer, program("a = " + a, "b = " + b, "x = " + x, "print(x * b / a)"));
  }

  private static Instance ratioSplit(Draw d, boolean zh) {
    String name = d.name(zh);
    String other = d.otherName(zh, name);
    int a = d.between(1, 9);
    int b = d.between(1, 9);
    int k = d.between(2, 20);
    int t = (a + b) * k;
    String q =
        zh
            ? name + "和" + other + "按" + a + ":" + b + "分" + t + "元，" + name + "分到多少元？"
            : name + " and " + other + " share " + t + " dollars in the ratio " + a + ":" + b
                + ". How many dollars does " + name + " get?";
    return new Instance(
        q, money(d, a * k, zh), program("t = " + t, "a = " + a, "b = " + b, "print(t * a / (a + b))"));
  }

  private static Instance ratioSimplify(Draw d, boolean zh) {
    int a;
    int b;
    do {
      a = d.between(1, 9);
      b = d.between(1, 9);
    } while (a == b || Draw.gcd(a, b) != 1);
    int g = d.between(2, 12);
    int ga = a * g;
    int gb = b * g;
    String q =
        zh
            ? d.pick("化简比" + ga + ":" + gb + "。", "把" + ga + ":" + gb + "化成最简整数比。")
            : d.pick("Simplify the ratio " + ga + ":" + gb + ".", "Write " + ga + ":" + gb + " in simplest form.");
    String answer =
        zh ? d.pick(a + ":" + b, a + " : " + b, a + "比" + b) : d.pick(a + ":" + b, a + " : " + b, a + " to " + b);
    return new Instance(
        q,
        answer,
        program(
            "import math",
            "a = " + ga,
            "b = " + gb,
            "g = math.gcd(a, b)",
            "print(a // g, \":\", b // g)"));
  }

  /** A distance or weight in tenths: "2.5" or "7". */
  private static int tenths(Draw d) {
    return d.coin() ? 10 * d.between(2, 40) : d.between(11, 99);
  }

  private static Instance kilometres(Draw d, boolean zh) {
    int t = tenths(d);
    String km = decimal(t, 10);
    long v = 100L * t;
    String q =
        zh
            ? d.pick(km + "千米等于多少米？", "把" + km + "千米换算成米。")
            : d.pick("How many meters are in " + km + " km?", "Convert " + km + " km to meters.");
    String answer = zh ? d.pick(v + "米", v + " 米", v + " m") : d.pick(v + " m", v + " meters", "" + v);
    return new Instance(q, answer, program("d = " + km, "print(round(d * 1000))"));
  }

  private static Instance run(Draw d, boolean zh) {
    String name = d.name(zh);
    int t = tenths(d);
    String km = decimal(t, 10);
    long v = 100L * t;
    String q =
        zh
            ? name + "跑了" + km + "公里，合多少米？"
            : name + " runs " + km + " kilometers. How far is that in meters?";
    String answer = zh ? d.pick(v + "米", v + " 米", v + " m") : d.pick(v + " m", v + " meters", "" + v);
    return new Instance(q, answer, program("d = " + km, "print(round(d * 1000))"));
  }

  private static Instance kilograms(Draw d, boolean zh) {
    int t = tenths(d);
    String kg = decimal(t, 10);
    long v = 100L * t;
    String q =
        zh
            ? "一袋大米重" + kg + "千克，合多少克？"
            : "A bag of rice weighs " + kg + " kg. How many grams is that?";
    String answer = zh ? d.pick(v + "克", v + " g", "" + v) : d.pick(v + " g", v + " grams", "" + v);
    return new Instance(q, answer, program("w = " + kg, "print(round(w * 1000))"));
  }

  private static Instance hours(Draw d, boolean zh) {
    int context = d.between(0, 2);
    int m = 15 * d.between(5, List.of(16, 40, 32).get(context)); // a film of at most 4 hours
    String v = decimal(m, 60);
    String q =
        zh
            ? List.of("一部电影长", "一次火车旅行用了", "一次徒步用了").get(context) + m + "分钟，是多少小时？"
            : List.of("A film lasts ", "A train trip takes ", "A hike takes ").get(context) + m
                + " minutes. How many hours is that?";
    String answer = zh ? d.pick(v + "小时", v + " 小时", v) : d.pick(v + " hours", v + " h", v);
    return new Instance(q, answer, program("m = " + m, "print(m / 60)"));
  }
}
