package dev.siam4j.alignment.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.siam4j.alignment.train.internal.DjlRuntime;
import dev.siam4j.alignment.train.internal.EncodedSequence;
import dev.siam4j.alignment.train.internal.SequenceEncoder;
import dev.siam4j.alignment.train.internal.Torch;
import dev.siam4j.alignment.train.internal.model.GgufWeights;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.TokenScorer;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.gguf.GgufFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@link TokenScorer} on the training forward pass: teacher-forced log-probabilities of a
 * continuation under a GGUF llama-family model, run by PyTorch in this JVM. The critic uses it for
 * P(YES); preference training for reference log-probabilities.
 *
 * <p>Owns the model's native memory: whoever opens it closes it. Thread-safe (calls are serialised).
 */
public final class DjlTokenScorer implements TokenScorer, AutoCloseable {
  private static final int NO_LIMIT = Integer.MAX_VALUE;

  private final NDManager manager;
  private final LlamaModel model;
  private final SequenceEncoder encoder;

  private DjlTokenScorer(NDManager manager, LlamaModel model, SequenceEncoder encoder) {
    this.manager = manager;
    this.model = model;
    this.encoder = encoder;
  }

  /**
   * Loads a model and its tokenizer from a GGUF file; chat prompts are flattened.
   *
   * @param gguf the model
   * @return the scorer
   * @throws TrainingFailedException when the model cannot be loaded, or DJL's PyTorch engine is not
   *     on the class path (naming the artifacts to add, as {@link DjlTrainer} does)
   */
  public static DjlTokenScorer open(Path gguf) {
    return open(gguf, PromptRenderer.FLAT);
  }

  /**
   * @param gguf the model
   * @param renderer how prompts become text
   * @return the scorer
   * @throws TrainingFailedException when the model cannot be loaded, or DJL's PyTorch engine is not
   *     on the class path
   */
  public static DjlTokenScorer open(Path gguf, PromptRenderer renderer) {
    Objects.requireNonNull(gguf, "gguf");
    DjlRuntime.missing().ifPresent(what -> {
      throw new TrainingFailedException("cannot open " + gguf + " with DjlTokenScorer: " + what);
    });
    GgufFile file = GgufWeights.read(gguf);
    SequenceEncoder encoder = new SequenceEncoder(Tokenizer.fromGguf(file), SequenceEncoder.bos(file), renderer);
    NDManager manager = Torch.newManager();
    try {
      return new DjlTokenScorer(manager, GgufWeights.load(gguf, manager), encoder);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public synchronized Score score(Prompt prompt, String continuation) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(continuation, "continuation");
    EncodedSequence s = encoder.encode(prompt, continuation, NO_LIMIT);
    try {
      // no autograd graph for a scoring pass, whichever thread calls
      return Torch.withoutGradMode(() -> {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray[] batch = SequenceEncoder.pack(List.of(s), manager);
          double logProb = model.sequenceLogProbs(batch[0], batch[1]).getFloat(0);
          return new Score(Math.min(0.0, logProb), s.completionLength());
        }
      });
    } catch (RuntimeException e) {
      throw new TrainingFailedException("scoring a continuation failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    model.close();
    manager.close();
  }
}
