package dev.siam4j.sandbox;

import dev.siam4j.core.Execution;
import dev.siam4j.core.ExecutionFailedException;
import dev.siam4j.core.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool thread and the worker process it owns. Takes tasks from the pool's queue, runs them,
 * and replaces its process after any crash. Only its own thread touches the process, except
 * {@link #kill()}.
 */
final class Worker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /**
   * A unit of work.
   *
   * @param code the program, or null for the poison pill
   * @param forks when positive, a fork-floor measurement instead of a program
   * @param result completed with the execution
   */
  record Task(String code, int forks, CompletableFuture<Execution> result) {}

  static final Task POISON = new Task(null, 0, new CompletableFuture<>());

  private final int slot;
  private final BlockingQueue<Task> queue;
  private final IntFunction<Zygote> starter;
  private final PythonSandbox.Settings settings;
  private final ScheduledExecutorService watchdog;
  private final AtomicBoolean closed;
  private volatile Zygote zygote;
  private volatile int restarts;

  Worker(
      int slot,
      BlockingQueue<Task> queue,
      IntFunction<Zygote> starter,
      PythonSandbox.Settings settings,
      ScheduledExecutorService watchdog,
      AtomicBoolean closed) {
    this.slot = slot;
    this.queue = queue;
    this.starter = starter;
    this.settings = settings;
    this.watchdog = watchdog;
    this.closed = closed;
  }

  /** Completed with the worker's first process once it is warm, or with why it did not start. */
  final CompletableFuture<Zygote> ready = new CompletableFuture<>();

  /**
   * Starts the worker's process on this thread, then serves the queue. Processes must be started
   * by a thread that lives as long as they do: bubblewrap's --die-with-parent kills the sandbox
   * when the thread that started it ends.
   */
  @Override
  public void run() {
    try {
      zygote = starter.apply(slot);
      ready.complete(zygote);
    } catch (RuntimeException | Error e) {
      ready.completeExceptionally(e);
      return;
    }
    try {
      while (true) {
        Task task;
        try {
          task = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (task == POISON) {
          return;
        }
        try {
          task.result().complete(task.forks() > 0 ? floor(task.forks()) : runWithRetry(task.code()));
        } catch (RuntimeException | Error e) {
          task.result().completeExceptionally(e);
        }
      }
    } finally {
      Zygote z = zygote;
      if (z != null) {
        z.close();
      }
    }
  }

  /** @return how often this worker's process was replaced */
  int restarts() {
    return restarts;
  }

  /** Ends the worker's process now (used by close). */
  void kill() {
    Zygote z = zygote;
    if (z != null) {
      z.close();
    }
  }

  private Execution runWithRetry(String code) {
    Execution first = runOnce(code);
    if (first.outcome() != Outcome.SANDBOX_FAILURE || closed.get()) {
      return first;
    }
    LOG.debug("sandbox worker {} failed ({}); retrying once", slot, first.stderr());
    Execution second = runOnce(code);
    if (second.outcome() != Outcome.SANDBOX_FAILURE) {
      return second;
    }
    return Execution.sandboxFailure(
        "the sandbox failed twice: " + first.stderr() + " / " + second.stderr(),
        first.elapsed().plus(second.elapsed()));
  }

  private Execution runOnce(String code) {
    long start = System.nanoTime();
    Zygote z = ensureStarted();
    if (z == null) {
      return Execution.sandboxFailure(
          "the sandbox worker could not be (re)started", Duration.ofNanos(System.nanoTime() - start));
    }
    SandboxLimits limits = settings.limits();
    long hardMillis =
        limits.wallTime().toMillis() + settings.killGrace().toMillis()
            // an isolated worker stops its program itself and may need a while to clean up
            + (settings.mode() == SandboxMode.REUSE ? 5_000 : 30_000);
    AtomicBoolean watchdogFired = new AtomicBoolean();
    ScheduledFuture<?> dog =
        watchdog.schedule(
            () -> {
              watchdogFired.set(true);
              z.kill();
            },
            hardMillis,
            TimeUnit.MILLISECONDS);
    try {
      Zygote.Reply reply = z.run(code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      dog.cancel(false);
      Execution execution = Outcomes.toExecution(reply, limits, settings.answerExtractor());
      if (!reply.header().path("clean").asBoolean(true)) {
        // what the program left could not be removed: the worker goes, the outcome stays
        LOG.warn("sandbox worker {} could not clean up after a program; replacing it", slot);
        discard(z);
      }
      return execution;
    } catch (IOException | RuntimeException e) {
      dog.cancel(false);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String why = describeDeath(z, e);
      int status = settings.mode() == SandboxMode.REUSE && !watchdogFired.get() ? exitStatus(z) : -1;
      discard(z);
      if (closed.get()) {
        return Execution.sandboxFailure("the sandbox was closed while the program ran", elapsed);
      }
      if (settings.mode() == SandboxMode.REUSE) {
        // the program ran in the worker itself: its death is the program's doing
        if (watchdogFired.get()) {
          return new Execution(Outcome.TIMEOUT, -1, "", why, "", elapsed, java.util.Optional.empty());
        }
        Outcome outcome = status > 128 || status < 0 ? Outcome.KILLED : Outcome.ERROR;
        return new Execution(outcome, outcome == Outcome.KILLED ? -1 : status, "", why, "",
            elapsed, java.util.Optional.empty());
      }
      return Execution.sandboxFailure(why, elapsed);
    }
  }

  private Execution floor(int forks) {
    Zygote z = ensureStarted();
    if (z == null) {
      throw new ExecutionFailedException("the sandbox worker could not be started", null, true);
    }
    try {
      Zygote.Reply reply = z.call(Map.of("op", "forkFloor", "n", forks));
      double seconds = reply.header().path("seconds").asDouble();
      return dev.siam4j.core.Execution.ok(
          "", Double.toString(seconds), Duration.ofNanos((long) (seconds * 1e9)));
    } catch (IOException e) {
      discard(z);
      throw new ExecutionFailedException("fork-floor measurement failed", e, true);
    }
  }

  private Zygote ensureStarted() {
    Zygote z = zygote;
    if (z != null && z.process().isAlive()) {
      return z;
    }
    if (closed.get()) {
      return null;
    }
    try {
      restarts++;
      z = starter.apply(slot);
      zygote = z;
      return z;
    } catch (ExecutionFailedException e) {
      LOG.warn("sandbox worker {} could not be restarted: {}", slot, e.getMessage());
      return null;
    }
  }

  private void discard(Zygote z) {
    z.kill();
    try {
      z.process().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    zygote = null;
  }

  private static int exitStatus(Zygote z) {
    try {
      if (z.process().waitFor(5, TimeUnit.SECONDS)) {
        return z.process().exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }

  private static String describeDeath(Zygote z, Exception e) {
    String tail = z.stderrTail();
    return "the sandbox worker died (" + e.getMessage() + ")"
        + (tail.isEmpty() ? "" : "; its stderr: " + tail);
  }
}
