package dev.siam4j.examples.cli;

import dev.siam4j.core.loop.LoopEvent;
import dev.siam4j.core.loop.LoopListener;
import dev.siam4j.core.loop.Stage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A console progress bar for the loop: one line per stage, redrawn in place, with count, rate and
 * ETA. Draws at most every {@code minInterval} so a fast stage does not flood the terminal.
 * Thread-safe.
 */
final class ProgressBar implements LoopListener {
  private static final int WIDTH = 24;
  private final PrintWriter out;
  private final boolean interactive;
  private final long minIntervalNanos;
  private final java.util.function.LongSupplier clock;
  private long stageStart;
  private long startDone;
  private long lastDraw;
  private int iterations = 1;

  ProgressBar(PrintWriter out, boolean interactive, Duration minInterval, java.util.function.LongSupplier nanoClock) {
    this.out = Objects.requireNonNull(out, "out");
    this.interactive = interactive;
    this.minIntervalNanos = minInterval.toNanos();
    this.clock = nanoClock;
  }

  /** A bar on standard error, redrawn in place when it is a terminal. */
  static ProgressBar stderr() {
    return new ProgressBar(
        new PrintWriter(System.err, true), System.console() != null, Duration.ofMillis(200), System::nanoTime);
  }

  @Override
  public synchronized void iterationStarted(LoopEvent.IterationStarted e) {
    iterations = e.iterations();
    out.println("iteration " + (e.iteration() + 1) + "/" + e.iterations());
    out.flush();
  }

  @Override
  public synchronized void stageStarted(LoopEvent.StageStarted e) {
    stageStart = clock.getAsLong();
    startDone = e.alreadyDone();
    lastDraw = 0;
    if (e.alreadyDone() > 0) {
      out.println("  " + name(e.stage()) + " resuming: " + e.alreadyDone() + "/" + e.total() + " done earlier");
    }
  }

  @Override
  public synchronized void stageProgress(LoopEvent.StageProgress e) {
    long now = clock.getAsLong();
    if (interactive && now - lastDraw < minIntervalNanos && e.done() < e.total()) {
      return;
    }
    if (!interactive && e.done() < e.total()) {
      return;
    }
    lastDraw = now;
    out.print((interactive ? "\r" : "") + line(e.stage(), e.done(), e.total(), now));
    if (!interactive) {
      out.println();
    }
    out.flush();
  }

  @Override
  public synchronized void stageFinished(LoopEvent.StageFinished e) {
    if (interactive) {
      out.println();
    }
    out.flush();
  }

  String line(Stage stage, long done, long total, long now) {
    double seconds = Math.max(1e-9, (now - stageStart) / 1e9);
    double rate = (done - startDone) / seconds;
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String eta = rate > 0 ? clock((long) ((total - done) / rate)) : "--:--";
    return String.format(
        Locale.ROOT, "  %-10s [%s] %d/%d  %.1f/s  ETA %s", name(stage), bar, done, total, rate, eta);
  }

  private static String name(Stage s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
