package dev.siam4j.benchmarks.sandbox;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.sandbox.PythonSandbox;
import dev.siam4j.sandbox.SandboxMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Throughput and latency of the sandbox against its baselines, in one run, with two programs in
 * flight (a pool of 2, for 2 cores): the isolated warm pool (default), the reuse mode, a fresh
 * {@code python3} per program (spawn-per-request sandboxes), an in-process {@code exec} pool
 * without isolation (ToRA-style executors), and the floor: an empty program in the isolated pool.
 *
 * <p>Workloads: (a) small arithmetic, (b) a sympy {@code solve}, (c) arithmetic where 10% of the
 * programs loop until a 1 s time-out.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     dev.siam4j.benchmarks.sandbox.SandboxBenchmark [scale]
 * </pre>
 *
 * {@code scale} (default 1.0) multiplies every program count.
 */
public final class SandboxBenchmark {
  private static final int IN_FLIGHT = 2;
  private static final PrintStream OUT = System.out;

  private SandboxBenchmark() {}

  /** A program runner; returns the answer or the outcome. */
  private interface Runner extends AutoCloseable {
    String run(String code);

    @Override
    default void close() {}
  }

  /**
   * @param args optional scale factor for the program counts
   * @throws Exception when the sandbox cannot start or a run fails
   */
  public static void main(String[] args) throws Exception {
    double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    String python = resolvePython();
    OUT.printf(Locale.ROOT, "python %s, %d cores, %d programs in flight%n", python,
        Runtime.getRuntime().availableProcessors(), IN_FLIGHT);
    OUT.println("| workload | executor | programs | execs/s | p50 ms | p99 ms |");
    OUT.println("|---|---|---:|---:|---:|---:|");

    Function<Integer, String> arithmetic =
        i -> "a = " + (1000 + i) + " * 6789\nb = a % 97\nprint(a + b)\n";
    Function<Integer, String> sympy =
        i -> "import sympy\nx = sympy.symbols('x')\nprint(sympy.solve(x**2 - " + (i % 7 + 5)
            + "*x + 6, x))\n";
    Function<Integer, String> mixed =
        i -> i % 10 == 9 ? "while True:\n    pass\n" : arithmetic.apply(i);

    double floorMs;
    double isolatedSequentialMs;
    String childFaults;
    try (PythonSandbox isolated = PythonSandbox.builder().workers(IN_FLIGHT).build()) {
      OUT.println("<!-- isolated pool: " + isolated + " -->");
      // warm-up: first sympy use in a fork is not representative
      isolated.executeAll(List.of(sympy.apply(0), sympy.apply(1), arithmetic.apply(0)));
      floorMs = sequentialP50(isolated, i -> "pass\n", n(100, scale));
      isolatedSequentialMs = sequentialP50(isolated, arithmetic, n(50, scale));
      childFaults =
          isolated.execute(sympy.apply(3) + "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_minflt)\n")
              .stdout().strip().replace('\n', ' ');
      Runner r = code -> answerOf(isolated.execute(code));
      measure("(a) arithmetic", "isolated pool (default)", r, arithmetic, n(200, scale));
      measure("(b) sympy solve", "isolated pool (default)", r, sympy, n(60, scale));
      OUT.println("<!-- isolated pool worker restarts: " + isolated.restarts() + " -->");
    }
    try (PythonSandbox isolated = PythonSandbox.builder().workers(IN_FLIGHT)
        .wallTime(Duration.ofSeconds(1)).killGrace(Duration.ZERO).build()) {
      measure("(c) 10% time out at 1 s", "isolated pool (default)",
          code -> answerOf(isolated.execute(code)), mixed, n(60, scale));
      OUT.println("<!-- isolated 1 s pool worker restarts: " + isolated.restarts() + " -->");
    }
    try (PythonSandbox reuse = PythonSandbox.builder().workers(IN_FLIGHT)
        .mode(SandboxMode.REUSE).build()) {
      Runner r = code -> answerOf(reuse.execute(code));
      r.run(sympy.apply(0));
      measure("(a) arithmetic", "reuse mode", r, arithmetic, n(3000, scale));
      measure("(b) sympy solve", "reuse mode", r, sympy, n(200, scale));
    }
    try (PythonSandbox reuse = PythonSandbox.builder().workers(IN_FLIGHT)
        .mode(SandboxMode.REUSE).wallTime(Duration.ofSeconds(1)).build()) {
      measure("(c) 10% time out at 1 s", "reuse mode",
          code -> answerOf(reuse.execute(code)), mixed, n(60, scale));
      OUT.println("<!-- reuse 1 s pool worker restarts: " + reuse.restarts() + " -->");
    }
    try (Runner fresh = new FreshProcess(python, Duration.ofSeconds(30))) {
      measure("(a) arithmetic", "baseline: fresh python3 per program", fresh, arithmetic,
          n(20, scale));
      measure("(b) sympy solve", "baseline: fresh python3 per program", fresh, sympy,
          n(6, scale));
    }
    try (Runner fresh = new FreshProcess(python, Duration.ofSeconds(1))) {
      measure("(c) 10% time out at 1 s", "baseline: fresh python3 per program", fresh, mixed,
          n(20, scale));
    }
    try (InProcessPool pool = new InProcessPool(python, IN_FLIGHT)) {
      measure("(a) arithmetic", "baseline: in-process exec pool, no isolation", pool, arithmetic,
          n(3000, scale));
      measure("(b) sympy solve", "baseline: in-process exec pool, no isolation", pool, sympy,
          n(200, scale));
    }
    OUT.printf(Locale.ROOT, "%nfloor (an empty program in the isolated pool, one at a time, p50:"
        + " fork, confinement, reap): %.2f ms%n", floorMs);
    OUT.printf(Locale.ROOT, "isolated mode, one program at a time, (a) p50: %.2f ms = %.2f x the"
        + " floor%n", isolatedSequentialMs, isolatedSequentialMs / floorMs);
    OUT.printf(Locale.ROOT, "machine: %s%n", pageFaultCosts(python));
    OUT.printf(Locale.ROOT, "isolated (b) program, minor page faults in its child (setup included):"
        + " %s%n", childFaults);
  }

