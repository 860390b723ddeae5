package dev.siam4j.sandbox;

/**
 * Whether a {@link PythonSandbox} confines its programs. There is no automatic choice: where
 * confinement cannot be set up, building a confined sandbox fails with a message that says what
 * is missing, and running without it must be asked for by name.
 */
public enum Confinement {
  /**
   * The default: every worker runs in bubblewrap with a minimal read-only root, no network, its
   * own PID, IPC, UTS and cgroup namespaces; every program runs as an unprivileged uid without
   * capabilities, under a seccomp filter, in its own mount and IPC namespaces with sized private
   * {@code /tmp} and {@code /dev/shm}, with its memory and process count limited for its whole
   * process tree by cgroups. Needs root, bubblewrap and the cgroup memory and pids controllers
   * (v2, or v1 as on most hosts today); see the package documentation.
   */
  CONFINED,
  /**
   * No confinement: programs run on the host, with rlimits that apply per process, an audit hook
   * that refuses sockets (which a determined program bypasses with ctypes or a child process), a
   * private working folder in the host's temp folder, and the JVM's uid unless that is root and
   * the interpreter's folders are world-readable, in which case a dedicated unprivileged uid. A
   * program can read whatever that uid can read on the host. For trusted programs only, or for
   * hosts where confinement is impossible and the programs are known to be harmless.
   */
  UNCONFINED
}
