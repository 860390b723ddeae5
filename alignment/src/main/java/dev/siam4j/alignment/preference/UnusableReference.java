package dev.siam4j.alignment.preference;

import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import java.util.function.Predicate;

/**
 * Tells problems whose reference answer the critic could not interpret, which give no training
 * data: an approval against a reference nobody understood teaches nothing, and a rejection may be
 * wrong.
 *
 * <p>The convention: a critic that cannot interpret a reference says so with {@link
 * dev.siam4j.core.Verdict#abstain(String, String)}. A problem is unusable when its reference is
 * blank or any of its verdicts abstained (the reference is the same for every sample, so one
 * abstention speaks for all). Verdicts whose judge is {@value #ABSTAIN_JUDGE} count as abstentions
 * too, whether or not their {@code abstained} flag is set.
 */
public final class UnusableReference {

  /**
   * A judge name that marks a verdict as an abstention without {@link
   * dev.siam4j.core.Verdict#abstained()}.
   *
   * @deprecated use {@link dev.siam4j.core.Verdict#abstain(String, String)}; still recognised
   */
  @Deprecated
  public static final String ABSTAIN_JUDGE = "abstain";

  private UnusableReference() {}

  /** @return the convention above: a blank reference, or a verdict that abstained */
  public static Predicate<JudgedProblem> byConvention() {
    return problem -> {
      if (problem.problem().referenceAnswer().isBlank()) {
        return true;
      }
      for (JudgedSample s : problem.samples()) {
        if (s.verdict().abstained() || ABSTAIN_JUDGE.equals(s.verdict().judge())) {
          return true;
        }
      }
      return false;
    };
  }

  /** @return a predicate that finds every reference usable */
  public static Predicate<JudgedProblem> never() {
    return problem -> false;
  }
}