  /**
   * What this machine charges for memory: the cost of a page fault on fresh anonymous memory and
   * of a copy-on-write fault in a forked child (64 MiB, one write per 4 KiB page, the loop's own
   * cost subtracted). A forked program pays the second for every page of the warm interpreter it
   * writes to (reference counts included).
   */
  private static String pageFaultCosts(String python) throws IOException, InterruptedException {
    String script =
        "import mmap, os, time\n"
            + "n, P = 64 << 20, 4096\n"
            + "m = mmap.mmap(-1, n, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)\n"
            + "def touch(v):\n"
            + "    t = time.perf_counter()\n"
            + "    for i in range(0, n, P):\n"
            + "        m[i] = v\n"
            + "    return (time.perf_counter() - t) / (n // P)\n"
            + "fresh = touch(1)\n"
            + "base = touch(2)\n"
            + "r, w = os.pipe()\n"
            + "pid = os.fork()\n"
            + "if pid == 0:\n"
            + "    os.write(w, repr(touch(3) - touch(4)).encode())\n"
            + "    os._exit(0)\n"
            + "os.waitpid(pid, 0)\n"
            + "cow = float(os.read(r, 64))\n"
            + "print('page fault on fresh memory %.1f us, copy-on-write fault after fork %.1f us'"
            + " % ((fresh - base) * 1e6, cow * 1e6))\n";
    Process p = new ProcessBuilder(python, "-I", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out;
  }

  private static int n(int base, double scale) {
    return Math.max(IN_FLIGHT, (int) Math.round(base * scale));
  }

  private static String answerOf(Execution e) {
    return e.outcome() == Outcome.OK ? e.answer() : e.outcome().name();
  }

  private static double sequentialP50(PythonSandbox sandbox, Function<Integer, String> w, int n) {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      sandbox.execute(w.apply(i));
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[n / 2];
  }

  /** Runs {@code n} programs with {@link #IN_FLIGHT} client threads; prints one table row. */
  private static void measure(
      String workload, String executor, Runner runner, Function<Integer, String> programs, int n)
      throws InterruptedException {
    double[] latency = new double[n];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < IN_FLIGHT; t++) {
      Thread th = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < n) {
          long t0 = System.nanoTime();
          String answer = runner.run(programs.apply(i));
          latency[i] = (System.nanoTime() - t0) / 1e6;
          if (answer.isEmpty() || answer.equals("SANDBOX_FAILURE")) {
            wrong.incrementAndGet();
          }
        }
      });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latency);
    OUT.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f |%s%n", workload, executor, n,
        n / seconds, latency[(int) (n * 0.50)], latency[Math.max(0, (int) Math.ceil(n * 0.99) - 1)],
        wrong.get() == 0 ? "" : " (" + wrong.get() + " failed)");
  }

  private static String resolvePython() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("python3", "-c", "import sys, os; print(os.path.realpath(sys.executable))")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out;
  }

  /** Baseline: a fresh interpreter per program. */
  private static final class FreshProcess implements Runner {
    private final String python;
    private final Duration timeout;

    FreshProcess(String python, Duration timeout) {
      this.python = python;
      this.timeout = timeout;
    }

    @Override
    public String run(String code) {
      try {
        Process p = new ProcessBuilder(python, "-I", "-c", code).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor();
          return "TIMEOUT";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return out.substring(out.lastIndexOf('\n') + 1);
      } catch (IOException e) {
        return "";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }
  }

  /**
   * Baseline: long-lived interpreters that {@code exec} each program in a new globals dict with
   * stdout redirected, no isolation and no limits (how ToRA-style executors work).
   */
  private static final class InProcessPool implements Runner {
    private static final String SERVER =
        "import sys, io, json, contextlib\n"
            + "import math, fractions, itertools, sympy, numpy\n"
            + "out = sys.stdout\n"
            + "for line in sys.stdin:\n"
            + "    code = json.loads(line)\n"
            + "    buf = io.StringIO()\n"
            + "    try:\n"
            + "        with contextlib.redirect_stdout(buf):\n"
            + "            exec(code, {'__name__': '__main__'})\n"
            + "    except BaseException as e:\n"
            + "        buf.write('ERROR ' + type(e).__name__)\n"
            + "    text = buf.getvalue().strip()\n"
            + "    out.write(json.dumps(text.splitlines()[-1] if text else '') + '\\n')\n"
            + "    out.flush()\n";

    private final BlockingQueue<Process> idle;
    private final List<Process> all = new ArrayList<>();

    InProcessPool(String python, int size) throws IOException {
      idle = new ArrayBlockingQueue<>(size);
      for (int i = 0; i < size; i++) {
        Process p = new ProcessBuilder(python, "-I", "-c", SERVER)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        all.add(p);
        idle.add(p);
      }
    }

    @Override
    public String run(String code) {
      Process p;
      try {
        p = idle.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
      try {
        OutputStream in = p.getOutputStream();
        in.write((dev.siam4j.core.jsonl.Json.toLine(code) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        BufferedReader r = readers.computeIfAbsent(p, k -> new BufferedReader(
            new InputStreamReader(k.getInputStream(), StandardCharsets.UTF_8)));
        String line = r.readLine();
        return line == null ? "" : dev.siam4j.core.jsonl.Json.mapper().readValue(line, String.class);
      } catch (IOException e) {
        return "";
      } finally {
        idle.add(p);
      }
    }

    private final java.util.Map<Process, BufferedReader> readers =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void close() {
      all.forEach(Process::destroyForcibly);
    }
  }

}
