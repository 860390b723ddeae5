package dev.siam4j.core.remote;

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
}
