/**
 * The default {@link dev.siam4j.core.CodeExecutor}: {@link dev.siam4j.sandbox.PythonSandbox}, a
 * pool of warm Python interpreters that run untrusted programs confined and resource-limited.
 * {@code docs/SANDBOX.md} compares every mode with a container per program.
 *
 * <h2>What a program gets, by default ({@link dev.siam4j.sandbox.Confinement#CONFINED}, {@link
 * dev.siam4j.sandbox.SandboxMode#ISOLATED})</h2>
 *
 * <ul>
 *   <li>A child forked from a warm interpreter that has imported sympy, numpy, math, fractions and
 *       itertools and never ran program code: the worker's fork server, PID 1 of its namespace,
 *       which never held anything of an earlier program (source, output, exit status, output
 *       length; its supervisor process handles those). The program runs in a fresh {@code
 *       __main__}.
 *   <li>A worker in bubblewrap: a minimal read-only root (the interpreter's folders, the system
 *       libraries, {@code /etc/ld.so.cache}, {@code /dev/null}, {@code /dev/zero}, {@code
 *       /dev/urandom}, {@code /proc}), no network but its own loopback, its own PID, IPC, UTS and
 *       cgroup namespaces. No host folder, socket or secret is visible.
 *   <li>Per program: new mount and IPC namespaces with sized tmpfs at {@code /tmp} (its working
 *       folder, {@code HOME} and {@code TMPDIR}) and {@code /dev/shm}, freed by the kernel when it
 *       ends; a new session keyring; a dedicated unprivileged uid per worker without capabilities;
 *       a seccomp filter (no keyrings, mounts, namespaces, ptrace, bpf, io_uring, modules, kexec);
 *       a clean environment; stdin at end of file.
 *   <li>Limits ({@link dev.siam4j.sandbox.SandboxLimits}) for the whole process tree through the
 *       cgroup memory and pids controllers (v2 or v1), plus wall time (SIGTERM, then SIGKILL to
 *       the tree), CPU time, file size and a cap on stdout + stderr together.
 *   <li>Everything left behind (background children, double-forked daemons) killed after the
 *       program, and the program's outcome decided from the worker's own evidence only.
 * </ul>
 *
 * <p>Where this cannot be set up (no bubblewrap, not root, no usable cgroups), building the sandbox
 * fails with {@link dev.siam4j.sandbox.ConfinementUnavailableException}, whose message says what is
 * missing and how to provide it; {@link dev.siam4j.sandbox.Confinement#UNCONFINED} runs programs on
 * the host with per-process limits only, and must be asked for by name. {@link
 * dev.siam4j.sandbox.SandboxMode#REUSE} trades isolation between programs for speed; {@link
 * dev.siam4j.sandbox.cache.CachingCodeExecutor} caches deterministic programs; {@link
 * dev.siam4j.sandbox.remote.HttpCodeExecutor} sends programs to a SandboxFusion service.
 */
package dev.siam4j.sandbox;
