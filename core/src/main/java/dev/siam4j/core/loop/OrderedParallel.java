package dev.siam4j.core.loop;

import dev.siam4j.core.Siam4jException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps a stream of inputs with up to {@code parallelism} workers and hands the outputs to a sink in
 * input order. At most {@code 2 * parallelism} items are in flight, so memory stays bounded and the
 * outputs written so far always form a prefix of the input: what makes a run folder resumable.
 */
final class OrderedParallel {
  private OrderedParallel() {}

  /**
   * @param onInterrupt what to throw when the calling thread is interrupted while it waits
   */
  static <I, O> void map(
      String name, Iterator<I> inputs, int parallelism, Function<I, O> work, Consumer<O> sink,
      Function<InterruptedException, RuntimeException> onInterrupt) {
    if (parallelism == 1) {
      while (inputs.hasNext()) {
        sink.accept(work.apply(inputs.next()));
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, threads(name));
    Deque<Future<O>> window = new ArrayDeque<>();
    try {
      while (inputs.hasNext() || !window.isEmpty()) {
        while (window.size() < 2 * parallelism && inputs.hasNext()) {
          I item = inputs.next();
          window.addLast(pool.submit(() -> work.apply(item)));
        }
        sink.accept(await(window.removeFirst(), onInterrupt));
      }
    } finally {
      for (Future<O> f : window) {
        f.cancel(true);
      }
      pool.shutdownNow();
      boolean interrupted = false;
      try {
        pool.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static <O> O await(Future<O> f, Function<InterruptedException, RuntimeException> onInterrupt) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      throw onInterrupt.apply(e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new Siam4jException(c.getMessage(), c);
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "siam4j-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
