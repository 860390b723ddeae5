package dev.siam4j.sandbox.cache;

/**
 * A snapshot of a {@link CachingCodeExecutor}'s counters.
 *
 * @param hits executions answered from the cache
 * @param misses executions that ran the wrapped executor
 * @param evictions entries dropped to respect the size bound
 * @param size entries held now (approximate)
 */
public record CacheStatistics(long hits, long misses, long evictions, long size) {

  /**
   * Validates.
   *
   * @param hits cache hits, not negative
   * @param misses cache misses, not negative
   * @param evictions evictions, not negative
   * @param size entries held, not negative
   * @throws IllegalArgumentException when a count is negative
   */
  public CacheStatistics {
    if (hits < 0 || misses < 0 || evictions < 0 || size < 0) {
      throw new IllegalArgumentException("cache statistics must not be negative");
    }
  }

  /** @return hits divided by lookups, 0 when there were none */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 0.0 : (double) hits / lookups;
  }
}
