package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.loop.LoopEvent;
import dev.siam4j.core.loop.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class ProgressBarTest {

  @Test
  void lineShowsCountRateAndEta() {
    AtomicLong now = new AtomicLong(0);
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), false, Duration.ZERO, now::get);
    bar.stageStarted(new LoopEvent.StageStarted(0, Stage.GENERATE, 100, 0));
    now.set(10_000_000_000L);
    assertThat(bar.line(Stage.GENERATE, 25, 100, now.get()))
        .isEqualTo("  generate   [######------------------] 25/100  2.5/s  ETA 0:30");
  }

  @Test
  void nonInteractiveOutputPrintsOneLinePerFinishedStageAndReportsResumes() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong(0);
    ProgressBar bar = new ProgressBar(new PrintWriter(text), false, Duration.ZERO, now::get);
    bar.iterationStarted(new LoopEvent.IterationStarted(0, 2));
    bar.stageStarted(new LoopEvent.StageStarted(0, Stage.EXECUTE, 4, 2));
    for (int i = 3; i <= 4; i++) {
      now.addAndGet(1_000_000_000L);
      bar.stageProgress(new LoopEvent.StageProgress(0, Stage.EXECUTE, i, 4));
    }
    assertThat(text.toString().lines())
        .containsExactly(
            "iteration 1/2",
            "  execute resuming: 2/4 done earlier",
            "  execute    [########################] 4/4  1.0/s  ETA 0:00");
  }
}
