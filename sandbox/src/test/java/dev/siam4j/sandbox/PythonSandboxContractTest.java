package dev.siam4j.sandbox;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.contract.CodeExecutorContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The core CodeExecutor contract, on the default isolated sandbox. */
final class PythonSandboxContractTest implements CodeExecutorContract {
  private static PythonSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = PythonSandbox.builder().workers(2).preload(List.of("math")).build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Override
  public CodeExecutor executor() {
    return sandbox;
  }
}
