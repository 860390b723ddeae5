package dev.siam4j.critic;

import dev.siam4j.core.Critic;
import dev.siam4j.critic.equivalence.AnswerEquivalence;

/**
 * Configures {@link Critics#cascade}. Setters validate at once; a value set twice is an
 * {@link IllegalStateException}.
 */
public final class CascadeBuilder {
  private final AnswerEquivalence rules;
  private final Critic llm;
  private Double auditShare;
  private Long cacheSize;
  private Long seed;

  CascadeBuilder(AnswerEquivalence rules, Critic llm) {
    this.rules = rules;
    this.llm = llm;
  }

  /**
   * Sets the share of rule decisions that the LLM critic also judges, chosen by a hash of the
   * request and the seed (so a rerun audits the same ones). Default 0.
   *
   * @param value in [0, 1]
   * @return this builder
   */
  public CascadeBuilder auditShare(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("auditShare must be in [0, 1], was " + value);
    }
    if (auditShare != null) {
      throw new IllegalStateException("auditShare was already set to " + auditShare);
    }
    auditShare = value;
    return this;
  }

  /**
   * Sets how many (reference, output) comparisons the cache keeps. Default 100,000.
   *
   * @param value positive
   * @return this builder
   */
  public CascadeBuilder cacheSize(long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("cacheSize must be positive, was " + value);
    }
    if (cacheSize != null) {
      throw new IllegalStateException("cacheSize was already set to " + cacheSize);
    }
    cacheSize = value;
    return this;
  }

  /**
   * Sets the seed that picks audited decisions. Default 0.
   *
   * @param value any
   * @return this builder
   */
  public CascadeBuilder seed(long value) {
    if (seed != null) {
      throw new IllegalStateException("seed was already set to " + seed);
    }
    seed = value;
    return this;
  }

  /** @return the cascade, thread-safe */
  public Critic build() {
    return new CascadeCritic(
        AnswerEquivalence.cached(rules, cacheSize == null ? 100_000 : cacheSize),
        llm,
        auditShare == null ? 0.0 : auditShare,
        seed == null ? 0L : seed);
  }
}
