/**
 * The default {@link dev.siam4j.core.CodeExecutor}: {@link dev.siam4j.sandbox.PythonSandbox}, a
 * pool of warm Python interpreters that run untrusted programs isolated and resource-limited.
 *
 * <h2>What a program gets, in the default isolated mode</h2>
 *
 * <ul>
 *   <li>A child forked from a warm interpreter that has imported sympy, numpy, math, fractions and
 *       itertools; the program runs in a fresh {@code __main__}, so the imports cost nothing and
 *       nothing an earlier program did is visible (the worker never runs program code).
 *   <li>Limits ({@link dev.siam4j.sandbox.SandboxLimits}): wall time (SIGTERM, then SIGKILL to its
 *       process group), CPU time, address space, processes and threads, file size, and a cap on
 *       stdout + stderr together.
 *   <li>A new session and process group; every descendant left behind (background children,
 *       double-forked daemons) is killed and reaped after the program, since the worker is a
 *       child subreaper.
 *   <li>When the JVM runs as root: a dedicated unprivileged uid per worker, so the program cannot
 *       signal the worker, write outside its folder, or escape the process limit (which Linux
 *       does not apply to root).
 *   <li>A private working folder (also {@code HOME} and {@code TMPDIR}), removed afterwards; a
 *       clean environment (no host variables); stdin at end of file.
 *   <li>With bubblewrap ({@link dev.siam4j.sandbox.NetworkIsolation#NAMESPACE}, chosen
 *       automatically where it works): a network namespace with only its own loopback, a PID
 *       namespace, a read-only root file system and a private {@code /tmp}. Without it ({@code
 *       AUDIT_HOOK}): an audit hook refuses sockets, which a determined program can bypass with a
 *       child process or ctypes; the file system is then protected only by the uid (as root) or
 *       not at all (as an ordinary user, programs run as that user).
 * </ul>
 *
 * <p>{@link dev.siam4j.sandbox.SandboxMode#REUSE} trades isolation for speed; {@link
 * dev.siam4j.sandbox.cache.CachingCodeExecutor} caches deterministic programs; {@link
 * dev.siam4j.sandbox.remote.HttpCodeExecutor} sends programs to a SandboxFusion service.
 */
package dev.siam4j.sandbox;
