package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mirrors the example in {@link PythonSandbox}'s javadoc; keep the two in step. */
final class PythonSandboxExampleTest {

  @Test
  void javadocExample_runs() {
    try (PythonSandbox sandbox = PythonSandbox.builder()
        .workers(2)
        .wallTime(Duration.ofSeconds(5))
        .build()) {
      Execution e = sandbox.execute("print(6 * 7)");   // OK, answer "42"
      assertThat(e.outcome()).isEqualTo(Outcome.OK);
      assertThat(e.answer()).isEqualTo("42");
    }
  }
}
