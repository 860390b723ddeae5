package dev.siam4j.critic.equivalence;

import java.util.Objects;

/**
 * The outcome of comparing a reference answer with a predicted one.
 *
 * @param result equal, not equal, or unknown
 * @param method what decided: {@code "rules"}, {@code "sympy"}, or {@code "none"} when nothing could
 * @param reason a short explanation for logs and verdict rationales
 */
public record Comparison(Equivalence result, String method, String reason) {

  /**
   * Validates.
   *
   * @param result the outcome, not null
   * @param method what decided, not null
   * @param reason a short explanation, not null
   */
  public Comparison {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(reason, "reason");
  }

  /** @return whether a judge decided (the result is not {@link Equivalence#UNKNOWN}) */
  public boolean decided() {
    return result != Equivalence.UNKNOWN;
  }
}
