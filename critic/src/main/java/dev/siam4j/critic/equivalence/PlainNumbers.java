package dev.siam4j.critic.equivalence;

import java.math.BigDecimal;

/**
 * The fast path for the commonest case: both answers are plain decimal numbers ("18", "-0.75",
 * "18.0"). No regex, no allocation beyond the two BigDecimals.
 */
final class PlainNumbers {
  private PlainNumbers() {}

  /** @return the verdict, or null when either side is not a plain number */
  static Equivalence compare(String a, String b, double relativeTolerance) {
    int da = decimals(a);
    int db = decimals(b);
    if (da < 0 || db < 0) {
      return null;
    }
    BigDecimal x = new BigDecimal(a);
    BigDecimal y = new BigDecimal(b);
    if (x.compareTo(y) == 0) {
      return Equivalence.EQUAL;
    }
    if (da == 0 && db == 0) {
      return Equivalence.NOT_EQUAL;
    }
    // leave tolerance and rounding to the full rules
    return null;
  }

  /** @return digits after the point for a plain decimal, -1 for anything else */
  static int decimals(String s) {
    int n = s.length();
    if (n == 0 || n > 40) {
      return -1;
    }
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      i = 1;
    }
    int digits = 0;
    int point = -1;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && point < 0) {
        point = i;
      } else {
        return -1;
      }
    }
    if (digits == 0 || point == n - 1) {
      return -1;
    }
    return point < 0 ? 0 : n - point - 1;
  }
}
