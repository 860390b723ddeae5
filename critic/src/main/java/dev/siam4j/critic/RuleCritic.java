package dev.siam4j.critic;

import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Verdict;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Comparison;
import java.util.Objects;
import java.util.Optional;

/** A critic from answer-equivalence rules alone: see {@link Critics#rules(AnswerEquivalence)}. */
final class RuleCritic implements Critic {
  private final AnswerEquivalence equivalence;

  RuleCritic(AnswerEquivalence equivalence) {
    this.equivalence = equivalence;
  }

  @Override
  public Verdict judge(CritiqueRequest request) {
    Objects.requireNonNull(request, "request");
    Verdict failed = failedRun(request.execution());
    if (failed != null) {
      return failed;
    }
    return toVerdict(equivalence.compare(request.problem().referenceAnswer(), request.execution().answer()));
  }

  /** @return a NO verdict for a program that did not run to the end or printed nothing, else null */
  static Verdict failedRun(Execution execution) {
    if (!execution.outcome().isSuccess()) {
      return Verdict.of(false, 0.0, Critics.RULES, "program ended " + execution.outcome());
    }
    if (execution.answer().isBlank()) {
      return Verdict.of(false, 0.0, Critics.RULES, "program printed no answer");
    }
    return null;
  }

  /** Rules decided: certain; undecided: NO with confidence 0.5. */
  static Verdict toVerdict(Comparison c) {
    switch (c.result()) {
      case EQUAL:
        return new Verdict(true, 1.0, c.method(), Optional.of(c.reason()));
      case NOT_EQUAL:
        return new Verdict(false, 0.0, c.method(), Optional.of(c.reason()));
      default:
        return new Verdict(false, 0.5, Critics.RULES, Optional.of("undecided: " + c.reason()));
    }
  }

  @Override
  public String toString() {
    return "Critics.rules(" + equivalence + ")";
  }
}
