package dev.siam4j.sandbox.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wraps a {@link CodeExecutor} with a bounded in-memory cache of executions, keyed by the
 * SHA-256 of the program and of a configuration text that must name everything else that can
 * change the result: for a {@link dev.siam4j.sandbox.PythonSandbox}, its {@code fingerprint()}
 * (interpreter and version, mode, limits, network isolation, preloaded modules).
 *
 * <p><b>Caveat:</b> only correct for deterministic programs. A program that reads the clock, draws
 * random numbers without a seed, or depends on load (a near-time-out) gets its first result
 * forever. Executions that say nothing reliable about the program ({@code SANDBOX_FAILURE},
 * {@code TIMEOUT}) are never cached. A hit returns the first execution unchanged, its elapsed time
 * included.
 *
 * <p>Thread-safe if the wrapped executor is. Closing it closes the wrapped executor when that is
 * {@link AutoCloseable}.
 */
public final class CachingCodeExecutor implements CodeExecutor, AutoCloseable {
  private final CodeExecutor delegate;
  private final String configuration;
  private final Cache<String, Execution> cache;

  private CachingCodeExecutor(CodeExecutor delegate, String configuration, long maximumSize) {
    this.delegate = delegate;
    this.configuration = configuration;
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
  }

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the executor whose results are cached
   * @param configuration everything besides the program that changes its result
   * @param maximumSize the most executions kept
   * @return the caching executor
   */
  public static CachingCodeExecutor wrap(
      CodeExecutor delegate, String configuration, long maximumSize) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(configuration, "configuration");
    Checks.positive((int) Math.min(Integer.MAX_VALUE, maximumSize), "maximumSize");
    return new CachingCodeExecutor(delegate, configuration, maximumSize);
  }

  @Override
  public Execution execute(String code) {
    Objects.requireNonNull(code, "code");
    String key = key(code);
    Execution hit = cache.getIfPresent(key);
    if (hit != null) {
      return hit;
    }
    Execution e = delegate.execute(code);
    store(key, e);
    return e;
  }

  /** Runs the programs not cached through the wrapped executor's batch API, in one batch. */
  @Override
  public List<Execution> executeAll(List<String> programs) {
    Objects.requireNonNull(programs, "programs");
    List<String> keys = new ArrayList<>(programs.size());
    Map<String, Execution> found = new HashMap<>();
    Map<String, String> missing = new LinkedHashMap<>();
    for (String p : programs) {
      String key = key(Objects.requireNonNull(p, "program"));
      keys.add(key);
      if (found.containsKey(key) || missing.containsKey(key)) {
        continue;
      }
      Execution hit = cache.getIfPresent(key);
      if (hit != null) {
        found.put(key, hit);
      } else {
        missing.put(key, p);
      }
    }
    if (!missing.isEmpty()) {
      List<Execution> ran = delegate.executeAll(List.copyOf(missing.values()));
      int i = 0;
      for (String key : missing.keySet()) {
        Execution e = ran.get(i++);
        found.put(key, e);
        store(key, e);
      }
    }
    List<Execution> out = new ArrayList<>(keys.size());
    for (String key : keys) {
      out.add(found.get(key));
    }
    return out;
  }

  /** @return hit and miss counts, evictions and size */
  public CacheStatistics statistics() {
    CacheStats s = cache.stats();
    return new CacheStatistics(s.hitCount(), s.missCount(), s.evictionCount(),
        cache.estimatedSize());
  }

  /** Runs the cache's pending maintenance (evictions) now; for tests. */
  void cleanUpForTests() {
    cache.cleanUp();
  }

  /** Drops every cached execution. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /**
   * Closes the wrapped executor when it is {@link AutoCloseable}.
   *
   * @throws dev.siam4j.core.ExecutionFailedException when closing it failed
   */
  @Override
  public void close() {
    if (delegate instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new dev.siam4j.core.ExecutionFailedException(
            "cannot close the cached executor " + delegate, e);
      }
    }
  }

  private void store(String key, Execution e) {
    if (e.outcome() != Outcome.SANDBOX_FAILURE && e.outcome() != Outcome.TIMEOUT) {
      cache.put(key, e);
    }
  }

  private String key(String code) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(configuration.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(code.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
