package dev.siam4j.alignment.preference;

/**
 * Which rejected samples a pair prefers when a problem has more than the pair cap allows.
 *
 * <p>A <em>wrong answer</em> is a program that ran and printed an answer the critic rejected; a
 * <em>crash</em> is any other rejected sample (no program, an exception, a timeout, no output).
 * Pairs against wrong answers teach reasoning; pairs against crashes mostly teach Python.
 */
public enum RejectedOrder {
  /** Wrong answers first, then crashes. The paper's choice, and the default. */
  WRONG_ANSWER_FIRST,
  /** Crashes first, then wrong answers. */
  CRASH_FIRST
}
