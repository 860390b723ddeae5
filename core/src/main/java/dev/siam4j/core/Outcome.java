package dev.siam4j.core;

/** How a program's execution ended. */
public enum Outcome {
  /** Exited with status 0. */
  OK,
  /** Raised an exception or exited with a non-zero status. */
  ERROR,
  /** Ran past its wall-time or CPU-time limit. */
  TIMEOUT,
  /** Ran past its memory limit. */
  MEMORY_LIMIT,
  /** Printed more than its output limit; the output kept is truncated. */
  OUTPUT_LIMIT,
  /** Ended by a signal that no limit explains. */
  KILLED,
  /** The sandbox itself failed; says nothing about the program. */
  SANDBOX_FAILURE;

  /** @return whether the program ran to a normal end */
  public boolean isSuccess() {
    return this == OK;
  }
}
