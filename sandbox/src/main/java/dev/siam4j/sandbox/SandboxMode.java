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
   * interpreter itself, one after another. Confined, the worker runs in bubblewrap as an
   * unprivileged uid without capabilities, under the seccomp filter and in its cgroups, so no
   * program can mount, gain root or reach the host; but the programs of one worker share the
   * interpreter (imported modules and what a program did to them: a monkey-patched {@code math}
   * stays patched; builtins; threads and file descriptors left open), the process's memory (an
   * earlier program's source and output can be found in it), the worker's IPC namespace, and the
   * memory and process limits, which hold for the worker as a whole. Between programs the worker
   * resets {@code __main__}, the environment, {@code sys.path}, cwd, umask and the random seeds,
   * empties {@code /tmp} and {@code /dev/shm} (or is replaced when it cannot), and kills every
   * process the program left. Wall time is an interval timer (a program that swallows the
   * timer's exception is stopped by killing the worker); there is no CPU-time limit. A program
   * that kills or exits its worker costs a worker restart and is reported as {@code KILLED} or
   * {@code ERROR}, not retried. The program can forge its own outcome.
   */
  REUSE
}
