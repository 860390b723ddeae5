package dev.siam4j.critic.equivalence;

import java.math.BigInteger;

/** Reads Chinese numerals written out ("十八", "一百二十三", "三千零五", "两万"). Stateless. */
final class ChineseNumerals {
  private static final String DIGITS = "零一二三四五六七八九";
  private static final String UNIT_CHARS = "个元米人天岁只本辆块张件次页名颗条棵头匹位分角克吨升";

  private ChineseNumerals() {}

  /**
   * @return {@code s} with a whole-answer Chinese numeral (optionally followed by one measure
   *     character) replaced by its digits, or {@code s} unchanged
   */
  static String replaceWhole(String s) {
    String t = s.strip();
    String suffix = "";
    if (t.length() > 1 && UNIT_CHARS.indexOf(t.charAt(t.length() - 1)) >= 0) {
      suffix = t.substring(t.length() - 1);
      t = t.substring(0, t.length() - 1).strip();
    }
    if (t.isEmpty()) {
      return s;
    }
    for (int i = 0; i < t.length(); i++) {
      if (!isNumeral(t.charAt(i))) {
        return s;
      }
    }
    BigInteger v = value(t);
    return v == null ? s : v + suffix;
  }

  static boolean isNumeral(char c) {
    return DIGITS.indexOf(c) >= 0 || c == '〇' || c == '两' || c == '十' || c == '百' || c == '千' || c == '万' || c == '亿';
  }

  /** @return the value, or null when the characters do not form a numeral */
  static BigInteger value(String t) {
    BigInteger total = BigInteger.ZERO;
    BigInteger section = BigInteger.ZERO; // below 万
    long digit = -1;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      int d = c == '〇' ? 0 : c == '两' ? 2 : DIGITS.indexOf(c);
      if (d >= 0) {
        if (digit >= 0 && d != 0 && digit != 0) {
          return null; // "一二" is not a numeral
        }
        digit = d;
        continue;
      }
      long unit = c == '十' ? 10 : c == '百' ? 100 : c == '千' ? 1000 : 0;
      if (unit > 0) {
        long m = digit < 0 ? (unit == 10 ? 1 : -1) : digit;
        if (m < 0) {
          return null;
        }
        section = section.add(BigInteger.valueOf(m * unit));
        digit = -1;
      } else {
        BigInteger big = BigInteger.valueOf(c == '万' ? 10_000L : 100_000_000L);
        section = section.add(BigInteger.valueOf(Math.max(digit, 0)));
        if (section.signum() == 0) {
          return null;
        }
        total = total.add(section).multiply(big);
        section = BigInteger.ZERO;
        digit = -1;
      }
    }
    return total.add(section).add(BigInteger.valueOf(Math.max(digit, 0)));
  }
}
