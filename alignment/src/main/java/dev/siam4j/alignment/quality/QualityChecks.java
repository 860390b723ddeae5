package dev.siam4j.alignment.quality;

import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Problem;
import dev.siam4j.core.internal.Checks;
import java.math.BigDecimal;

/**
 * The standard {@link QualityCheck}s. Each is stateless and thread-safe.
 *
 * <p>The program checks ({@link #computes()}, {@link #grounded()}) read the sample's extracted
 * code with a lexical scan (comments and string contents skipped, f-string expressions kept), not
 * by running it.
 */
public final class QualityChecks {
  private QualityChecks() {}

  /**
   * A program was extracted, it ran to a normal end ({@code Outcome.OK}) and it printed an answer.
   *
   * @return the check
   */
  public static QualityCheck executesAndPrints() {
    return (problem, sample) ->
        sample.solution().hasCode()
            && sample.execution().outcome().isSuccess()
            && !sample.execution().answer().isBlank();
  }

  /**
   * The completion's length, in characters (UTF-16 code units), lies in {@code [minChars,
   * maxChars]}.
   *
   * @param minChars the shortest allowed length, not negative
   * @param maxChars the longest allowed length, at least {@code minChars}
   * @return the check
   * @throws IllegalArgumentException when {@code minChars} is negative or above {@code maxChars}
   */
  public static QualityCheck lengthBetween(int minChars, int maxChars) {
    Checks.nonNegative(minChars, "minChars");
    if (maxChars < minChars) {
      throw new IllegalArgumentException(
          "maxChars must be at least minChars (" + minChars + "), was " + maxChars);
    }
    return (problem, sample) -> {
      int length = sample.solution().completion().text().length();
      return length >= minChars && length <= maxChars;
    };
  }

  /**
   * The program computes something: an arithmetic or comparison operator, a call of anything but
   * {@code print}/{@code str}, a subscript, a loop or a condition. A program that only assigns and
   * prints literals ({@code answer = 160; print(answer)}) fails: it hit the answer without
   * working for it. A sample without code passes (other rules deal with it).
   *
   * @return the check
   */
  public static QualityCheck computes() {
    return (problem, sample) ->
        !sample.solution().hasCode() || ProgramScan.of(sample.solution().code()).computes();
  }

  /**
   * Every numeric literal of the program comes from the question: a numeral it states ("1,200",
   * "3.5", "80%" as 80 or 0.8), a number word ("twelve", "dozen", "half", "两"), or a constant its
   * words imply (100 for a percent, 60 for hours or minutes, 7 for a week, 12 for a dozen or a
   * year, ...); 0 and 1 are always allowed.
   *
   * <p>Why: when only the printed answer is checked, self-training learns programs that hit the
   * right number for the wrong reason ("200 apples, 80% sold" answered by {@code a=20; b=8;
   * print(a*b)}). A sample without code passes.
   *
   * @return the check
   */
  public static QualityCheck grounded() {
    return new Grounding();
  }

  /** The grounding check, which reads each question once however many samples it has. */
  private static final class Grounding implements QualityCheck {
    /** The last question this thread read: the samples of a problem come one after another. */
    private final ThreadLocal<Object[]> last = new ThreadLocal<>();

    @Override
    public boolean accepts(Problem problem, JudgedSample sample) {
      if (!sample.solution().hasCode()) {
        return true;
      }
      ProgramScan scan = ProgramScan.of(sample.solution().code());
      if (scan.numbers().isEmpty()) {
        return true;
      }
      Object[] cached = last.get();
      QuestionNumbers question;
      if (cached != null && cached[0] == problem.question()) {
        question = (QuestionNumbers) cached[1];
      } else {
        question = QuestionNumbers.of(problem.question());
        last.set(new Object[] {problem.question(), question});
      }
      return isGrounded(scan, question);
    }
  }

  private static boolean isGrounded(ProgramScan scan, QuestionNumbers question) {
    for (BigDecimal n : scan.numbers()) {
      if (!question.contains(n)) {
        return false;
      }
    }
    return true;
  }
}
