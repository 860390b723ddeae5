package dev.siam4j.benchmarks.critic;

import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Comparison;
import dev.siam4j.sandbox.PythonSandbox;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule-based answer equivalence on one thread: numeric cases (plain, and written in mixed forms)
 * against the baseline of trimmed string equality; cache hits; structured answers; and the sympy
 * fallback through the real sandbox, measured separately.
 *
 * <p>Run: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' org.openjdk.jmh.Main
 * 'critic.EquivalenceBenchmark'}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class EquivalenceBenchmark {

  /** GSM8K-like: both sides plain decimals. */
  static final String[][] PLAIN = {
    {"18", "18"}, {"18", "18.0"}, {"72", "72.00"}, {"-3", "3"}, {"1000000", "1000000.0"},
    {"0.75", "0.75"}, {"42", "41"}, {"3.5", "3.50"},
  };

  /** Numeric answers in mixed forms: fractions, LaTeX, units, separators, floats. */
  static final String[][] NUMERIC = {
    {"\\frac{3}{4}", "0.75"}, {"1,000", "1000"}, {"12 dollars", "12"}, {"75\\%", "0.75"},
    {"\\frac{1}{3}", "0.3333333333333333"}, {"\\boxed{5}", "5.0"}, {"2.5", "2.5000000000000004"},
    {"1.5e3", "1500"}, {"\\sqrt{2}", "1.4142135623730951"}, {"12 元", "12"}, {"16", "016"},
    {"\\frac{7}{12}", "0.58"},
  };

  /** Tuples, sets, intervals, equations, matrices. */
  static final String[][] STRUCTURED = {
    {"x = 2 or x = -2", "[-2, 2]"}, {"(1, 3]", "Interval.Lopen(1, 3)"}, {"\\{1, 2, 3\\}", "{3, 2, 1}"},
    {"y = 2x + 1", "2x - y + 1 = 0"}, {"\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "Matrix([[1, 2], [3, 4]])"},
    {"\\pm 2", "[-2, 2]"},
  };

  /** Per-thread state: the equivalences and a cursor. */
  @State(Scope.Thread)
  public static class Rules {
    AnswerEquivalence rules;
    AnswerEquivalence cached;
    int i;

    @Setup(Level.Trial)
    public void setUp() {
      rules = AnswerEquivalence.rules();
      cached = AnswerEquivalence.cached(rules, 10_000);
      for (String[] p : NUMERIC) {
        cached.compare(p[0], p[1]);
      }
    }
  }

  /** The baseline: what naive graders do. */
  @Benchmark
  public boolean baselineTrimmedStringEquality(Rules s) {
    String[] p = NUMERIC[s.i++ % NUMERIC.length];
    return p[0].strip().equals(p[1].strip());
  }

  /** Rules on plain decimals (the fast path). */
  @Benchmark
  public Comparison rulesPlainNumbers(Rules s) {
    String[] p = PLAIN[s.i++ % PLAIN.length];
    return s.rules.compare(p[0], p[1]);
  }

  /** Rules on numbers in mixed forms (full normalisation and parsing). */
  @Benchmark
  public Comparison rulesNumericMixedForms(Rules s) {
    String[] p = NUMERIC[s.i++ % NUMERIC.length];
    return s.rules.compare(p[0], p[1]);
  }

  /** Rules on structured answers. */
  @Benchmark
  public Comparison rulesStructured(Rules s) {
    String[] p = STRUCTURED[s.i++ % STRUCTURED.length];
    return s.rules.compare(p[0], p[1]);
  }

  /** Cache hits of the caching equivalence (keys already present). */
  @Benchmark
  public Comparison cacheHit(Rules s) {
    String[] p = NUMERIC[s.i++ % NUMERIC.length];
    return s.cached.compare(p[0], p[1]);
  }

  /** The sympy fallback through the real sandbox (warm workers, sympy preloaded). */
  @State(Scope.Benchmark)
  public static class Symbolic {
    PythonSandbox sandbox;
    AnswerEquivalence withSympy;

    @Setup(Level.Trial)
    public void setUp() {
      sandbox = PythonSandbox.builder().workers(1).wallTime(Duration.ofSeconds(30)).build();
      withSympy = AnswerEquivalence.builder().symbolic(sandbox).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      sandbox.close();
    }
  }

  /** One symbolic check ("gamma(5)" vs "24": the rules cannot read gamma). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1, time = 2)
  @Measurement(iterations = 2, time = 3)
  public Comparison symbolicFallback(Symbolic s) {
    return s.withSympy.compare("gamma(5)", "24");
  }
}
