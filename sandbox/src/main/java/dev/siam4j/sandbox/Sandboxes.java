package dev.siam4j.sandbox;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.sandbox.cache.CachingCodeExecutor;

/** Static factories for the sandbox module's executors. */
public final class Sandboxes {
  private Sandboxes() {}

  /**
   * @return the default executor: an isolated {@link PythonSandbox} with one worker per core and
   *     default limits; the caller closes it
   */
  public static PythonSandbox python() {
    return PythonSandbox.builder().build();
  }

  /**
   * Caches a sandbox's executions, keyed by program and the sandbox's {@link
   * PythonSandbox#fingerprint()}. See {@link CachingCodeExecutor} for the determinism caveat.
   *
   * @param sandbox the sandbox; closing the cache closes it
   * @param maximumSize the most executions kept
   * @return the caching executor
   */
  public static CachingCodeExecutor caching(PythonSandbox sandbox, long maximumSize) {
    return CachingCodeExecutor.wrap(sandbox, sandbox.fingerprint(), maximumSize);
  }

  /**
   * Caches any executor's executions.
   *
   * @param executor the executor
   * @param configuration everything besides the program that changes a result (interpreter,
   *     limits, ...); part of the key
   * @param maximumSize the most executions kept
   * @return the caching executor
   */
  public static CachingCodeExecutor caching(
      CodeExecutor executor, String configuration, long maximumSize) {
    return CachingCodeExecutor.wrap(executor, configuration, maximumSize);
  }
}
