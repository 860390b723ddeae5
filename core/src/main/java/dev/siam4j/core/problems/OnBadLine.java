package dev.siam4j.core.problems;

/** What a problem reader does with a line it cannot use (bad JSON, a missing field, a duplicate id). */
public enum OnBadLine {
  /** Stop at the first bad line with an {@link BadLineException} naming file, line and field. */
  FAIL,
  /**
   * Skip the line, log it at WARN and count it in the {@link ReadReport}; reading goes on with the
   * next line.
   */
  SKIP
}
