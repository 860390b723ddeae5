package dev.siam4j.core;

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
 */
public record Verdict(boolean correct, double confidence, String judge, Optional<String> rationale) {

  /** Validates. */
  public Verdict {
    Checks.probability(confidence, "confidence");
    Checks.nonBlank(judge, "judge");
    Objects.requireNonNull(rationale, "rationale");
  }

  /** @return a certain verdict with no rationale */
  public static Verdict of(boolean correct, String judge) {
    return new Verdict(correct, correct ? 1.0 : 0.0, judge, Optional.empty());
  }

  /** @return a verdict with a rationale */
  public static Verdict of(boolean correct, double confidence, String judge, String rationale) {
    return new Verdict(correct, confidence, judge, Optional.of(rationale));
  }
}
