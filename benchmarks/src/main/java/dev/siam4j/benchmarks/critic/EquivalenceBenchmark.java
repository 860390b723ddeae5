package dev.siam4j.benchmarks.critic;

import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Comparison;
import dev.siam4j.critic.extraction.ExtractedAnswer;
import dev.siam4j.critic.extraction.FinalAnswerExtractor;
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
 * against the baseline of trimmed string equality; relations, chains, rounding, matrices and printed
 * values mixed with numbers; cache hits; structured answers; final-answer extraction from solution
 * texts against the baseline of a last-number regular expression; and the sympy fallback through
 * the real sandbox, measured separately.
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

  /**
   * The forms of relations, chains, rounding, matrices and program printing, mixed with plain
   * numeric pairs as real judging runs see them.
   */
  static final String[][] MIXED_FORMS = {
    {"x \\geq 5", "5 \\leq x"}, {"x < 1", "-x > -1"}, {"11", "x = 5+5+1 = 11"}, {"1/3", "x = 1/3 \\approx 0.33"},
    {"(\\frac{3}{5}, \\frac{8}{3}]", "(0.6, 2.6667]"}, {"3+4i", "(3+4j)"}, {"y = 2x + 1", "Eq(y, 2*x + 1)"},
    {"18", "The total is 18"}, {"1.22", "1,22"}, {"185", "185\\"}, {"18", "18.0"}, {"\\frac{3}{4}", "0.75"},
    {"12 dollars", "12"}, {"x \\neq 3", "x != 3"}, {"\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}",
        "\\left[\\begin{array}{cc}1 & 2 \\\\ 3 & 4\\end{array}\\right]"}, {"42", "41"},
  };

  /** Solution texts: boxed after reasoning, answer phrases in English and Chinese, conclusions. */
  static final String[] SOLUTIONS = {
    "We use the distance formula: \\begin{align*} \\sqrt{(2 - (-4))^2 + ((-6) - 3)^2} &= \\sqrt{6^2 + (-9)^2}\\\\ "
        + "& = \\sqrt{36 + 81}\\\\ & = \\sqrt{117} = \\boxed{3\\sqrt{13}}. \\end{align*}",
    "Let's denote the common difference of the arithmetic sequence as $d$. Since the first term is 1, the sequence "
        + "can be written as $1, 1+d, 1+2d, \\dots$. Solving for $d$, we get $d = \\frac{90}{n}$. The divisors of 90 "
        + "are 1, 2, 3, 5, 6, 9, 10, 15, 18, 30, 45, and 90. Therefore, there are 12 distinct arithmetic sequences.",
    "The interest is $0.05 \\cdot 10,200 \\cdot \\frac{1}{2} = \\boxed{255}$ So Dr. Zaius has $10,455. "
        + "Final Answer: The final answer is $10,455$. I hope it is correct.",
    "小明有 3 盒苹果，每盒 6 个，又买了 5 个。一共有 3 × 6 + 5 = 23 个。答案是 23 个。",
    "First, $x^2 - 5x + 6 = (x-2)(x-3)$, so the roots are $2$ and $3$. ".repeat(20)
        + "Thus, the integers are \\[ \\boxed{2} \\quad \\text{and} \\quad \\boxed{3}. \\]",
    "```python\nfrom sympy import symbols, solve\nx = symbols('x')\nprint(solve(x**2 - 4, x))\n```\n"
        + "```output\n[-2, 2]\n```\nSo the solutions are $x = \\pm 2$, i.e. $\\boxed{\\pm 2}$.",
  };

  /** Per-thread state: the equivalences and a cursor. */
  @State(Scope.Thread)
  public static class Rules {
    AnswerEquivalence rules;
    AnswerEquivalence cached;
    int i;

    /**
     * Builds the rules and a cache of 10,000 entries over them.
     */
    @Setup(Level.Trial)
    public void setUp() {
      rules = AnswerEquivalence.rules();
      cached = AnswerEquivalence.cached(rules, 10_000);
      for (String[] p : NUMERIC) {
        cached.compare(p[0], p[1]);
      }
    }
  }

  /**
   * The baseline: what naive graders do.
   *
   * @param s the thread's cursor
   * @return whether the trimmed strings are equal, returned so that it is not optimised away
   */
  @Benchmark
  public boolean baselineTrimmedStringEquality(Rules s) {
    String[] p = NUMERIC[Math.floorMod(s.i++, NUMERIC.length)];
    return p[0].strip().equals(p[1].strip());
  }

  /**
   * Rules on plain decimals (the fast path).
   *
   * @param s the thread's equivalences and cursor
   * @return the comparison, returned so that it is not optimised away
   */
  @Benchmark
  public Comparison rulesPlainNumbers(Rules s) {
    String[] p = PLAIN[Math.floorMod(s.i++, PLAIN.length)];
    return s.rules.compare(p[0], p[1]);
  }

  /**
   * Rules on numbers in mixed forms (full normalisation and parsing).
   *
   * @param s the thread's equivalences and cursor
   * @return the comparison, returned so that it is not optimised away
   */
  @Benchmark
  public Comparison rulesNumericMixedForms(Rules s) {
    String[] p = NUMERIC[Math.floorMod(s.i++, NUMERIC.length)];
    return s.rules.compare(p[0], p[1]);
  }

  /**
   * Rules on structured answers.
   *
   * @param s the thread's equivalences and cursor
   * @return the comparison, returned so that it is not optimised away
   */
  @Benchmark
  public Comparison rulesStructured(Rules s) {
    String[] p = STRUCTURED[Math.floorMod(s.i++, STRUCTURED.length)];
    return s.rules.compare(p[0], p[1]);
  }

  /**
   * Rules on the mixed forms of relations, chains, rounding, matrices and printed values.
   *
   * @param s the thread's equivalences and cursor
   * @return the comparison, returned so that it is not optimised away
   */
  @Benchmark
  public Comparison rulesMixedFormsWithRelations(Rules s) {
    String[] p = MIXED_FORMS[Math.floorMod(s.i++, MIXED_FORMS.length)];
    return s.rules.compare(p[0], p[1]);
  }

  /**
   * The extraction baseline: the last number of the text, by one regular expression.
   *
   * @param s the thread's cursor
   * @return the last number, or null when the text has none
   */
  @Benchmark
  public String baselineLastNumberRegex(Rules s) {
    java.util.regex.Matcher m = LAST_NUMBER.matcher(SOLUTIONS[Math.floorMod(s.i++, SOLUTIONS.length)]);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last;
  }

  private static final java.util.regex.Pattern LAST_NUMBER = java.util.regex.Pattern.compile("-?\\d+(?:\\.\\d+)?");

  /**
   * Final-answer extraction from solution texts (texts per second).
   *
   * @param s the thread's cursor
   * @return the extracted answer, if any
   */
  @Benchmark
  public java.util.Optional<ExtractedAnswer> extractFinalAnswer(Rules s) {
    return FinalAnswerExtractor.standard().extract(SOLUTIONS[Math.floorMod(s.i++, SOLUTIONS.length)]);
  }

  /**
   * Cache hits of the caching equivalence (keys already present).
   *
   * @param s the thread's equivalences and cursor
   * @return the cached comparison
   */
  @Benchmark
  public Comparison cacheHit(Rules s) {
    String[] p = NUMERIC[Math.floorMod(s.i++, NUMERIC.length)];
    return s.cached.compare(p[0], p[1]);
  }

  /** The sympy fallback through the real sandbox (warm workers, sympy preloaded). */
  @State(Scope.Benchmark)
  public static class Symbolic {
    PythonSandbox sandbox;
    AnswerEquivalence withSympy;

    /**
     * Starts a one-worker sandbox and the equivalence that falls back to sympy in it.
     */
    @Setup(Level.Trial)
    public void setUp() {
      sandbox = PythonSandbox.builder().workers(1).wallTime(Duration.ofSeconds(30)).build();
      withSympy = AnswerEquivalence.builder().symbolic(sandbox).build();
    }

    /**
     * Closes the sandbox.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
      sandbox.close();
    }
  }

  /**
   * One symbolic check ("gamma(5)" vs "24": the rules cannot read gamma).
   *
   * @param s the sandbox-backed equivalence
   * @return the comparison
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1, time = 2)
  @Measurement(iterations = 2, time = 3)
  public Comparison symbolicFallback(Symbolic s) {
    return s.withSympy.compare("gamma(5)", "24");
  }
}
