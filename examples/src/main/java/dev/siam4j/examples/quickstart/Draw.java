package dev.siam4j.examples.quickstart;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/** Seeded choices for the templates: integers in ranges, picks from lists, names, items. */
final class Draw {
  private static final List<String> NAMES_EN = List.of("Tom", "Anna", "Ben", "Lily", "Sam", "Mia");
  private static final List<String> NAMES_ZH = List.of("小明", "小红", "小刚", "小丽", "小华", "小军");

  /** Something to buy: English singular and plural, Chinese noun and its measure word. */
  record Item(String one, String many, String zh, String measure) {}

  private static final List<Item> ITEMS =
      List.of(
          new Item("apple", "apples", "苹果", "个"),
          new Item("pen", "pens", "笔", "支"),
          new Item("book", "books", "书", "本"),
          new Item("cake", "cakes", "蛋糕", "块"));

  private final Random random;

  Draw(Random random) {
    this.random = random;
  }

  /** @return an integer in [lo, hi] */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  /** @return true or false, even odds */
  boolean coin() {
    return random.nextBoolean();
  }

  @SafeVarargs
  final <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  String name(boolean zh) {
    List<String> names = zh ? NAMES_ZH : NAMES_EN;
    return names.get(random.nextInt(names.size()));
  }

  /** @return a name other than {@code other} */
  String otherName(boolean zh, String other) {
    String n = name(zh);
    while (n.equals(other)) {
      n = name(zh);
    }
    return n;
  }

  Item item() {
    return ITEMS.get(random.nextInt(ITEMS.size()));
  }

  static int gcd(int a, int b) {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** @return {@code num / den} in plain decimal notation; the quotient must terminate */
  static String decimal(long num, long den) {
    return new BigDecimal(num).divide(new BigDecimal(den)).stripTrailingZeros().toPlainString();
  }

  /** @return "+ 5" or "- 5" for a signed term added to what precedes it */
  static String plus(int v) {
    return v < 0 ? "- " + (-v) : "+ " + v;
  }

  /** @return "+ 3x", "- x" for a signed coefficient of {@code var} that follows another term */
  static String plusTerm(int coef, String var) {
    int a = Math.abs(coef);
    return (coef < 0 ? "- " : "+ ") + (a == 1 ? "" : Integer.toString(a)) + var;
  }

  /** @return the lines of a program, joined by line feeds */
  static String program(String... lines) {
    return String.join("\n", lines);
  }
}
