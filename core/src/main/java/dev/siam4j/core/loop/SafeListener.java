package dev.siam4j.core.loop;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to listeners and keeps their exceptions from reaching the loop. */
final class SafeListener implements LoopListener {
  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);
  private final List<LoopListener> listeners;

  SafeListener(List<LoopListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(String what, Consumer<LoopListener> call) {
    for (LoopListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed on {}; ignored", l.getClass().getName(), what, e);
      }
    }
  }

  @Override
  public void iterationStarted(LoopEvent.IterationStarted e) {
    each("iterationStarted", l -> l.iterationStarted(e));
  }

  @Override
  public void stageStarted(LoopEvent.StageStarted e) {
    each("stageStarted", l -> l.stageStarted(e));
  }

  @Override
  public void stageProgress(LoopEvent.StageProgress e) {
    each("stageProgress", l -> l.stageProgress(e));
  }

  @Override
  public void stageFinished(LoopEvent.StageFinished e) {
    each("stageFinished", l -> l.stageFinished(e));
  }

  @Override
  public void iterationFinished(LoopEvent.IterationFinished e) {
    each("iterationFinished", l -> l.iterationFinished(e));
  }
}
