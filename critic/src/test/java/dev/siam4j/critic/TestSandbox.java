package dev.siam4j.critic;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.sandbox.PythonSandbox;
import java.time.Duration;

/**
 * The real sandbox (warm python3 workers with sympy preloaded), shared by this module's tests and
 * closed at JVM exit by its shutdown hook.
 */
public final class TestSandbox {
  private static PythonSandbox sandbox;

  private TestSandbox() {}

  /** @return the shared sandbox, started on first use */
  public static synchronized CodeExecutor shared() {
    if (sandbox == null) {
      sandbox = PythonSandbox.builder().workers(2).wallTime(Duration.ofSeconds(30)).build();
    }
    return sandbox;
  }
}
