package dev.siam4j.critic.equivalence;

import dev.siam4j.core.CodeExecutor;
import java.time.Duration;
import java.util.Objects;

/**
 * Decides whether a predicted answer (what a program printed) is equivalent to a reference answer
 * written by people, in three values: {@link Equivalence#EQUAL}, {@link Equivalence#NOT_EQUAL},
 * {@link Equivalence#UNKNOWN}.
 *
 * <p>The standard implementation ({@link #rules()}, {@link #builder()}) normalises both sides
 * (LaTeX wrappers, units in English and Chinese, thousands separators, Python and sympy printing),
 * reads them as numbers (exact rationals where possible), expressions, equations and their chains
 * ({@code x = 5+5+1 = 11}, {@code \approx}), one-variable relations ({@code 5 \leq x}, {@code -x > -1},
 * {@code x \neq 3}), tuples, sets, intervals, matrices (pmatrix, bmatrix, array, sympy), complex
 * numbers ({@code 3+4i}, {@code 3 + 4*I}, {@code (3+4j)}) or yes/no, and compares them
 * structurally. Error text (a Python
 * traceback) as the prediction is NOT_EQUAL. For solution texts, compare their final answers with
 * {@code FinalAnswerExtractor.standard().wrap(...)}. Where the rules cannot decide and
 * a {@link CodeExecutor} was given, it asks sympy, bounded in time; still undecided is UNKNOWN. It
 * never throws on odd input and never hangs on huge numbers ({@code 10^{10^{10}}}).
 *
 * <p><b>Rounded decimals.</b> A decimal matches an exact value it correctly rounds (the difference
 * is at most half a unit of its last shown place), but only when it shows enough digits to stand
 * for that value. A rounded <em>prediction</em> needs at least two decimal places and three
 * significant digits: {@code 0.333}, {@code 2.6667} and {@code 0.577} match 1/3, 8/3 and √3/3, while
 * {@code 0.33} does not match 1/3 (too few digits to claim the exact value). A <em>reference</em>
 * written rounded is matched at its own shown precision with two significant digits: a reference
 * {@code 0.33} accepts a printed {@code 1/3} or {@code 0.333333}, and {@code 33.3} accepts 100/3.
 * Either way the exact side must carry at least three more places than the rounded one, so two
 * short decimals ({@code 0.33}, {@code 0.34}) are never taken for roundings of each other.
 *
 * <p><b>Mixed numbers.</b> {@code 4 4/9}, {@code -4 4/9} and {@code 1 000 4/9} are whole part plus
 * fraction; digits on separate lines are separate numbers. An expression that divides by zero
 * ({@code 4 4/0}) has no value and equals no number.
 *
 * <pre>{@code
 * AnswerEquivalence eq = AnswerEquivalence.builder().symbolic(pythonExecutor).build();
 * eq.compare("x = 2 or x = -2", "[-2, 2]").result();   // EQUAL
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface AnswerEquivalence {

  /**
   * Compares two answers.
   *
   * @param reference the reference answer, in any free form
   * @param prediction the predicted answer, typically a program's last printed line
   * @return the comparison, naming what decided
   */
  Comparison compare(String reference, String prediction);

  /** @return the rules alone, with the default tolerance; no symbolic fallback */
  static AnswerEquivalence rules() {
    return builder().build();
  }

  /**
   * Wraps an equivalence with a bounded cache (Caffeine) keyed by the reference and prediction with
   * whitespace stripped and collapsed, so repeated pairs (many samples printing the same answer)
   * are compared once.
   *
   * @param delegate what computes comparisons on a miss
   * @param maximumSize the most pairs kept
   * @return the caching equivalence, thread-safe
   */
  static AnswerEquivalence cached(AnswerEquivalence delegate, long maximumSize) {
    java.util.Objects.requireNonNull(delegate, "delegate");
    if (maximumSize <= 0) {
      throw new IllegalArgumentException("maximumSize must be positive, was " + maximumSize);
    }
    return new CachingEquivalence(delegate, maximumSize);
  }

  /** @return a builder for the standard implementation */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures the standard rule-based implementation. Each setter validates at once; a value set
   * twice is an {@link IllegalStateException}. Reusable: {@link #build()} may be called again.
   */
  final class Builder {
    /** The default relative tolerance for numbers that are not both integers. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-8;
    /** The default time limit for one symbolic check. */
    public static final Duration DEFAULT_SYMBOLIC_TIMEOUT = Duration.ofSeconds(5);

    private Double relativeTolerance;
    private Double absoluteTolerance;
    private Boolean percentScaling;
    private CodeExecutor symbolic;
    private Duration symbolicTimeout;

    private Builder() {}

    /**
     * Sets the relative tolerance for numbers that are not both integers (integers compare
     * exactly). Decimals written with few places also match values that round to them.
     *
     * @param value in (0, 0.1]
     * @return this builder
     */
    public Builder relativeTolerance(double value) {
      if (!(value > 0 && value <= 0.1)) {
        throw new IllegalArgumentException("relativeTolerance must be in (0, 0.1], was " + value);
      }
      if (relativeTolerance != null) {
        throw new IllegalStateException("relativeTolerance was already set to " + relativeTolerance);
      }
      relativeTolerance = value;
      return this;
    }

    /**
     * Sets an absolute tolerance: numbers that differ by at most {@code value} are equal, integers
     * included. Off by default (only the relative tolerance and correct rounding apply).
     *
     * @param value positive and finite
     * @return this builder
     */
    public Builder absoluteTolerance(double value) {
      if (!(value > 0 && Double.isFinite(value))) {
        throw new IllegalArgumentException("absoluteTolerance must be positive and finite, was " + value);
      }
      if (absoluteTolerance != null) {
        throw new IllegalStateException("absoluteTolerance was already set to " + absoluteTolerance);
      }
      absoluteTolerance = value;
      return this;
    }

    /**
     * Whether a number also matches a hundred times or a hundredth of itself, as graders that
     * accept a percentage written without its sign do ({@code 0.7} against {@code 70}). Off by
     * default; a number written with {@code %} always matches its fraction ({@code 70%} against
     * {@code 0.7}).
     *
     * @param value true to scale percentages
     * @return this builder
     */
    public Builder percentScaling(boolean value) {
      if (percentScaling != null) {
        throw new IllegalStateException("percentScaling was already set to " + percentScaling);
      }
      percentScaling = value;
      return this;
    }

    /**
     * Enables the symbolic fallback: what the rules cannot decide is checked by a small sympy
     * program run by {@code executor} (which must have sympy importable). The executor stays the
     * caller's: it is not closed.
     *
     * @param executor runs Python
     * @return this builder
     */
    public Builder symbolic(CodeExecutor executor) {
      Objects.requireNonNull(executor, "executor");
      if (symbolic != null) {
        throw new IllegalStateException("symbolic was already set to " + symbolic);
      }
      symbolic = executor;
      return this;
    }

    /**
     * Sets the time a symbolic check may take (the program stops itself then; the executor's own
     * limits apply as well).
     *
     * @param value positive, at most 10 minutes
     * @return this builder
     */
    public Builder symbolicTimeout(Duration value) {
      Objects.requireNonNull(value, "value");
      if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("symbolicTimeout must be in (0, 10 min], was " + value);
      }
      if (symbolicTimeout != null) {
        throw new IllegalStateException("symbolicTimeout was already set to " + symbolicTimeout);
      }
      symbolicTimeout = value;
      return this;
    }

    /**
     * @return an immutable, thread-safe equivalence
     * @throws IllegalStateException when a symbolic timeout was set without a symbolic executor
     */
    public AnswerEquivalence build() {
      if (symbolicTimeout != null && symbolic == null) {
        throw new IllegalStateException("symbolicTimeout needs symbolic(executor)");
      }
      return new RuleEquivalence(
          relativeTolerance == null ? DEFAULT_RELATIVE_TOLERANCE : relativeTolerance,
          absoluteTolerance == null ? 0 : absoluteTolerance,
          percentScaling != null && percentScaling,
          symbolic,
          symbolicTimeout == null ? DEFAULT_SYMBOLIC_TIMEOUT : symbolicTimeout);
    }
  }
}
