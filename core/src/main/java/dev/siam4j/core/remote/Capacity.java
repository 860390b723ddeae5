package dev.siam4j.core.remote;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A component that serves a bounded number of calls at once, such as a generator or an executor
 * over several remote endpoints. Callers size their own concurrency from it: more calls than the
 * capacity only wait in a queue, fewer leave servers idle.
 */
@FunctionalInterface
public interface Capacity {

  /**
   * @return how many calls the component serves at once, at least 1: for a remote component the
   *     sum of its endpoints' in-flight limits
   */
  int capacity();

  /**
   * @param component a generator, executor, critic or anything else
   * @return its capacity when it reports one (implements {@link Capacity}), else empty
   */
  static OptionalInt capacityOf(Object component) {
    Objects.requireNonNull(component, "component");
    return component instanceof Capacity c ? OptionalInt.of(c.capacity()) : OptionalInt.empty();
  }

  /**
   * How many problems a stage should work on at once to keep a component of {@code capacity} busy
   * when each problem makes {@code callsPerProblem} calls (k samples, k programs): twice the
   * problems that fill the capacity, so that while one problem waits for its last calls the next
   * one's calls already fill the freed slots. The calls beyond the capacity wait in the component,
   * so memory stays bounded by this number of problems.
   *
   * @param capacity the component's {@link #capacity()}, positive
   * @param callsPerProblem calls one problem makes, positive
   * @return {@code 2 * ceil(capacity / callsPerProblem)}
   */
  static int problemsInFlight(int capacity, int callsPerProblem) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    if (callsPerProblem <= 0) {
      throw new IllegalArgumentException("callsPerProblem must be positive, was " + callsPerProblem);
    }
    long fill = ((long) capacity + callsPerProblem - 1) / callsPerProblem;
    return (int) Math.min(Integer.MAX_VALUE / 2, 2 * fill);
  }
}
