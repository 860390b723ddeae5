package dev.siam4j.sandbox;

/** How a {@link PythonSandbox} keeps programs off the network. */
public enum NetworkIsolation {
  /**
   * The default: {@link #NAMESPACE} for a {@link Confinement#CONFINED} sandbox, {@link
   * #AUDIT_HOOK} for an {@link Confinement#UNCONFINED} one. It never falls back: a confined
   * sandbox that cannot have its namespaces fails to build.
   */
  AUTO,
  /**
   * Each worker runs in bubblewrap with its own network namespace (only an isolated loopback), as
   * part of {@link Confinement#CONFINED}. Building fails when bubblewrap does not work here.
   */
  NAMESPACE,
  /**
   * Only with {@link Confinement#UNCONFINED}: programs see the host's network stack, and an audit
   * hook in the program's interpreter refuses to create non-Unix sockets or to connect, bind or
   * send. A program can still reach the network through a child process it starts or through
   * ctypes.
   */
  AUDIT_HOOK
}
