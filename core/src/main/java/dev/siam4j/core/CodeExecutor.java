package dev.siam4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a Python program and reports what it did. The default is the sandbox module's isolated
 * warm-pool executor.
 *
 * <p>A program's own faults (exceptions, time-outs, limits) are {@link Outcome}s, not exceptions;
 * only the executor's own faults may surface as {@link Outcome#SANDBOX_FAILURE} or, where nothing
 * can be reported, {@link ExecutionFailedException}. Implementations are thread-safe; one that owns
 * processes is {@link AutoCloseable} and its creator closes it.
 */
@FunctionalInterface
public interface CodeExecutor {

  /**
   * Runs one program.
   *
   * @param code Python source
   * @return what running it gave
   */
  Execution execute(String code);

  /**
   * Runs several programs; the default runs them one after another. Pools override it.
   *
   * @param programs Python sources
   * @return one execution per program, in order
   */
  default List<Execution> executeAll(List<String> programs) {
    Objects.requireNonNull(programs, "programs");
    List<Execution> out = new ArrayList<>(programs.size());
    for (String p : programs) {
      out.add(execute(p));
    }
    return out;
  }
}
