package dev.siam4j.alignment.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.siam4j.alignment.train.lora.GgufExport;
import dev.siam4j.alignment.train.lora.LoraConfig;
import dev.siam4j.alignment.train.model.GgufWeights;
import dev.siam4j.alignment.train.model.LlamaModel;
import dev.siam4j.alignment.train.optim.AdamW;
import dev.siam4j.alignment.train.optim.LearningRateSchedule;
import dev.siam4j.alignment.train.optim.TrainableParameter;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.internal.Checks;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Trainer} that trains a GGUF llama-family model in this JVM with PyTorch (through DJL, on
 * CPU unless a GPU libtorch is configured, see {@link Torch}): SFT, DPO, DPO+NLL, IPO, ORPO, SimPO
 * and KTO, with LoRA ({@code options.loraRank() > 0}) or full fine-tuning, our own AdamW with
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
 * <p>Deterministic for a seed on CPU. Thread-safe, but jobs run one at a time (PyTorch allows one
 * gradient recorder per process).
 */
public final class DjlTrainer implements Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(DjlTrainer.class);
  private static final Object ONE_AT_A_TIME = new Object();

  /**
   * A step whose gradient is not finite is skipped (see {@link AdamW}); this many in a row stop the
   * training with a {@link TrainingFailedException}, before any model is written.
   */
  static final int MAX_SKIPPED_IN_A_ROW = 5;

  private final Set<String> loraTargets;
  private final double loraAlphaPerRank;
  private final double warmupFraction;
  private final double minLearningRateRatio;
  private final AdamW.Options adamOptions;
  private final int microBatchSize;
  private final double simpoGamma;
  private final boolean mergeAdapter;
  private final int saveEverySteps;
  private final PromptRenderer renderer;
  private final TrainingStepListener listener;
  private final Tokenizer tokenizer;

  private DjlTrainer(Builder b) {
    this.tokenizer = b.tokenizer;
    this.loraTargets = b.loraTargets == null ? LoraConfig.ADAPTABLE : b.loraTargets;
    this.loraAlphaPerRank = Double.isNaN(b.loraAlphaPerRank) ? 2.0 : b.loraAlphaPerRank;
    this.warmupFraction = Double.isNaN(b.warmupFraction) ? 0.1 : b.warmupFraction;
    this.minLearningRateRatio = 0.1;
    this.adamOptions = b.adamOptions == null ? new AdamW.Options(0.9, 0.999, 1e-8, 0.0, 1.0) : b.adamOptions;
    this.microBatchSize = b.microBatchSize;
    this.simpoGamma = Double.isNaN(b.simpoGamma) ? 0.5 : b.simpoGamma;
    this.mergeAdapter = b.mergeAdapter;
    this.saveEverySteps = b.saveEverySteps;
    this.renderer = b.renderer == null ? PromptRenderer.FLAT : b.renderer;
    this.listener = b.listener == null ? TrainingStepListener.NONE : b.listener;
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
   * @throws TrainingFailedException on unreadable data or models, or a PyTorch failure
   */
  @Override
  public TrainingResult train(TrainingJob job) {
    Objects.requireNonNull(job, "job");
    synchronized (ONE_AT_A_TIME) {
      // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread
      // that loaded the engine, and the loop trains on a thread of its own
      Torch.engine();
      boolean gradMode = ai.djl.pytorch.jni.JniUtils.isGradMode();
      ai.djl.pytorch.jni.JniUtils.setGradMode(false);
      try {
        return run(job);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new TrainingFailedException("training " + job.algorithm() + " failed: " + e.getMessage(), e);
      } catch (ai.djl.engine.EngineException e) {
        throw new TrainingFailedException("PyTorch failed while training: " + e.getMessage(), e);
      } finally {
        ai.djl.pytorch.jni.JniUtils.setGradMode(gradMode);
      }
    }
  }

  private TrainingResult run(TrainingJob job) {
    TrainingOptions o = job.options();
    Path out = job.outputDirectory();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot create output folder " + out, e);
    }
    Path basePath = job.base().model();
    GgufFile base = GgufWeights.read(basePath);
    SequenceEncoder encoder =
        new SequenceEncoder(
            tokenizer != null ? tokenizer : Tokenizer.fromGguf(base), DjlTokenScorer.bos(base), renderer);
    List<TrainingSet.Item> items = TrainingSet.read(job, encoder);
    int batch = o.batchSize();
    int micro = microBatchSize == 0 ? batch : Math.min(microBatchSize, batch);
    int stepsPerEpoch = (items.size() + batch - 1) / batch;
    int totalSteps = stepsPerEpoch * o.epochs();
    LearningRateSchedule schedule =
        LearningRateSchedule.warmupCosine(
            o.learningRate(), (int) Math.ceil(warmupFraction * totalSteps), totalSteps, minLearningRateRatio);
    String key = jobKey(job);
    CheckpointStore store = new CheckpointStore(out);
    CheckpointStore.Saved saved = store.last().filter(s -> s.key().equals(key)).orElse(null);
    boolean lora = o.loraRank() > 0;
    Objective objective = new Objective(job.algorithm(), o, simpoGamma);

    try (NDManager manager = Torch.newManager();
        LlamaModel model = GgufWeights.load(
            saved != null && !lora ? saved.folder().resolve("model.gguf") : basePath, manager);
        AdamW adam = new AdamW(manager, adamOptions)) {
      LoraConfig loraConfig = new LoraConfig(Math.max(1, o.loraRank()), loraAlphaPerRank * Math.max(1, o.loraRank()), loraTargets);
      GgufExport.Adapter startAdapter = job.base().adapter().map(GgufExport::readAdapter).orElse(null);
      if (startAdapter != null && !lora) {
        throw new TrainingFailedException(
            "full fine-tuning from an adapter checkpoint is not supported; merge "
                + job.base().adapter().get() + " first or set loraRank");
      }
      if (startAdapter != null && saved == null) {
        model.setLora(startAdapter.config(), startAdapter.pairs());
      }
      float[][] reference = null;
      if (TrainingSet.needsReference(job.algorithm())) {
        reference =
            ReferenceLogProbs.loadOrCompute(
                out.resolve("reference-logprobs.json"), key, model, items, micro);
      }
      List<TrainableParameter> params;
      if (!lora) {
        params = model.trainAll();
      } else if (saved != null) {
        GgufExport.Adapter a = GgufExport.readAdapter(saved.folder().resolve("adapter.gguf"));
        params = model.setLora(a.config(), a.pairs());
      } else if (startAdapter != null) {
        params = new ArrayList<>();
        model.loraWeights().forEach((name, ab) -> {
          params.add(new TrainableParameter(name.replace(".weight", ".lora_a"), ab[0], true));
          params.add(new TrainableParameter(name.replace(".weight", ".lora_b"), ab[1], true));
        });
      } else {
        params = model.addLora(loraConfig, o.seed());
      }
      int startStep = 0;
      if (saved != null) {
        adam.restore(CheckpointStore.readOptimizer(saved.folder().resolve("optimizer.gguf")), params);
        startStep = saved.step();
        LOG.info("resuming {} from step {} of {}", job.algorithm(), startStep, totalSteps);
      }
      Path metricsFile = out.resolve("train.jsonl");
      keepLines(metricsFile, startStep);
      StepMetrics last = null;
      double accuracySum = 0;
      double marginSum = 0;
      int counted = 0;
      int skipped = 0;
      int skippedInARow = 0;
      for (int step = startStep; step < totalSteps; step++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new TrainingFailedException(
              "training interrupted after step " + step + "; rerun to resume from the last checkpoint",
              null,
              true);
        }
        int epoch = step / stepsPerEpoch;
        List<Integer> order = order(items.size(), o.seed(), epoch);
        int from = (step % stepsPerEpoch) * batch;
        List<Integer> indices = order.subList(from, Math.min(order.size(), from + batch));
        Objective.Sums sums = new Objective.Sums();
        double loss = 0;
        for (int start = 0; start < indices.size(); start += micro) {
          List<Integer> part = indices.subList(start, Math.min(indices.size(), start + micro));
          List<TrainingSet.Item> microItems = new ArrayList<>();
          float[][] ref = reference == null ? null : new float[2][part.size()];
          for (int i = 0; i < part.size(); i++) {
            microItems.add(items.get(part.get(i)));
            if (ref != null) {
              ref[0][i] = reference[0][part.get(i)];
              ref[1][i] = reference[1][part.get(i)];
            }
          }
          double weight = (double) part.size() / indices.size();
          try (NDScope scope = new NDScope();
              GradientCollector collector = Torch.engine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray l = Scalars.mul(objective.loss(model, microItems, ref, model.manager(), sums), weight);
            collector.backward(l);
            loss += l.getFloat();
          }
        }
        AdamW.StepReport report = adam.step(params, schedule.at(step), 1.0);
        last = metrics(step + 1, epoch, loss, report, sums, job.algorithm().usesPairs());
        if (report.skipped()) {
          skipped++;
          skippedInARow++;
          LOG.warn(
              "{} step {} of {} (epoch {}) skipped: the gradient of {} was not finite (loss {}); nothing was updated",
              job.algorithm(), step + 1, totalSteps, epoch, describe(report.nonFinite()), loss);
          if (skippedInARow == MAX_SKIPPED_IN_A_ROW) {
            append(metricsFile, last);
            throw new TrainingFailedException(
                "training "
                    + job.algorithm()
                    + " stopped at step "
                    + (step + 1)
                    + " of "
                    + totalSteps
                    + " (epoch "
                    + epoch
                    + "): the gradients were not finite (NaN or infinite) "
                    + MAX_SKIPPED_IN_A_ROW
                    + " steps in a row, in "
                    + describe(report.nonFinite())
                    + "; nothing was updated in those steps and no model was written. Lower the learning rate (this step's: "
                    + report.learningRate()
                    + ") or lengthen the warm-up; the steps are in "
                    + metricsFile);
          }
        } else {
          skippedInARow = 0;
        }
        if (job.algorithm().usesPairs()) {
          accuracySum += last.rewardAccuracy();
          marginSum += last.rewardMargin();
          counted++;
        }
        append(metricsFile, last);
        try {
          listener.onStep(last);
        } catch (RuntimeException e) {
          LOG.warn("training step listener failed; ignored", e);
        }
        boolean end = step + 1 == totalSteps;
        if (end || (saveEverySteps > 0 && (step + 1) % saveEverySteps == 0)) {
          store.save(step + 1, key, model, base, adam);
        }
      }
      Checkpoint checkpoint = export(job, model, base, lora);
      Map<String, Double> result = new LinkedHashMap<>();
      result.put("steps", (double) totalSteps);
      result.put("examples", (double) items.size());
      result.put("skipped_steps", (double) skipped);
      if (last != null) {
        result.put("loss", last.loss());
        result.put("grad_norm", last.gradNorm());
      }
      if (counted > 0) {
        result.put("reward_accuracy", accuracySum / counted);
        result.put("reward_margin", marginSum / counted);
      }
      return new TrainingResult(checkpoint, result);
    }
  }

  private Checkpoint export(TrainingJob job, LlamaModel model, GgufFile base, boolean lora) {
    Path out = job.outputDirectory();
    if (!lora || mergeAdapter) {
      return Checkpoint.of(GgufExport.writeMerged(model, base, out.resolve("model.gguf")));
    }
    return Checkpoint.withAdapter(
        job.base().model(), GgufExport.writeAdapter(model, out.resolve("adapter.gguf")));
  }

  private static StepMetrics metrics(
      int step, int epoch, double loss, AdamW.StepReport r, Objective.Sums s, boolean pairs) {
    double n = s.examples;
    double nan = Double.NaN;
    return new StepMetrics(
        step,
        epoch,
        loss,
        r.learningRate(),
        r.gradNorm(),
        s.chosenLogProb / n,
        pairs ? s.rejectedLogProb / n : nan,
        pairs ? s.rewardChosen / n : nan,
        pairs ? s.rewardRejected / n : nan,
        pairs ? (s.rewardChosen - s.rewardRejected) / n : nan,
        pairs ? s.correct / n : nan,
        s.chosenLength / n,
        pairs ? s.rejectedLength / n : nan,
        s.tokens,
        r.skipped());
  }

  /** At most three names, then how many more. */
  private static String describe(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
    return names.size() > 3 ? shown + " and " + (names.size() - 3) + " more" : shown;
  }

  private static List<Integer> order(int n, long seed, int epoch) {
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return order;
  }

  private static void append(Path file, StepMetrics m) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", m.step());
    line.put("epoch", m.epoch());
    line.put("loss", m.loss());
    line.put("learning_rate", m.learningRate());
    line.put("grad_norm", m.gradNorm());
    line.put("skipped", m.skipped());
    line.put("chosen_logp", finite(m.chosenLogProb()));
    line.put("rejected_logp", finite(m.rejectedLogProb()));
    line.put("reward_chosen", finite(m.rewardChosen()));
    line.put("reward_rejected", finite(m.rewardRejected()));
    line.put("reward_margin", finite(m.rewardMargin()));
    line.put("reward_accuracy", finite(m.rewardAccuracy()));
    line.put("chosen_length", finite(m.chosenLength()));
    line.put("rejected_length", finite(m.rejectedLength()));
    line.put("tokens", m.tokens());
    try {
      Files.writeString(
          file,
          Json.toLine(line) + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot append to " + file, e);
    }
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /** Drops metric lines of steps after the checkpoint we resume from. */
  private static void keepLines(Path file, int upToStep) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          if (Json.mapper().readTree(line).path("step").asInt() <= upToStep) {
            kept.add(line);
          }
        } catch (IOException torn) {
          // a line torn by a crash: drop it
        }
      }
      Files.write(file, kept);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot rewrite " + file, e);
    }
  }

  /** Identifies a job's data, base and options, so a checkpoint of another job is not resumed. */
  private String jobKey(TrainingJob job) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Path data = job.algorithm().usesPairs() ? job.pairsFile() : job.sftFile();
      try (InputStream in = Files.newInputStream(data)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
        }
      }
      Path model = job.base().model();
      String rest =
          model.toAbsolutePath()
              + "|" + Files.size(model)
              + "|" + Files.getLastModifiedTime(model).toMillis()
              + "|" + job.base().adapter()
              + "|" + job.algorithm()
              + "|" + job.options()
              + "|" + loraTargets.stream().sorted().toList()
              + "|" + loraAlphaPerRank + "|" + microBatchSize + "|" + simpoGamma + "|" + adamOptions;
      sha.update(rest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new TrainingFailedException("cannot read " + job.sftFile() + " / " + job.pairsFile(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Configures a {@link DjlTrainer}; validates each value at once, reusable. */
  public static final class Builder {
    private Set<String> loraTargets;
    private double loraAlphaPerRank = Double.NaN;
    private double warmupFraction = Double.NaN;
    private AdamW.Options adamOptions;
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
     * @param targets layers LoRA adapts (default: all of {@link LoraConfig#ADAPTABLE})
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
    public Builder optimizer(AdamW.Options options) {
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
