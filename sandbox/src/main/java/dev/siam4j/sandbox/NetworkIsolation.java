package dev.siam4j.sandbox;

/** How a {@link PythonSandbox} keeps programs off the network. */
public enum NetworkIsolation {
  /** The default: {@link #NAMESPACE} where bubblewrap works here, else {@link #AUDIT_HOOK}. */
  AUTO,
  /**
   * Each worker runs in bubblewrap ({@code bwrap}) with its own network namespace (only an
   * isolated loopback), PID namespace, a read-only view of the file system, and a private
   * {@code /tmp}. Building a sandbox fails when bubblewrap is missing or does not work here.
   */
  NAMESPACE,
  /**
   * No namespaces: programs see the host's network stack and file system (subject to file
   * permissions), and an audit hook in the program's interpreter refuses to create non-Unix
   * sockets or to connect, bind or send. Weaker: a program can still reach the network through a
   * child process it starts (curl, another interpreter) or through ctypes. Use only where
   * bubblewrap cannot run.
   */
  AUDIT_HOOK
}
