package dev.siam4j.examples.quickstart;

import java.util.List;
import java.util.Locale;

/** Mean, minimum, maximum and standard deviation of one value across seed runs. */
record Spread(double mean, double min, double max, double sd, int n) {

  static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / values.size();
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sd = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0.0;
    return new Spread(mean, min, max, sd, values.size());
  }

  boolean known() {
    return n > 0;
  }

  /** @return max − min */
  double range() {
    return n == 0 ? Double.NaN : max - min;
  }

  /** "41.5%" for one run or equal values, "41.5% (38.0–45.0)" otherwise; "–" when unknown. */
  String percent() {
    if (n == 0) {
      return "–";
    }
    String m = String.format(Locale.ROOT, "%.1f%%", 100 * mean);
    return n == 1 || min == max ? m : m + String.format(Locale.ROOT, " (%.1f–%.1f)", 100 * min, 100 * max);
  }

  /** "12.3" for one run or equal values, "12.3 (11.0–13.5)" otherwise; "–" when unknown. */
  String plain(int decimals) {
    if (n == 0) {
      return "–";
    }
    String f = "%." + decimals + "f";
    String m = String.format(Locale.ROOT, f, mean);
    return n == 1 || min == max ? m : m + String.format(Locale.ROOT, " (" + f + "–" + f + ")", min, max);
  }
}
