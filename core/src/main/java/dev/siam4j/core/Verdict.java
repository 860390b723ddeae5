package dev.siam4j.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.siam4j.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * A critic's judgement of one solution.
 *
 * @param correct whether the solution's answer matches the reference
 * @param confidence the critic's confidence in {@code correct}'s being true, in [0, 1] (for an LLM
 *     critic, P(YES); for rules, 1 or 0)
 * @param judge which judge decided ("rules", "sympy", "llm", a custom critic's name)
 * @param rationale why, when the judge says
 * @param abstained whether the judge declined to decide (the reference answer could not be
 *     interpreted, say): such a verdict is not correct, has confidence 0, and tells quality control
 *     that the problem gives no training data. See {@link #abstain(String, String)}.
 */
public record Verdict(
    boolean correct,
    double confidence,
    String judge,
    Optional<String> rationale,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean abstained) {

  /**
   * Validates.
   *
   * @param correct whether the answer matches the reference
   * @param confidence in [0, 1]
   * @param judge the deciding judge, not blank
   * @param rationale why, or empty; not null
   * @param abstained whether the judge declined; then {@code correct} must be false and {@code
   *     confidence} 0
   * @throws IllegalArgumentException when {@code confidence} is outside [0, 1], {@code judge} is
   *     blank or an abstention is correct or confident
   */
  public Verdict {
    Checks.probability(confidence, "confidence");
    Checks.nonBlank(judge, "judge");
    Objects.requireNonNull(rationale, "rationale");
    if (abstained && (correct || confidence != 0.0)) {
      throw new IllegalArgumentException(
          "an abstention is neither correct nor confident, was correct " + correct + " with confidence " + confidence);
    }
  }

  /**
   * A verdict that decides.
   *
   * @param correct whether the solution's answer matches the reference
   * @param confidence confidence in {@code correct}, in [0, 1]
   * @param judge which judge decided
   * @param rationale why, when the judge says
   */
  public Verdict(boolean correct, double confidence, String judge, Optional<String> rationale) {
    this(correct, confidence, judge, rationale, false);
  }

  /**
   * @param judge the judge that declined
   * @param reason why it could not decide (e.g. "cannot read the reference")
   * @return a verdict that abstains: not correct, confidence 0
   */
  public static Verdict abstain(String judge, String reason) {
    return new Verdict(false, 0.0, judge, Optional.of(Objects.requireNonNull(reason, "reason")), true);
  }

  /**
   * @param correct whether the answer matches the reference; the confidence is 1 if so, else 0
   * @param judge the deciding judge, not blank
   * @return a certain verdict with no rationale
   */
  public static Verdict of(boolean correct, String judge) {
    return new Verdict(correct, correct ? 1.0 : 0.0, judge, Optional.empty());
  }

  /**
   * @param correct whether the answer matches the reference
   * @param confidence in [0, 1]
   * @param judge the deciding judge, not blank
   * @param rationale why, not null
   * @return a verdict with a rationale
   */
  public static Verdict of(boolean correct, double confidence, String judge, String rationale) {
    return new Verdict(correct, confidence, judge, Optional.of(rationale));
  }
}
