package dev.siam4j.sandbox.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.core.remote.EndpointStats;
import dev.siam4j.core.remote.RemotePolicy;
import dev.siam4j.sandbox.PythonSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpCodeExecutor} over two SandboxFusion-compatible loopback services that run programs
 * in real Python: one dies mid-run, the other refuses for a while.
 */
final class HttpCodeExecutorFailoverTest {
  private static final RemotePolicy FAST =
      RemotePolicy.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(20)).withProbeInterval(Duration.ofMillis(20));
  private static PythonSandbox python;

  @BeforeAll
  static void startPython() {
    python = PythonSandbox.builder().workers(2).build();
  }

  @AfterAll
  static void stopPython() {
    python.close();
  }

  @Test
  void everyProgramRunsOnceAndRightWhenOneServiceDiesMidRun() {
    try (SandboxFusionTestService a = SandboxFusionTestService.start(python);
        SandboxFusionTestService b = SandboxFusionTestService.start(python)) {
      b.killAfter(4);
      a.refuse(503, 2);
      a.refuse(429, 1);
      List<String> programs = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        programs.add("print(" + i + " * " + i + ")");
      }
      List<Execution> out;
      try (HttpCodeExecutor http = HttpCodeExecutor.builder()
          .endpoint(Endpoint.of(a.baseUri(), 2))
          .endpoint(Endpoint.of(b.baseUri(), 2))
          .policy(FAST)
          .build()) {
        assertThat(http.capacity()).isEqualTo(4);
        out = http.executeAll(programs);
        List<EndpointStats> stats = http.stats();
        assertThat(stats.get(1).down()).isTrue();
        assertThat(stats.get(0).down()).isFalse();
      }
      for (int i = 0; i < 24; i++) {
        assertThat(out.get(i).outcome()).as("program %d", i).isEqualTo(Outcome.OK);
        assertThat(out.get(i).answer()).as("program %d", i).isEqualTo(Integer.toString(i * i));
      }
      assertThat(b.isDead()).isTrue();
      assertThat(b.answered()).isPositive().isLessThanOrEqualTo(4);
      assertThat(a.answered() + b.answered()).isGreaterThanOrEqualTo(24);
    }
  }

  @Test
  void whenEveryServiceIsDownTheExecutionIsASandboxFailureNamingEach() {
    SandboxFusionTestService a = SandboxFusionTestService.start(python);
    SandboxFusionTestService b = SandboxFusionTestService.start(python);
    a.close();
    b.close();
    try (HttpCodeExecutor http = HttpCodeExecutor.builder()
        .baseUri(a.baseUri()).endpoint(Endpoint.of(b.baseUri(), 1))
        .policy(FAST.withProbeInterval(Duration.ofHours(1))).build()) {
      Execution e = http.execute("print(1)");
      assertThat(e.outcome()).isEqualTo(Outcome.SANDBOX_FAILURE);
      assertThat(e.stderr()).startsWith("sandbox: every endpoint is down; " + a.baseUri() + " is down (3 failures in a row, last: ")
          .contains(b.baseUri() + " is down (3 failures in a row, last: ");
    }
  }

  @Test
  void aReplicaAddedTwiceIsRefused() {
    assertThatThrownBy(() -> HttpCodeExecutor.builder().baseUri(java.net.URI.create("http://127.0.0.1:1/"))
        .endpoint(Endpoint.of("http://127.0.0.1:1/", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoint http://127.0.0.1:1/ was already added");
  }
}
