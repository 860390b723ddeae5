package dev.siam4j.sandbox;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.ExecutionFailedException;
import dev.siam4j.core.extraction.AnswerExtractor;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The default {@link CodeExecutor}: runs Python programs in a pool of warm interpreters, confined
 * and resource-limited.
 *
 * <p>Each worker is a Python process that has already imported what math programs use (sympy,
 * numpy, math, fractions, itertools), so no program pays import time. By default ({@link
 * Confinement#CONFINED}) every worker runs in bubblewrap with a minimal read-only root and no
 * network, and in {@link SandboxMode#ISOLATED} mode forks a child per program that gets its own
 * mount and IPC namespaces with sized private {@code /tmp} and {@code /dev/shm}, a fresh session
 * keyring, an unprivileged uid without capabilities, a seccomp filter, rlimits, and the worker's
 * cgroups, which limit memory and processes for the program's whole tree. Children are forked
 * from the worker's fork server, which never runs program code and never holds anything of an
 * earlier program (its source, output, exit status or output length: a separate supervisor process
 * handles those), so no program sees what an earlier one did. The package documentation and {@code
 * docs/SANDBOX.md} list every guarantee and what the host must provide; where the host cannot
 * provide it, {@link Builder#build()} fails instead of running programs unconfined.
 *
 * <pre>{@code
 * try (PythonSandbox sandbox = PythonSandbox.builder()
 *     .workers(2)
 *     .wallTime(Duration.ofSeconds(5))
 *     .build()) {
 *   Execution e = sandbox.execute("print(6 * 7)");   // OK, answer "42"
 * }
 * }</pre>
 *
 * <p>A program's own faults are {@link dev.siam4j.core.Outcome}s decided from the worker's own
 * evidence; a worker that dies is replaced and the program retried once before {@code
 * SANDBOX_FAILURE} is reported, and a worker that cannot clean up after a program is replaced
 * while the program keeps its outcome. Thread-safe. Owns processes and cgroups: the creator closes
 * it; no worker, program or cgroup survives {@link #close()}, and a shutdown hook closes it if the
 * JVM exits first (a killed JVM's workers see their input close and end).
 */
public final class PythonSandbox implements CodeExecutor, AutoCloseable {

  /** The modules every worker imports before its first program. */
  public static final List<String> DEFAULT_PRELOAD =
      List.of("math", "fractions", "itertools", "statistics", "decimal", "random", "sympy", "numpy");

  private static final String SCRIPT = loadScript();

  /** What a built sandbox runs with; copied into every worker. */
  record Settings(
      String interpreterCommand,
      Interpreter interpreter,
      int workers,
      int queueCapacity,
      SandboxLimits limits,
      SandboxMode mode,
      NetworkIsolation requestedNetwork,
      NetworkIsolation network,
      AnswerExtractor answerExtractor,
      boolean customExtractor,
      List<String> preload,
      Duration killGrace,
      Duration startupTimeout,
      int uidBase,
      Confinement confinement,
      Path bubblewrap,
      Path requestedBubblewrap) {}

  private final Settings settings;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final BlockingQueue<Worker.Task> queue;
  private final List<Worker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;
  private final Path hostWorkBase;
  private final Cgroups cgroups;

  private PythonSandbox(Settings settings, Cgroups cgroups) {
    this.settings = settings;
    this.cgroups = cgroups;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    var dog =
        new java.util.concurrent.ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "siam4j-sandbox-watchdog-" + id);
              t.setDaemon(true);
              return t;
            });
    dog.setRemoveOnCancelPolicy(true); // one cancelled timer per program must not pile up
    this.watchdog = dog;
    this.hostWorkBase = settings.confinement() == Confinement.CONFINED ? null : hostTempDir();
    this.shutdownHook = new Thread(this::closeQuietly, "siam4j-sandbox-shutdown-" + id);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    for (int slot = 0; slot < settings.workers(); slot++) {
      Worker w = new Worker(slot, queue, this::startWorker, settings, watchdog, closed);
      workers.add(w);
      Thread t = new Thread(w, "siam4j-sandbox-" + id + "-" + slot);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    try {
      awaitReady();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  private void awaitReady() {
    RuntimeException failure = null;
    long space = 0;
    for (Worker w : workers) {
      try {
        space = Math.max(space, w.ready.get().ready().path("addressSpace").asLong());
      } catch (ExecutionException e) {
        failure = e.getCause() instanceof RuntimeException re
            ? re : new ExecutionFailedException(e.getCause().getMessage(), e.getCause());
        if (settings.confinement() == Confinement.CONFINED) {
          failure = new ConfinementUnavailableException("the confined sandbox could not start its"
              + " worker in bubblewrap (" + settings.bubblewrap() + "): " + failure.getMessage()
              + "; check that bubblewrap works here (apt-get install bubblewrap) and that this"
              + " host allows mount, IPC and PID namespaces, or build with"
              + " confinement(Confinement.UNCONFINED) to run programs without confinement",
              failure);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new ExecutionFailedException("interrupted while starting the sandbox", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (space + (64L << 20) > settings.limits().memoryBytes()) {
      throw new IllegalArgumentException("memoryBytes (" + settings.limits().memoryBytes()
          + ") leaves programs no room: the warm interpreter alone uses " + space
          + " bytes of address space; allow at least 64 MiB more");
    }
  }

  /** @return a builder with every default */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding this sandbox's settings, to derive a variant */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.base = settings;
    return b;
  }

  /**
   * Runs one program and waits for its execution.
   *
   * @param code Python source
   * @return what running it gave; never throws for the program's faults
   * @throws IllegalStateException when the sandbox is closed
   */
  @Override
  public Execution execute(String code) {
    return join(submit(code));
  }

  /**
   * Runs programs on all workers at once, blocking while the queue is full.
   *
   * @param programs Python sources
   * @return one execution per program, in order
   */
  @Override
  public List<Execution> executeAll(List<String> programs) {
    Objects.requireNonNull(programs, "programs");
    List<CompletableFuture<Execution>> futures = new ArrayList<>(programs.size());
    for (String p : programs) {
      futures.add(submit(p));
    }
    List<Execution> out = new ArrayList<>(futures.size());
    for (CompletableFuture<Execution> f : futures) {
      out.add(join(f));
    }
    return out;
  }

  /**
   * Queues one program. Blocks while the queue is full (back-pressure); returns once queued.
   *
   * @param code Python source
   * @return completed with the execution (exceptionally only when the sandbox closes first)
   * @throws IllegalStateException when the sandbox is closed
   */
  public CompletableFuture<Execution> submit(String code) {
    Objects.requireNonNull(code, "code");
    return enqueue(new Worker.Task(code, 0, new CompletableFuture<>()));
  }

  /**
   * Measures the floor of the isolated mode: the mean time one worker takes to fork its warm
   * interpreter, let the child exit at once, and reap it. For tests of the worker only.
   *
   * @param forks how many forks to average over
   * @return the mean time per fork
   */
  Duration measureForkFloor(int forks) {
    if (forks <= 0) {
      throw new IllegalArgumentException("forks must be positive, was " + forks);
    }
    return join(enqueue(new Worker.Task(null, forks, new CompletableFuture<>()))).elapsed();
  }

  private CompletableFuture<Execution> enqueue(Worker.Task task) {
    if (closed.get()) {
      throw new IllegalStateException("the sandbox is closed");
    }
    try {
      queue.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionFailedException("interrupted while queueing a program", e);
    }
    if (closed.get()) {
      failQueued();
    }
    return task.result();
  }

  /** @return this sandbox's id, which its worker processes carry in their command lines */
  String id() {
    return id;
  }

  /** @return the limits every program runs under */
  public SandboxLimits limits() {
    return settings.limits();
  }

  /** @return the mode workers run programs in */
  public SandboxMode mode() {
    return settings.mode();
  }

  /** @return whether programs are confined ({@link Confinement#CONFINED} unless asked otherwise) */
  public Confinement confinement() {
    return settings.confinement();
  }

  /** @return the network isolation in effect ({@code NAMESPACE} or {@code AUDIT_HOOK}) */
  public NetworkIsolation networkIsolation() {
    return settings.network();
  }

  /** @return the real interpreter binary workers run */
  public Path interpreter() {
    return settings.interpreter().executable();
  }

  /** @return the interpreter's version, such as "3.11.7" */
  public String pythonVersion() {
    return settings.interpreter().version();
  }

  /** @return the number of workers */
  public int workers() {
    return settings.workers();
  }

  /** @return how many worker processes were replaced after crashes, limits or failures */
  public int restarts() {
    return workers.stream().mapToInt(Worker::restarts).sum();
  }

  /**
   * @return a text that changes whenever something that can change a program's execution
   *     changes: interpreter and version, mode, limits, network isolation, preloaded modules; a
   *     cache key component
   */
  public String fingerprint() {
    SandboxLimits l = settings.limits();
    return String.join("|", "python", settings.interpreter().executable().toString(),
        settings.interpreter().version(), settings.mode().name(), settings.network().name(),
        settings.confinement().name(),
        l.wallTime().toString(), l.cpuTime().toString(), Long.toString(l.memoryBytes()),
        Integer.toString(l.outputBytes()), Integer.toString(l.processes()),
        Long.toString(l.fileSizeBytes()), String.join(",", settings.preload()));
  }

  /** Stops every worker and every program they run, and removes their working folders. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is shutting down: this is the hook
    }
    failQueued();
    for (int i = 0; i < threads.size(); i++) {
      queue.offer(Worker.POISON);
    }
    workers.forEach(Worker::kill);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    failQueued();
    watchdog.shutdownNow();
    if (cgroups != null) {
      cgroups.close();
    }
    if (hostWorkBase != null) {
      deleteTree(hostWorkBase);
    }
  }

  @Override
  public String toString() {
    return "PythonSandbox[" + settings.workers() + " workers, " + settings.mode() + ", "
        + settings.confinement() + ", " + settings.network()
        + (cgroups == null ? "" : ", cgroup " + cgroups.version()) + ", python "
        + pythonVersion() + "]";
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // best effort at exit
    }
  }

  private void failQueued() {
    List<Worker.Task> left = new ArrayList<>();
    queue.drainTo(left);
    for (Worker.Task t : left) {
      if (t != Worker.POISON) {
        t.result().completeExceptionally(new ExecutionFailedException("the sandbox is closed"));
      }
    }
  }

  private Zygote startWorker(int slot) {
    boolean confined = settings.confinement() == Confinement.CONFINED;
    boolean dropUid = ZygoteCommand.root()
        && (confined || ZygoteCommand.worldReadable(settings.interpreter().paths()));
    SandboxLimits l = settings.limits();
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("wallSeconds", l.wallTime().toNanos() / 1e9);
    limits.put("cpuSeconds", (l.cpuTime().toMillis() + 999) / 1000);
    limits.put("memoryBytes", l.memoryBytes());
    limits.put("outputBytes", l.outputBytes());
    limits.put("processes", l.processes());
    limits.put("fileSizeBytes", l.fileSizeBytes());
    limits.put("tmpBytes", tmpfsBytes(l));
    limits.put("tmpInodes", TMPFS_INODES);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("preload", settings.preload());
    config.put("limits", limits);
    config.put("mode", settings.mode() == SandboxMode.REUSE ? "reuse" : "isolated");
    config.put("confined", confined);
    config.put("cgroup", cgroups == null ? 0 : cgroups.version().number);
    config.put("blockSockets", !confined);
    config.put("uid", settings.uidBase() + slot);
    config.put("dropUid", dropUid);
    config.put("killGraceSeconds", settings.killGrace().toNanos() / 1e9);
    String marker = "siam4j-sandbox-" + id + "-" + slot;
    if (!confined) {
      config.put("workBase", hostWorkBase.resolve(
          "w" + slot + "-" + UUID.randomUUID().toString().substring(0, 6)).toString());
      return Zygote.start(ZygoteCommand.unconfined(settings.interpreter(), SCRIPT,
          Json.toLine(config), marker), settings.startupTimeout().toMillis());
    }
    config.put("workBase", "/tmp");
    Cgroups.Group group;
    try {
      // the program's processes and threads, and the worker's own processes (isolated: the fork
      // server and the supervisor; reuse: the worker): they join the group once, so that their
      // forks need no migration
      boolean isolated = settings.mode() == SandboxMode.ISOLATED;
      group = cgroups.newGroup(slot, l.memoryBytes(), l.processes() + (isolated ? 2 : 1));
    } catch (IOException e) {
      throw new ExecutionFailedException("cannot create the cgroup of sandbox worker " + slot
          + ": " + e.getMessage(), e, true);
    }
    try {
      Zygote z = Zygote.start(ZygoteCommand.confined(settings.bubblewrap(), settings.interpreter(),
          cgroups, group, SCRIPT, Json.toLine(config), marker,
          settings.mode() == SandboxMode.ISOLATED),
          settings.startupTimeout().toMillis());
      z.process().onExit().thenRun(() -> cgroups.remove(group));
      return z;
    } catch (RuntimeException e) {
      cgroups.remove(group);
      throw e;
    }
  }

  /** Inodes of each program's /tmp and /dev/shm: enough for any math program, bounded cleanup. */
  static final int TMPFS_INODES = 65_536;

  /**
   * @return the size of each program's /tmp and /dev/shm: the memory limit, so that the memory
   *     controller, which counts both, is what stops a program that fills them
   */
  static long tmpfsBytes(SandboxLimits l) {
    return l.memoryBytes();
  }

  private static Execution join(CompletableFuture<Execution> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static Path hostTempDir() {
    try {
      Path dir = Files.createTempDirectory("siam4j-sandbox-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      return dir;
    } catch (IOException e) {
      throw new ExecutionFailedException("cannot create the sandbox's working folder", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a tree too deep for paths, or locked folders: rm(1) works through descriptors
    }
    if (Files.exists(dir)) {
      try {
        new ProcessBuilder("chmod", "-R", "u+rwx", dir.toString()).start().waitFor();
        new ProcessBuilder("rm", "-rf", "--one-file-system", dir.toString()).start().waitFor();
      } catch (IOException e) {
        // best effort: the folder is in the temp folder
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String loadScript() {
    try (InputStream in = PythonSandbox.class.getResourceAsStream("zygote.py")) {
      if (in == null) {
        throw new IllegalStateException("zygote.py is missing from the sandbox jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zygote.py from the sandbox jar", e);
    }
  }

  /**
   * Configures a {@link PythonSandbox}. Each setter checks its value at once and may be called
   * once (a builder from {@link PythonSandbox#toBuilder()} starts from the sandbox's settings,
   * which each setter may override once); {@link #build()} fills defaults, starts the workers and may be called again for another
   * sandbox. Not thread-safe.
   */
  public static final class Builder {
    private String interpreter;
    private Integer workers;
    private Integer queueCapacity;
    private SandboxLimits limits;
    private Duration wallTime;
    private Duration cpuTime;
    private Long memoryBytes;
    private Integer outputBytes;
    private Integer processes;
    private Long fileSizeBytes;
    private SandboxMode mode;
    private NetworkIsolation network;
    private AnswerExtractor answerExtractor;
    private List<String> preload;
    private Duration killGrace;
    private Duration startupTimeout;
    private Confinement confinement;
    private Path bubblewrap;
    private Settings base;

    private Builder() {}

    private <T> T pick(T value, java.util.function.Function<Settings, T> inherited, T fallback) {
      if (value != null) {
        return value;
      }
      return base != null ? inherited.apply(base) : fallback;
    }

    private static <T> T once(T old, T value, String name) {
      Objects.requireNonNull(value, name);
      if (old != null) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
      return value;
    }

    /**
     * @param command the Python interpreter: a name on PATH or a path (default {@code python3});
     *     a pyenv shim is resolved to the real binary
     * @return this builder
     */
    public Builder interpreter(String command) {
      Objects.requireNonNull(command, "interpreter");
      if (command.isBlank()) {
        throw new IllegalArgumentException("interpreter must not be blank");
      }
      interpreter = once(interpreter, command, "interpreter");
      return this;
    }

    /**
     * @param count worker processes (default: available processors)
     * @return this builder
     */
    public Builder workers(int count) {
      if (count <= 0 || count > 4096) {
        throw new IllegalArgumentException("workers must be in [1, 4096], was " + count);
      }
      workers = once(workers, count, "workers");
      return this;
    }

    /**
     * @param capacity programs that may wait for a worker before submit blocks (default 4 × workers)
     * @return this builder
     */
    public Builder queueCapacity(int capacity) {
      if (capacity <= 0) {
        throw new IllegalArgumentException("queueCapacity must be positive, was " + capacity);
      }
      queueCapacity = once(queueCapacity, capacity, "queueCapacity");
      return this;
    }

    /**
     * @param value every limit at once; the single-limit setters override parts of it
     * @return this builder
     */
    public Builder limits(SandboxLimits value) {
      limits = once(limits, value, "limits");
      return this;
    }

    /**
     * @param value wall time per program (default 10 s)
     * @return this builder
     */
    public Builder wallTime(Duration value) {
      positive(value, "wallTime");
      wallTime = once(wallTime, value, "wallTime");
      return this;
    }

    /**
     * @param value CPU time per program (default 10 s)
     * @return this builder
     */
    public Builder cpuTime(Duration value) {
      positive(value, "cpuTime");
      cpuTime = once(cpuTime, value, "cpuTime");
      return this;
    }

    /**
     * @param bytes address space per program, the warm interpreter's included (default 2 GiB)
     * @return this builder
     */
    public Builder memoryBytes(long bytes) {
      if (bytes < (64L << 20)) {
        throw new IllegalArgumentException("memoryBytes must be at least 64 MiB, was " + bytes);
      }
      memoryBytes = once(memoryBytes, bytes, "memoryBytes");
      return this;
    }

    /**
     * @param bytes stdout and stderr together per program (default 64 KiB)
     * @return this builder
     */
    public Builder outputBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("outputBytes must be positive, was " + bytes);
      }
      outputBytes = once(outputBytes, bytes, "outputBytes");
      return this;
    }

    /**
     * @param count processes and threads per program (default 64)
     * @return this builder
     */
    public Builder processes(int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("processes must be positive, was " + count);
      }
      processes = once(processes, count, "processes");
      return this;
    }

    /**
     * @param bytes largest file a program may write (default 16 MiB)
     * @return this builder
     */
    public Builder fileSizeBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("fileSizeBytes must be positive, was " + bytes);
      }
      fileSizeBytes = once(fileSizeBytes, bytes, "fileSizeBytes");
      return this;
    }

    /**
     * @param value how workers run programs (default {@link SandboxMode#ISOLATED})
     * @return this builder
     */
    public Builder mode(SandboxMode value) {
      mode = once(mode, value, "mode");
      return this;
    }

    /**
     * @param value whether programs are confined (default {@link Confinement#CONFINED}); {@link
     *     Confinement#UNCONFINED} runs them on the host and must be asked for by name
     * @return this builder
     */
    public Builder confinement(Confinement value) {
      confinement = once(confinement, value, "confinement");
      return this;
    }

    /**
     * @param path the bubblewrap binary a confined sandbox runs its workers in (default: {@code
     *     bwrap} on the PATH)
     * @return this builder
     */
    public Builder bubblewrap(Path path) {
      bubblewrap = once(bubblewrap, path, "bubblewrap");
      return this;
    }

    /**
     * @param value how programs are kept off the network (default {@link NetworkIsolation#AUTO})
     * @return this builder
     */
    public Builder network(NetworkIsolation value) {
      network = once(network, value, "network");
      return this;
    }

    /**
     * @param value reads the answer from stdout (default: the last non-empty line)
     * @return this builder
     */
    public Builder answerExtractor(AnswerExtractor value) {
      answerExtractor = once(answerExtractor, value, "answerExtractor");
      return this;
    }

    /**
     * @param modules modules workers import before any program (default {@link #DEFAULT_PRELOAD})
     * @return this builder
     */
    public Builder preload(List<String> modules) {
      Objects.requireNonNull(modules, "preload");
      for (String m : modules) {
        if (m == null || !m.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
          throw new IllegalArgumentException("preload holds an invalid module name: " + m);
        }
      }
      preload = once(preload, List.copyOf(modules), "preload");
      return this;
    }

    /**
     * @param value time between SIGTERM and SIGKILL for a program past its wall time (default 100 ms)
     * @return this builder
     */
    public Builder killGrace(Duration value) {
      Objects.requireNonNull(value, "killGrace");
      if (value.isNegative()) {
        throw new IllegalArgumentException("killGrace must not be negative, was " + value);
      }
      killGrace = once(killGrace, value, "killGrace");
      return this;
    }

    /**
     * @param value how long a worker may take to start and import its modules (default 120 s)
     * @return this builder
     */
    public Builder startupTimeout(Duration value) {
      positive(value, "startupTimeout");
      startupTimeout = once(startupTimeout, value, "startupTimeout");
      return this;
    }

    /**
     * Resolves the interpreter, checks bubblewrap, starts the workers and waits until they are warm.
     *
     * @return a running sandbox, which the caller closes
     * @throws IllegalArgumentException when the limits leave programs no memory
     * @throws ConfinementUnavailableException when the sandbox is {@link Confinement#CONFINED}
     *     (the default) and this host cannot confine programs: no bubblewrap, not root, no usable
     *     cgroups, or bubblewrap fails; the message says what is missing and how to fix it
     * @throws IllegalStateException when the network isolation contradicts the confinement
     * @throws ExecutionFailedException when the interpreter or a worker cannot start
     */
    public PythonSandbox build() {
      String command = pick(interpreter, Settings::interpreterCommand, "python3");
      Interpreter python = Interpreter.resolve(command);
      SandboxLimits l = pick(limits, Settings::limits, SandboxLimits.defaults());
      if (wallTime != null) {
        l = l.withWallTime(wallTime);
      }
      if (cpuTime != null) {
        l = l.withCpuTime(cpuTime);
      }
      if (memoryBytes != null) {
        l = l.withMemoryBytes(memoryBytes);
      }
      if (outputBytes != null) {
        l = l.withOutputBytes(outputBytes);
      }
      if (processes != null) {
        l = l.withProcesses(processes);
      }
      if (fileSizeBytes != null) {
        l = l.withFileSizeBytes(fileSizeBytes);
      }
      NetworkIsolation requested =
          pick(network, Settings::requestedNetwork, NetworkIsolation.AUTO);
      Confinement c = pick(confinement, Settings::confinement, Confinement.CONFINED);
      if (c == Confinement.CONFINED && requested == NetworkIsolation.AUDIT_HOOK) {
        throw new IllegalStateException("network AUDIT_HOOK is the network block of an unconfined"
            + " sandbox; a confined one always has its own network namespace (choose"
            + " confinement(Confinement.UNCONFINED) to run programs without confinement)");
      }
      if (c == Confinement.UNCONFINED && requested == NetworkIsolation.NAMESPACE) {
        throw new IllegalStateException("network NAMESPACE needs confinement CONFINED, was"
            + " UNCONFINED");
      }
      NetworkIsolation effective = c == Confinement.CONFINED
          ? NetworkIsolation.NAMESPACE : NetworkIsolation.AUDIT_HOOK;
      Path requestedBwrap = bubblewrap != null ? bubblewrap
          : base != null ? base.requestedBubblewrap() : null;
      Path bwrap = null;
      Cgroups groups = null;
      if (c == Confinement.CONFINED) {
        bwrap = Host.bubblewrap(requestedBwrap);
        Host.requireRoot();
        StringBuilder whyNot = new StringBuilder();
        groups = Cgroups.create(whyNot);
        if (groups == null) {
          throw new ConfinementUnavailableException("the confined sandbox needs the cgroup memory"
              + " and pids controllers to limit each program's whole process tree, and cannot use"
              + " them here: " + whyNot + ". Provide cgroup v2 whose memory and pids"
              + " controllers this process can pass to new groups (as root at the hierarchy's"
              + " root, which holds no processes in a container only once they are moved to a"
              + " leaf group), or the cgroup v1 memory and pids hierarchies writable by it; or"
              + " build with confinement(Confinement.UNCONFINED),"
              + " where memory, process and CPU limits hold per process only");
        }
      } else {
        LoggerFactory.getLogger(PythonSandbox.class).warn("this sandbox is UNCONFINED: programs"
            + " run on the host with per-process limits only, and can read what their uid can"
            + " read");
      }
      int n = pick(workers, Settings::workers, Runtime.getRuntime().availableProcessors());
      boolean custom = answerExtractor != null || (base != null && base.customExtractor());
      Settings s = new Settings(command, python, n,
          pick(queueCapacity, Settings::queueCapacity, 4 * n), l,
          pick(mode, Settings::mode, SandboxMode.ISOLATED), requested, effective,
          pick(answerExtractor, Settings::answerExtractor, AnswerExtractor.lastNonEmptyLine()),
          custom,
          pick(preload, Settings::preload, DEFAULT_PRELOAD),
          pick(killGrace, Settings::killGrace, Duration.ofMillis(100)),
          pick(startupTimeout, Settings::startupTimeout, Duration.ofSeconds(120)),
          // a uid range of its own, so that sandboxes on one host never share process limits
          1_000_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 18) * 4096,
          c, bwrap, requestedBwrap);
      return new PythonSandbox(s, groups);
    }

    private static void positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
    }
  }
}
