package dev.siam4j.alignment.train;

import dev.siam4j.alignment.train.internal.DjlRuntime;
import dev.siam4j.alignment.train.internal.TrainerSettings;
import dev.siam4j.alignment.train.internal.TrainingRun;
import dev.siam4j.alignment.train.internal.lora.LoraConfig;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Trainer} that trains a GGUF llama-family model in this JVM with PyTorch (through DJL, on
 * CPU unless a GPU libtorch is configured through {@code PYTORCH_LIBRARY_PATH}): SFT, DPO, DPO+NLL,
 * IPO, ORPO, SimPO and KTO, with LoRA ({@code options.loraRank() > 0}) or full fine-tuning, our own AdamW with
 * warm-up and cosine decay, global-norm clipping and gradient accumulation. A step whose gradient
 * holds a NaN or an infinity is skipped (logged, {@code "skipped": true} in {@code train.jsonl},
 * counted in the result's {@code skipped_steps}); {@value #MAX_SKIPPED_IN_A_ROW} in a row fail the
 * job, so a diverged run never writes a model of NaNs.
 *
 * <p>In the output folder it writes {@code train.jsonl} (one {@link StepMetrics} a step), {@code
 * reference-logprobs.json} (the reference model's log-probabilities, computed once before
 * training), resumable checkpoints (see {@link #train}), and the result: {@code adapter.gguf} (LoRA,
 * for the base model, which llama.cpp loads with {@code --lora}) or {@code model.gguf} (full
 * fine-tuning, or LoRA merged when {@link Builder#mergeAdapter()} is set).
 *
 * <p>Data: the job's JSONL files hold {@code SftExample}s or {@code PreferencePair}s; KTO treats
 * each pair's chosen completion as desirable and its rejected one as undesirable. Prompts are
 * rendered by a {@link PromptRenderer} (default: flat) and tokenised with the GGUF's own vocabulary.
 *
 * <p>PyTorch is opt-in: siam4j-alignment declares DJL optional, so add {@code ai.djl:api}, {@code
 * ai.djl.pytorch:pytorch-engine}, {@code ai.djl.pytorch:pytorch-jni} and {@code
 * ai.djl.pytorch:pytorch-native-cpu} with your platform's classifier ({@code linux-x86_64}, {@code
 * linux-aarch64}, {@code osx-aarch64} or {@code win-x86_64}; versions from {@code siam4j-bom}).
 * Without them {@link #train} fails with a {@link TrainingFailedException} naming what to add. PyTorch
 * runs offline ({@code ai.djl.offline=true}) with half the processors unless the system property
 * {@code siam4j.torch.threads} says otherwise.
 *
 * <p>Deterministic for a seed on CPU. Thread-safe, but jobs run one at a time (PyTorch allows one
 * gradient recorder per process).
 */
public final class DjlTrainer implements Trainer {
  private static final Object ONE_AT_A_TIME = new Object();

  /**
   * A step whose gradient is not finite is skipped; this many in a row stop the training with a
   * {@link TrainingFailedException}, before any model is written.
   */
  static final int MAX_SKIPPED_IN_A_ROW = TrainingRun.MAX_SKIPPED_IN_A_ROW;

  private final TrainerSettings settings;

  private DjlTrainer(Builder b) {
    this.settings =
        new TrainerSettings(
            b.loraTargets == null ? LoraConfig.ADAPTABLE : b.loraTargets,
            Double.isNaN(b.loraAlphaPerRank) ? 2.0 : b.loraAlphaPerRank,
            Double.isNaN(b.warmupFraction) ? 0.1 : b.warmupFraction,
            0.1,
            b.adamOptions == null ? new AdamWOptions(0.9, 0.999, 1e-8, 0.0, 1.0) : b.adamOptions,
            b.microBatchSize,
            Double.isNaN(b.simpoGamma) ? 0.5 : b.simpoGamma,
            b.mergeAdapter,
            b.saveEverySteps,
            b.renderer == null ? PromptRenderer.FLAT : b.renderer,
            b.listener == null ? TrainingStepListener.NONE : b.listener,
            Optional.ofNullable(b.tokenizer));
  }

  /** @return a trainer with the defaults */
  public static DjlTrainer create() {
    return builder().build();
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains. If the output folder holds a checkpoint of the same job (same data, base and options),
   * training resumes from it and gives the same result as an uninterrupted run. Interrupting the
   * calling thread stops after the current step (a retriable failure; the next run resumes).
   *
   * @param job base GGUF (with an optional LoRA adapter to continue), data, algorithm, options,
   *     output folder
   * @return the new checkpoint and the final metrics ({@code loss}, {@code steps}, {@code
   *     reward_accuracy}, {@code reward_margin}, ...)
   * @throws TrainingFailedException on unreadable data or models, or a PyTorch failure; when DJL's
   *     PyTorch engine is not on the class path, naming the artifacts to add
   */
  @Override
  public TrainingResult train(TrainingJob job) {
    Objects.requireNonNull(job, "job");
    DjlRuntime.missing().ifPresent(what -> {
      throw new TrainingFailedException("cannot train " + job.algorithm() + " with DjlTrainer: " + what);
    });
    synchronized (ONE_AT_A_TIME) {
      try {
        return TrainingRun.run(job, settings);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new TrainingFailedException("training " + job.algorithm() + " failed: " + e.getMessage(), e);
      }
    }
  }

  /** Configures a {@link DjlTrainer}; validates each value at once, reusable. */
  public static final class Builder {
    private Set<String> loraTargets;
    private double loraAlphaPerRank = Double.NaN;
    private double warmupFraction = Double.NaN;
    private AdamWOptions adamOptions;
    private int microBatchSize;
    private double simpoGamma = Double.NaN;
    private boolean mergeAdapter;
    private int saveEverySteps;
    private PromptRenderer renderer;
    private TrainingStepListener listener;
    private Tokenizer tokenizer;

    private Builder() {}

    /**
     * @param modelTokenizer tokenises text for the base model, for GGUFs whose tokenizer the JVM does
     *     not implement (default: {@link Tokenizer#fromGguf}, SentencePiece vocabularies)
     * @return this builder
     */
    public Builder tokenizer(Tokenizer modelTokenizer) {
      once(tokenizer, "tokenizer");
      tokenizer = Objects.requireNonNull(modelTokenizer, "modelTokenizer");
      return this;
    }

    /**
     * @param targets layers LoRA adapts, by their short GGUF names: {@code attn_q}, {@code attn_k},
     *     {@code attn_v}, {@code attn_output}, {@code ffn_gate}, {@code ffn_up}, {@code ffn_down}
     *     (default: all of them)
     * @return this builder
     */
    public Builder loraTargets(Set<String> targets) {
      once(loraTargets, "loraTargets");
      loraTargets = new LoraConfig(1, 1, targets).targets();
      return this;
    }

    /**
     * @param ratio LoRA's alpha as a multiple of the rank (default 2)
     * @return this builder
     */
    public Builder loraAlphaPerRank(double ratio) {
      once(Double.isNaN(loraAlphaPerRank) ? null : loraAlphaPerRank, "loraAlphaPerRank");
      if (!(ratio > 0) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException("loraAlphaPerRank must be positive, was " + ratio);
      }
      loraAlphaPerRank = ratio;
      return this;
    }

    /**
     * @param fraction share of the steps spent warming up (default 0.1)
     * @return this builder
     */
    public Builder warmupFraction(double fraction) {
      once(Double.isNaN(warmupFraction) ? null : warmupFraction, "warmupFraction");
      warmupFraction = Checks.probability(fraction, "warmupFraction");
      return this;
    }

    /**
     * @param options AdamW's betas, epsilon, weight decay and clipping (default: 0.9, 0.999, 1e-8,
     *     no decay, clip at 1)
     * @return this builder
     */
    public Builder optimizer(AdamWOptions options) {
      once(adamOptions, "optimizer");
      adamOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * @param size examples per forward pass; the job's batch size is reached by accumulating
     *     gradients (default: the whole batch at once)
     * @return this builder
     */
    public Builder microBatchSize(int size) {
      once(microBatchSize == 0 ? null : microBatchSize, "microBatchSize");
      microBatchSize = Checks.positive(size, "microBatchSize");
      return this;
    }

    /**
     * @param gamma SimPO's target margin (default 0.5)
     * @return this builder
     */
    public Builder simpoGamma(double gamma) {
      once(Double.isNaN(simpoGamma) ? null : simpoGamma, "simpoGamma");
      simpoGamma = Checks.nonNegative(gamma, "simpoGamma");
      return this;
    }

    /**
     * Writes LoRA training's result as a merged {@code model.gguf} rather than an adapter.
     *
     * @return this builder
     */
    public Builder mergeAdapter() {
      if (mergeAdapter) {
        throw new IllegalStateException("mergeAdapter was already set");
      }
      mergeAdapter = true;
      return this;
    }

    /**
     * @param steps save a resumable checkpoint every this many steps (default: only at the end)
     * @return this builder
     */
    public Builder saveEverySteps(int steps) {
      once(saveEverySteps == 0 ? null : saveEverySteps, "saveEverySteps");
      saveEverySteps = Checks.positive(steps, "saveEverySteps");
      return this;
    }

    /**
     * @param promptRenderer how prompts become text (default {@link PromptRenderer#FLAT})
     * @return this builder
     */
    public Builder renderer(PromptRenderer promptRenderer) {
      once(renderer, "renderer");
      renderer = Objects.requireNonNull(promptRenderer, "promptRenderer");
      return this;
    }

    /**
     * @param stepListener hears every step (default: none)
     * @return this builder
     */
    public Builder listener(TrainingStepListener stepListener) {
      once(listener, "listener");
      listener = Objects.requireNonNull(stepListener, "stepListener");
      return this;
    }

    /** @return the trainer */
    public DjlTrainer build() {
      return new DjlTrainer(this);
    }

    private static void once(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
