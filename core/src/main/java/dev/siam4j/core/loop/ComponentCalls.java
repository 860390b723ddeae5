package dev.siam4j.core.loop;

import dev.siam4j.core.CritiqueFailedException;
import dev.siam4j.core.DataBuildingFailedException;
import dev.siam4j.core.ExecutionFailedException;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.TrainingFailedException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Calls the user's components for one run of the loop: each call within its stage's deadline, on
 * a thread of its own so that a call that never returns can be abandoned, and every failure turned
 * into a {@link Siam4jException} that names the stage, the iteration, the problem (or training
 * step) and the component's class, with the component's exception as the cause. An interrupt of
 * the waiting thread cancels the call and becomes a {@link LoopCancelledException}.
 */
final class ComponentCalls implements AutoCloseable {
  private final Map<Stage, Duration> deadlines;
  private final ExecutorService threads;

  ComponentCalls(Map<Stage, Duration> deadlines) {
    this.deadlines = deadlines;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "siam4j-call-" + n.incrementAndGet());
              t.setDaemon(true); // a call abandoned past its deadline must not keep the JVM alive
              return t;
            });
  }

  /** Where a call happens: stage, iteration and what it works on ("problem p-1", "step 0 (SFT)"). */
  record Site(Stage stage, int iteration, String subject) {
    String describe() {
      return stage + " failed in iteration " + iteration + " at " + subject;
    }
  }

  /**
   * Calls {@code body} within the stage's deadline.
   *
   * @param component the user's component, named in errors
   * @return the non-null result
   */
  <T> T call(Site site, Object component, Callable<T> body) {
    return callWithin(site, component, body)
        .orElseThrow(
            () -> failure(site, component,
                "did not return within its deadline of " + deadlines.get(site.stage()) + " (callTimeout(" + site.stage()
                    + ")); the call was interrupted and abandoned, and a rerun resumes",
                null));
  }

  /** Like {@link #call}, but a call past the deadline gives empty (after its thread is interrupted). */
  <T> Optional<T> callWithin(Site site, Object component, Callable<T> body) {
    checkNotCancelled(site);
    Future<T> f = threads.submit(body);
    T result;
    try {
      result = f.get(deadlines.get(site.stage()).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return Optional.empty();
    } catch (InterruptedException e) {
      f.cancel(true);
      throw cancelled(site, e);
    } catch (ExecutionException e) {
      throw threw(site, component, e.getCause());
    }
    if (result == null) {
      throw failure(site, component, "returned null", null);
    }
    return Optional.of(result);
  }

  /** Calls a quick component ({@code PromptTemplate}, {@code CodeExtractor}) on this thread. */
  <T> T guard(Site site, Object component, Supplier<T> body) {
    T result;
    try {
      result = body.get();
    } catch (RuntimeException | StackOverflowError e) {
      throw threw(site, component, e);
    }
    if (result == null) {
      throw failure(site, component, "returned null", null);
    }
    return result;
  }

  /** Throws {@link LoopCancelledException} when this thread was interrupted (clearing it). */
  static void checkNotCancelled(Site site) {
    if (Thread.interrupted()) {
      throw cancelled(site, null);
    }
  }

  static LoopCancelledException cancelled(Site site, Throwable cause) {
    return new LoopCancelledException(
        "the loop was cancelled (its thread was interrupted) in iteration " + site.iteration() + " at " + site.stage()
            + " (" + site.subject() + "); what was written stays, and a rerun resumes",
        cause);
  }

  private static Siam4jException threw(Site site, Object component, Throwable cause) {
    if (cause instanceof LoopCancelledException c) {
      return c;
    }
    return failure(site, component, "threw " + cause, cause);
  }

  /** @return the stage's exception type with a message naming where and which component */
  static Siam4jException failure(Site site, Object component, String problem, Throwable cause) {
    String message = site.describe() + ": " + SelfImprovementLoop.describe(component) + " " + problem;
    boolean retriable = cause instanceof Siam4jException s && s.isRetriable();
    return switch (site.stage()) {
      case GENERATE, EXPLORE -> new GenerationFailedException(message, cause, retriable);
      case EXECUTE -> new ExecutionFailedException(message, cause, retriable);
      case CRITIQUE -> new CritiqueFailedException(message, cause, retriable);
      case BUILD_DATA -> new DataBuildingFailedException(message, cause, retriable);
      case TRAIN -> new TrainingFailedException(message, cause, retriable);
    };
  }

  /** Abandons calls still running (their threads are interrupted). */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
