package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile programs, each with its expected outcome; after each one the pool must still answer
 * correctly. Runs in the default isolation (bubblewrap namespaces where they work here).
 */
@Tag("slow")
final class HostileProgramsTest {
  private static PythonSandbox sandbox;
  private final String marker = "siam4jmark" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  static void start() {
    sandbox = PythonSandbox.builder()
        .workers(2)
        .wallTime(Duration.ofSeconds(3))
        .memoryBytes(1L << 30)
        .processes(12)
        .build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void poolStillAnswersCorrectly() throws InterruptedException {
    for (Execution e : sandbox.executeAll(java.util.List.of(
        "print(6 * 7)", "import sympy\nprint(sympy.factorint(360))"))) {
      assertThat(e.outcome()).isEqualTo(Outcome.OK);
    }
    assertThat(sandbox.execute("print(6 * 7)").answer()).isEqualTo("42");
    assertThat(Processes.survivorsAfter(marker, 5_000)).isEmpty();
  }

  @Test
  void infiniteLoop_timesOut() {
    Execution e = sandbox.execute("while True:\n    pass\n");
    assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(e.exitCode()).isEqualTo(-1);
    assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void loopIgnoringSigterm_isKilledAndTimesOut() {
    Execution e = sandbox.execute(
        "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    pass\n");
    assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT);
  }

  @Test
  void forkBomb_isContainedByTheProcessLimit() {
    Execution e = sandbox.execute(
        "import os, time\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n"
            + "            time.sleep(100)\n            os._exit(0)\n        n += 1\n"
            + "except OSError as e:\n    print(n, type(e).__name__)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    int forks = Integer.parseInt(e.answer().split(" ")[0]);
    assertThat(forks).isLessThan(12);
    assertThat(e.answer()).endsWith("BlockingIOError");
  }

  @Test
  void classicForkBomb_timesOutAndLeavesNothing() {
    Execution e = sandbox.execute(
        "import os\n# " + marker + "\nwhile True:\n    try:\n        os.fork()\n"
            + "    except OSError:\n        pass\n");
    assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT);
  }

  @Test
  void memoryBomb_hitsTheMemoryLimit() {
    // the memory controller's OOM kill is the evidence: bytearray() writes every page
    Execution big = sandbox.execute("x = bytearray(4 * 1024 ** 3)\nprint(len(x))");
    assertThat(big.outcome()).isEqualTo(Outcome.MEMORY_LIMIT);
    Execution growing = sandbox.execute("a = []\nwhile True:\n    a.append(b'x' * (64 << 20))\n");
    assertThat(growing.outcome()).isEqualTo(Outcome.MEMORY_LIMIT);
  }

  @Test
  void hugeOutput_isTruncatedAndFlagged() {
    Execution e = sandbox.execute("while True:\n    print('x' * 1000)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OUTPUT_LIMIT);
    assertThat(e.stdout().length() + e.stderr().length()).isEqualTo(64 * 1024);
    assertThat(e.stdout()).startsWith("xxxx");
  }

  @Test
  void deepRecursion_isARecursionError() {
    Execution e = sandbox.execute("def f(n):\n    return f(n + 1)\n\nf(0)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.error()).hasValueSatisfying(err -> {
      assertThat(err.type()).isEqualTo("RecursionError");
      assertThat(err.line()).isEqualTo(2);
    });
  }

  @Test
  void connectionToALoopbackListenerOutside_neverArrives() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger arrived = acceptInBackground(server);
      Execution e = sandbox.execute(
          "import socket\ns = socket.socket()\ns.settimeout(2)\n"
              + "s.connect(('127.0.0.1', " + server.getLocalPort() + "))\nprint('connected')\n");
      assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(e.error()).hasValueSatisfying(
          err -> assertThat(err.type()).isIn("ConnectionRefusedError", "PermissionError"));
      Thread.sleep(300);
      assertThat(arrived.get()).isZero();
    }
  }

  @Test
  void writesOutsideTheWorkingFolder_neverReachTheHost() {
    Path hostTmp = Path.of(System.getProperty("java.io.tmpdir"), marker);
    Path root = Path.of("/" + marker);
    Execution e = sandbox.execute(
        "import os\nresults = []\n"
            + "for p in ['" + hostTmp + "', '" + root + "', '../" + marker + "',"
            + " os.path.expanduser('~/../" + marker + "')]:\n"
            + "    try:\n        open(p, 'w').write('escaped')\n        results.append('wrote')\n"
            + "    except OSError as e:\n        results.append(type(e).__name__)\n"
            + "open('inside.txt', 'w').write('fine')\nprint(results)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(Files.exists(hostTmp)).isFalse();
    assertThat(Files.exists(root)).isFalse();
  }

  @Test
  void killingTheParentProcess_doesNotBreakThePool() {
    Execution e = sandbox.execute("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nprint('alive')");
    if (ZygoteCommand.root()) {
      // programs run as a dedicated uid that may not signal the worker
      assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(e.error()).hasValueSatisfying(err -> assertThat(err.type()).isEqualTo("PermissionError"));
    } else {
      assertThat(e.outcome()).isIn(Outcome.ERROR, Outcome.SANDBOX_FAILURE);
    }
  }

  @Test
  void doubleForkDaemon_isKilledAfterTheProgram() {
    Execution e = sandbox.execute(
        "import os, sys\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
            + "        os.execv(sys.executable, [sys.executable, '-c',"
            + " 'import time; time.sleep(1000)  # " + marker + "'])\n"
            + "    os._exit(0)\nimport time\ntime.sleep(0.5)\nprint('daemon started')\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.answer()).isEqualTo("daemon started");
  }

  @Test
  void hostEnvironmentVariables_areInvisible() {
    Execution e = sandbox.execute("import os\nfor k, v in sorted(os.environ.items()):\n    print(k, v)");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    for (Map.Entry<String, String> host : System.getenv().entrySet()) {
      if (!host.getKey().matches("PATH|LANG|LC_ALL|HOME|TMPDIR|.*_NUM_THREADS|PYTHONIOENCODING")) {
        assertThat(e.stdout()).doesNotContain(host.getKey() + " ");
      }
    }
  }

  @Test
  void exitCodes_ofOsExitAndSysExit_areReported() {
    assertThat(sandbox.execute("import os\nos._exit(7)").exitCode()).isEqualTo(7);
    assertThat(sandbox.execute("raise SystemExit(9)").exitCode()).isEqualTo(9);
    assertThat(sandbox.execute("import sys\nsys.exit()").outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void daemonThreadLeftRunning_doesNotHoldTheProgram() {
    Execution e = sandbox.execute(
        "import threading\nt = threading.Thread(target=lambda: [0 for _ in iter(int, 1)], daemon=True)\n"
            + "t.start()\nprint('done')\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.answer()).isEqualTo("done");
  }

  @Test
  void nonDaemonThreadLeftRunning_isWaitedForLikeARealInterpreter() {
    Execution e = sandbox.execute(
        "import threading, time\nthreading.Thread(target=lambda: time.sleep(1000)).start()\n"
            + "print('main done')\n");
    assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT);
  }

  @Test
  void childProcessLeftRunning_isKilledAfterTheProgram() {
    Execution e = sandbox.execute(
        "import subprocess, sys\nsubprocess.Popen([sys.executable, '-c',"
            + " 'import time; time.sleep(1000)  # " + marker + "'])\n"
            + "print('spawned')\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.answer()).isEqualTo("spawned");
  }

  @Test
  void readingStdin_seesEndOfFile() {
    Execution e = sandbox.execute("x = input()\nprint(x)");
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.error()).hasValueSatisfying(err -> assertThat(err.type()).isEqualTo("EOFError"));
  }

  @Test
  void binaryGarbageOnStdout_isDecodedWithReplacement() {
    Execution e = sandbox.execute(
        "import os, sys\nsys.stdout.buffer.write(bytes(range(256)) * 20)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.stdout()).contains("\uFFFD");
  }

  private static AtomicInteger acceptInBackground(ServerSocket server) {
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
