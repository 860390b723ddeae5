package dev.siam4j.critic.equivalence;

/** Whether two answers mean the same thing, as far as a judge can tell. */
public enum Equivalence {
  /** The answers are equivalent. */
  EQUAL,
  /** The answers are not equivalent. */
  NOT_EQUAL,
  /** The judge cannot tell; another judge (sympy, an LLM critic) should decide. */
  UNKNOWN
}
