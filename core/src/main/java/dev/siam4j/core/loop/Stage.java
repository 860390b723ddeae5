package dev.siam4j.core.loop;

/** The stages of one iteration of the loop, in order. */
public enum Stage {
  /** The policy writes k programs per problem. */
  GENERATE,
  /** Each program runs in the executor. */
  EXECUTE,
  /** The critic judges each execution against the reference. */
  CRITIQUE,
  /**
   * Problems without an approved sample get more samples, executed and judged (only when the loop
   * has an {@link Exploration}).
   */
  EXPLORE,
  /** Quality control turns judged samples into SFT examples and preference pairs. */
  BUILD_DATA,
  /** The trainer makes the next policy. */
  TRAIN
}
