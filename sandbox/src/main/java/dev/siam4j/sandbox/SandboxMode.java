package dev.siam4j.sandbox;

/** How a {@link PythonSandbox} worker runs programs. */
public enum SandboxMode {
  /**
   * The default: every program runs in a child forked from the warm interpreter, with its own
   * limits, working folder, environment and {@code __main__}; nothing one program does is visible
   * to the next. Costs one fork per program.
   */
  ISOLATED,
  /**
   * Opt-in, for trusted or throughput-critical batches: programs run inside the worker
   * interpreter itself, one after another. Between programs the worker resets {@code __main__},
   * the environment, {@code sys.path}, the working folder and the random seeds, but not what a
   * program did to imported modules, builtins or the interpreter (a monkey-patched {@code math}
   * stays patched). Limits are per worker: memory and file size by rlimits, wall time by an
   * interval timer (a program that swallows the timer's exception is stopped by killing the
   * worker). A program that kills or exits its worker ({@code os.kill}, a crash) costs a worker
   * restart and is reported as {@code KILLED} or {@code ERROR}, not retried. Without bubblewrap,
   * a worker whose JVM was killed notices only after its current program ends or times out.
   */
  REUSE
}
