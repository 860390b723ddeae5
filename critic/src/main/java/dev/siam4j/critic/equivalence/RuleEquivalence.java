package dev.siam4j.critic.equivalence;

import dev.siam4j.core.CodeExecutor;
import java.time.Duration;

/** The standard {@link AnswerEquivalence}: rules first, then an optional sympy check. */
final class RuleEquivalence implements AnswerEquivalence {
  private final Rules rules;
  private final SymbolicCheck symbolic;
  private final double relativeTolerance;

  RuleEquivalence(double relativeTolerance, CodeExecutor executor, Duration timeout) {
    this.relativeTolerance = relativeTolerance;
    this.rules = new Rules(relativeTolerance);
    this.symbolic = executor == null ? null : new SymbolicCheck(executor, timeout);
  }

  @Override
  public Comparison compare(String reference, String prediction) {
    java.util.Objects.requireNonNull(reference, "reference");
    java.util.Objects.requireNonNull(prediction, "prediction");
    try {
      return compareUnchecked(reference, prediction);
    } catch (RuntimeException | StackOverflowError e) {
      // the rules must never fail a run: an answer they choke on is one they cannot decide
      return new Comparison(Equivalence.UNKNOWN, "none", "rules failed: " + e);
    }
  }

  private Comparison compareUnchecked(String reference, String prediction) {
    String r = reference.strip();
    String p = prediction.strip();
    if (r.isEmpty()) {
      return new Comparison(Equivalence.UNKNOWN, "none", "empty reference");
    }
    if (p.isEmpty()) {
      return new Comparison(Equivalence.NOT_EQUAL, "rules", "empty prediction");
    }
    if (r.equals(p)) {
      return new Comparison(Equivalence.EQUAL, "rules", "identical text");
    }
    Equivalence fast = PlainNumbers.compare(r, p, relativeTolerance);
    if (fast != null) {
      return new Comparison(fast, "rules", "plain numbers");
    }
    String cr = AnswerText.clean(r);
    String cp = AnswerText.clean(p);
    if (cp.isEmpty()) {
      return new Comparison(Equivalence.NOT_EQUAL, "rules", "empty prediction after normalisation");
    }
    if (cr.equals(cp)) {
      return new Comparison(Equivalence.EQUAL, "rules", "identical after normalisation");
    }
    Answer a = AnswerParser.parse(cr);
    Answer b = AnswerParser.parse(cp);
    Equivalence e;
    try {
      e = rules.compare(a, b);
    } catch (RuntimeException | StackOverflowError ex) {
      e = Equivalence.UNKNOWN;
    }
    if (e != Equivalence.UNKNOWN) {
      return new Comparison(e, "rules", describe(a) + " vs " + describe(b));
    }
    if (symbolic == null) {
      return new Comparison(Equivalence.UNKNOWN, "none", "rules cannot decide " + describe(a) + " vs " + describe(b));
    }
    return symbolic.compare(a, cr, b, cp);
  }

  private static String describe(Answer a) {
    String name = a.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    return name.equals("many") ? (((Answer.Many) a).ordered() ? "tuple" : "set") : name;
  }

  @Override
  public String toString() {
    return "AnswerEquivalence[rules, tolerance=" + relativeTolerance + (symbolic == null ? "" : ", " + symbolic) + "]";
  }
}
