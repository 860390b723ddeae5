package dev.siam4j.examples.quickstart;

import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.PolicyLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts back the closing fence that the stop string cut off, so that what the loop learns from
 * (completions) ends the way the seed model was taught to end: program, then {@code ```}.
 * Completions cut by the token limit stay as they are. Closes the generator it wraps.
 */
final class ClosingFenceGenerator implements Generator, AutoCloseable {
  private final Generator delegate;

  ClosingFenceGenerator(Generator delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** @return a loader whose generators put back the closing fence */
  static PolicyLoader loader(PolicyLoader loader) {
    Objects.requireNonNull(loader, "loader");
    return checkpoint -> new ClosingFenceGenerator(loader.load(checkpoint));
  }

  @Override
  public List<Completion> generate(GenerationRequest request) {
    return close(delegate.generate(request));
  }

  @Override
  public List<List<Completion>> generateAll(List<GenerationRequest> requests) {
    List<List<Completion>> all = delegate.generateAll(requests);
    List<List<Completion>> out = new ArrayList<>(all.size());
    for (List<Completion> c : all) {
      out.add(close(c));
    }
    return out;
  }

  private static List<Completion> close(List<Completion> completions) {
    List<Completion> out = new ArrayList<>(completions.size());
    for (Completion c : completions) {
      if (c.finishReason() == Completion.FinishReason.STOP && !c.text().isBlank()) {
        out.add(new Completion(c.text() + QuickstartModels.CLOSE, c.finishReason(), c.promptTokens(), c.completionTokens()));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "ClosingFenceGenerator[" + delegate + "]";
  }
}
