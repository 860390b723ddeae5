package dev.siam4j.alignment.preference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lengths in power-of-two buckets (0-63, 64-127, ..., 16384+) with exact count, min, max and mean:
 * a distribution in constant memory. Not thread-safe.
 */
final class LengthHistogram {
  private static final int FIRST = 64;
  private static final int BUCKETS = 10; // 0-63, 64-127, ..., 8192-16383, 16384+

  private final long[] buckets = new long[BUCKETS];
  private long count;
  private long sum;
  private int min = Integer.MAX_VALUE;
  private int max;

  void add(int length) {
    count++;
    sum += length;
    min = Math.min(min, length);
    max = Math.max(max, length);
    int b = 0;
    for (int bound = FIRST; b < BUCKETS - 1 && length >= bound; bound *= 2) {
      b++;
    }
    buckets[b]++;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("min", count == 0 ? 0 : min);
    m.put("max", max);
    m.put("mean", count == 0 ? 0.0 : Math.round(10.0 * sum / count) / 10.0);
    Map<String, Long> b = new LinkedHashMap<>();
    int low = 0;
    for (int i = 0; i < BUCKETS; i++) {
      int high = FIRST << i;
      String label = i == BUCKETS - 1 ? low + "+" : low + "-" + (high - 1);
      b.put(label, buckets[i]);
      low = high;
    }
    m.put("buckets", b);
    return m;
  }
}
