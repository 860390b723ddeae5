package dev.siam4j.critic;

import dev.siam4j.core.Critic;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import java.util.Objects;

/**
 * Standard {@link Critic}s: the rules ({@link #rules(AnswerEquivalence)}) and the cascade of rules
 * and an LLM critic ({@link #cascade(AnswerEquivalence, Critic)}). The LLM critic itself comes from
 * {@link dev.siam4j.critic.llm.LlmCritic#builder()}.
 *
 * <p>Judge names in verdicts: {@value #RULES}, {@value #SYMPY}, {@value #LLM}.
 */
public final class Critics {
  /** Judge name of the rules. */
  public static final String RULES = "rules";
  /** Judge name of the sympy check behind the rules. */
  public static final String SYMPY = "sympy";
  /** Judge name of the LLM critic. */
  public static final String LLM = "llm";

  private Critics() {}

  /**
   * A critic from answer equivalence alone. A program that failed or printed nothing is NO; an
   * equal answer is YES with confidence 1, an unequal one NO with confidence 0 (judge
   * {@value #RULES} or {@value #SYMPY}); an undecided one is NO with confidence 0.5, judge
   * {@value #RULES}, rationale starting with "undecided".
   *
   * @param equivalence the rules, e.g. {@link AnswerEquivalence#builder()} with a symbolic executor
   * @return a thread-safe critic
   */
  public static Critic rules(AnswerEquivalence equivalence) {
    return new RuleCritic(Objects.requireNonNull(equivalence, "equivalence"));
  }

  /** @return {@link #rules(AnswerEquivalence)} with the default rules and no symbolic fallback */
  public static Critic rules() {
    return rules(AnswerEquivalence.rules());
  }

  /**
   * The paper's cascade with defaults (no audit, a cache of 100,000 comparisons): rules decide
   * what they can, the LLM critic decides the rest. See {@link #cascadeBuilder(AnswerEquivalence,
   * Critic)} for auditing.
   *
   * @param rules the rules
   * @param llm the critic for what the rules cannot decide
   * @return a thread-safe critic
   */
  public static Critic cascade(AnswerEquivalence rules, Critic llm) {
    return cascadeBuilder(rules, llm).build();
  }

  /**
   * A builder for the cascade.
   *
   * @param rules the rules
   * @param llm the critic for what the rules cannot decide (and for audits)
   * @return the builder
   */
  public static CascadeBuilder cascadeBuilder(AnswerEquivalence rules, Critic llm) {
    return new CascadeBuilder(
        Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(llm, "llm"));
  }
}
