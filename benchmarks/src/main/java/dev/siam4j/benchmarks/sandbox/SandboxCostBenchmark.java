package dev.siam4j.benchmarks.sandbox;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.sandbox.PythonSandbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The per-program cost of the default (isolated) sandbox, and nothing else, so that two builds
 * of the sandbox can be compared in one run: it uses only API that every version has ({@code
 * PythonSandbox.builder().workers(n).build()}, {@code execute}). {@code
 * benchmarks/sandbox-cost.sh} compiles it against the baseline build and against this one and
 * runs both, alternating.
 *
 * <p>Prints one line per workload: {@code cost <label> <workload> <programs> <execs/s> <p50 ms>}.
 * Workloads: (a) small arithmetic, (b) a sympy {@code solve}; two programs in flight on a pool
 * of two workers, closed loop.
 *
 * <pre>
 * java -cp CLASSPATH dev.siam4j.benchmarks.sandbox.SandboxCostBenchmark LABEL [SCALE]
 * </pre>
 */
public final class SandboxCostBenchmark {
  private static final int IN_FLIGHT = 2;

  private SandboxCostBenchmark() {}

  /**
   * @param args a label for the output lines, and an optional scale of the program counts
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    String label = args.length > 0 ? args[0] : "sandbox";
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    IntFunction<String> arithmetic = i -> "a = " + (1000 + i) + " * 6789\nb = a % 97\nprint(a + b)\n";
    IntFunction<String> sympy = i -> "import sympy\nx = sympy.symbols('x')\nprint(sympy.solve(x**2 - "
        + (i % 7 + 5) + "*x + 6, x))\n";
    try (PythonSandbox sandbox = PythonSandbox.builder().workers(IN_FLIGHT).build()) {
      for (int i = 0; i < 6; i++) {
        sandbox.execute(i % 2 == 0 ? sympy.apply(i) : arithmetic.apply(i));
      }
      measure(label, "(a)-arithmetic", sandbox, arithmetic, (int) Math.max(10, 200 * scale));
      measure(label, "(b)-sympy-solve", sandbox, sympy, (int) Math.max(10, 60 * scale));
    }
  }

  private static void measure(String label, String workload, PythonSandbox sandbox,
      IntFunction<String> programs, int n) throws InterruptedException {
    double[] latency = new double[n];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < IN_FLIGHT; t++) {
      Thread th = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < n) {
          long t0 = System.nanoTime();
          Execution e = sandbox.execute(programs.apply(i));
          latency[i] = (System.nanoTime() - t0) / 1e6;
          if (e.outcome() != Outcome.OK) {
            failed.incrementAndGet();
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
    System.out.printf(Locale.ROOT, "cost %s %s %d %.2f %.2f%s%n", label, workload, n, n / seconds,
        latency[n / 2], failed.get() == 0 ? "" : " failed=" + failed.get());
  }
}
