package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit-hook fallback (no namespaces) and the opt-in reuse mode. */
@Tag("slow")
final class ModesTest {

  @Test
  void unconfined_blocksSocketsButRunsPrograms() throws Exception {
    try (PythonSandbox sandbox = PythonSandbox.builder().confinement(Confinement.UNCONFINED)
            .workers(1).network(NetworkIsolation.AUDIT_HOOK).build();
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThat(sandbox.networkIsolation()).isEqualTo(NetworkIsolation.AUDIT_HOOK);
      AtomicInteger arrived = acceptInBackground(server);
      Execution e = sandbox.execute(
          "import socket\ns = socket.socket()\ns.connect(('127.0.0.1', " + server.getLocalPort()
              + "))\nprint('connected')\n");
      assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(e.error()).hasValueSatisfying(err -> {
        assertThat(err.type()).isEqualTo("PermissionError");
        assertThat(err.message()).contains("network access is disabled in this sandbox");
      });
      Thread.sleep(300);
      assertThat(arrived.get()).isZero();
      Execution fresh = sandbox.executeAll(List.of("x = 41\nimport os\nos.environ['K'] = '1'",
          "import os\nprint('x' in globals(), 'K' in os.environ, 6 * 7)")).get(1);
      assertThat(fresh.answer()).isEqualTo("False False 42");
    }
  }

  @Test
  void namespace_whenRequested_isUsedHere() {
    try (PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1).preload(List.of()).network(NetworkIsolation.NAMESPACE).build()) {
      assertThat(sandbox.networkIsolation()).isEqualTo(NetworkIsolation.NAMESPACE);
      assertThat(sandbox.confinement()).isEqualTo(Confinement.CONFINED);
      Execution e = sandbox.execute(
          "import os\nprint(os.getpid() < 100, os.getcwd(), os.getuid() != 0, os.listdir('/'))");
      assertThat(e.answer()).startsWith("True /tmp True [");
    }
  }

  @Test
  void reuseMode_resetsMainAndEnvironmentButNotModules() {
    try (PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1).mode(SandboxMode.REUSE).wallTime(Duration.ofSeconds(2)).build()) {
      List<Execution> all = sandbox.executeAll(List.of(
          "import math, os\nmath.tau = 1\nsecret = 1\nos.environ['K'] = '1'\nopen('f', 'w').write('x')\nprint('a')",
          "import math, os\nprint('secret' in globals(), 'K' in os.environ, os.listdir('.'), math.tau)",
          "1 / 0",
          "while True:\n    pass",
          "print('x' * 100000)",
          "import sys\nsys.exit(4)",
          "import os\nos._exit(6)",
          "print(6 * 7)"));
      assertThat(all.get(0).answer()).isEqualTo("a");
      // the documented weakness: what a program does to a module persists in reuse mode
      assertThat(all.get(1).answer()).isEqualTo("False False [] 1");
      assertThat(all.get(2).error()).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo("ZeroDivisionError"));
      assertThat(all.get(3).outcome()).isEqualTo(Outcome.TIMEOUT);
      assertThat(all.get(4).outcome()).isEqualTo(Outcome.OUTPUT_LIMIT);
      assertThat(all.get(5).exitCode()).isEqualTo(4);
      assertThat(all.get(6).exitCode()).isEqualTo(6);
      assertThat(all.get(7).answer()).isEqualTo("42");
      assertThat(sandbox.restarts()).isZero();
    }
  }

  @Test
  void reuseMode_workerKilledByItsProgram_isReportedAndReplaced() {
    try (PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1).mode(SandboxMode.REUSE).preload(List.of("math")).build()) {
      Execution e = sandbox.execute("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
      assertThat(e.outcome()).isEqualTo(Outcome.KILLED);
      assertThat(sandbox.execute("print(3)").answer()).isEqualTo("3");
      assertThat(sandbox.restarts()).isEqualTo(1);
    }
  }

  @Test
  void cpuAndFileSizeLimits_endTheProgram() {
    try (PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1).preload(List.of("math")).wallTime(Duration.ofSeconds(30))
        .cpuTime(Duration.ofSeconds(1)).fileSizeBytes(1 << 20).build()) {
      Execution busy = sandbox.execute("while True:\n    pass\n");
      assertThat(busy.outcome()).isEqualTo(Outcome.TIMEOUT);
      assertThat(busy.elapsed()).isLessThan(Duration.ofSeconds(30));
      Execution big = sandbox.execute("open('big', 'wb').write(b'x' * (2 << 20))\n");
      assertThat(big.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(big.error()).hasValueSatisfying(e -> {
        assertThat(e.type()).isEqualTo("OSError");
        assertThat(e.message()).contains("File too large");
      });
      assertThat(sandbox.execute("print(6 * 7)").answer()).isEqualTo("42");
    }
  }

  @Test
  void reuseMode_stdinClosedByOneProgram_isAtEofForTheNext() {
    try (PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1).mode(SandboxMode.REUSE).preload(List.of("math")).build()) {
      List<Execution> all = sandbox.executeAll(List.of(
          "import sys\nsys.stdin.close()\nprint('closed')", "print(repr(input()))"));
      assertThat(all.get(0).answer()).isEqualTo("closed");
      assertThat(all.get(1).error()).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo("EOFError"));
    }
  }

  static AtomicInteger acceptInBackground(ServerSocket server) {
    AtomicInteger arrived = new AtomicInteger();
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          arrived.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return arrived;
  }
}
