package dev.siam4j.alignment.train.internal;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.siam4j.alignment.train.StepMetrics;
import dev.siam4j.alignment.train.internal.lora.GgufExport;
import dev.siam4j.alignment.train.internal.lora.LoraConfig;
import dev.siam4j.alignment.train.internal.model.GgufWeights;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.alignment.train.internal.optim.AdamW;
import dev.siam4j.alignment.train.internal.optim.LearningRateSchedule;
import dev.siam4j.alignment.train.internal.optim.TrainableParameter;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.gguf.GgufFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training job of {@code DjlTrainer}, in three parts: {@link #plan} (read the base and the data,
 * size the schedule, find a checkpoint of the same job to resume), {@link #steps} (the optimiser
 * loop, saving checkpoints and writing {@code train.jsonl}), and {@link #export} (the adapter or
 * the merged model). Runs on the calling thread; the caller allows one job at a time.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  /**
   * A step whose gradient is not finite is skipped (see {@link AdamW}); this many in a row stop the
   * training with a {@link TrainingFailedException}, before any model is written.
   */
  public static final int MAX_SKIPPED_IN_A_ROW = 5;

  private final TrainingJob job;
  private final TrainerSettings settings;

  private TrainingRun(TrainingJob job, TrainerSettings settings) {
    this.job = Objects.requireNonNull(job, "job");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Trains, resuming from a checkpoint of the same job in the output folder.
   *
   * @param job the job
   * @param settings the trainer's configuration
   * @return the new checkpoint and the final metrics
   * @throws TrainingFailedException on unreadable data or models, or a PyTorch failure
   */
  public static TrainingResult run(TrainingJob job, TrainerSettings settings) {
    try {
      TrainingRun run = new TrainingRun(job, settings);
      return Torch.withoutGradMode(run::run);
    } catch (EngineException e) {
      throw new TrainingFailedException("PyTorch failed while training: " + e.getMessage(), e);
    }
  }

  /** What the job's data, base model and output folder say before any tensor exists. */
  private record Plan(
      GgufFile base,
      List<TrainingSet.Item> items,
      int batch,
      int micro,
      int stepsPerEpoch,
      int totalSteps,
      LearningRateSchedule schedule,
      String key,
      CheckpointStore store,
      Optional<CheckpointStore.Saved> saved,
      boolean lora) {}

  /** Where the step loop starts: the trained parameters, the first step, the reference. */
  private record Start(List<TrainableParameter> params, int step, float[][] reference) {}

  /** What the step loop leaves for the result's metrics. */
  private record Totals(StepMetrics last, double accuracySum, double marginSum, int counted, int skipped) {}

  private TrainingResult run() {
    Plan plan = plan();
    Path weights =
        plan.saved().isPresent() && !plan.lora()
            ? plan.saved().get().folder().resolve("model.gguf")
            : job.base().model();
    try (NDManager manager = Torch.newManager();
        LlamaModel model = GgufWeights.load(weights, manager);
        AdamW adam = new AdamW(manager, settings.adam())) {
      Start start = resume(plan, model, adam);
      Totals totals = steps(plan, start, model, adam);
      Checkpoint checkpoint = export(model, plan.base(), plan.lora());
      return new TrainingResult(checkpoint, metrics(plan, totals));
    }
  }

  // ---- setup and resume

  private Plan plan() {
    TrainingOptions o = job.options();
    Path out = job.outputDirectory();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot create output folder " + out, e);
    }
    GgufFile base = GgufWeights.read(job.base().model());
    Tokenizer tokenizer = settings.tokenizer().orElseGet(() -> Tokenizer.fromGguf(base));
    SequenceEncoder encoder = new SequenceEncoder(tokenizer, SequenceEncoder.bos(base), settings.renderer());
    List<TrainingSet.Item> items = TrainingSet.read(job, encoder);
    int batch = o.batchSize();
    int micro = settings.microBatchSize() == 0 ? batch : Math.min(settings.microBatchSize(), batch);
    int stepsPerEpoch = (items.size() + batch - 1) / batch;
    int totalSteps = stepsPerEpoch * o.epochs();
    LearningRateSchedule schedule =
        LearningRateSchedule.warmupCosine(
            o.learningRate(),
            (int) Math.ceil(settings.warmupFraction() * totalSteps),
            totalSteps,
            settings.minLearningRateRatio());
    String key = jobKey();
    CheckpointStore store = new CheckpointStore(out);
    Optional<CheckpointStore.Saved> saved = store.last().filter(s -> s.key().equals(key));
    return new Plan(
        base, items, batch, micro, stepsPerEpoch, totalSteps, schedule, key, store, saved,
        o.loraRank() > 0);
  }

  private Start resume(Plan plan, LlamaModel model, AdamW adam) {
    Optional<GgufExport.Adapter> startAdapter = job.base().adapter().map(GgufExport::readAdapter);
    if (startAdapter.isPresent() && !plan.lora()) {
      throw new TrainingFailedException(
          "full fine-tuning from an adapter checkpoint is not supported; merge "
              + job.base().adapter().get() + " first or set loraRank");
    }
    if (startAdapter.isPresent() && plan.saved().isEmpty()) {
      model.setLora(startAdapter.get().config(), startAdapter.get().pairs());
    }
    float[][] reference = null;
    if (TrainingSet.needsReference(job.algorithm())) {
      reference =
          ReferenceLogProbs.loadOrCompute(
              job.outputDirectory().resolve("reference-logprobs.json"),
              plan.key(),
              model,
              plan.items(),
              plan.micro());
    }
    List<TrainableParameter> params = parameters(plan, model, startAdapter.isPresent());
    int step = 0;
    if (plan.saved().isPresent()) {
      CheckpointStore.Saved saved = plan.saved().get();
      adam.restore(CheckpointStore.readOptimizer(saved.folder().resolve("optimizer.gguf")), params);
      step = saved.step();
      LOG.info("resuming {} from step {} of {}", job.algorithm(), step, plan.totalSteps());
    }
    return new Start(params, step, reference);
  }

  private List<TrainableParameter> parameters(Plan plan, LlamaModel model, boolean fromAdapter) {
    if (!plan.lora()) {
      return model.trainAll();
    }
    if (plan.saved().isPresent()) {
      GgufExport.Adapter a = GgufExport.readAdapter(plan.saved().get().folder().resolve("adapter.gguf"));
      return model.setLora(a.config(), a.pairs());
    }
    if (fromAdapter) {
      List<TrainableParameter> params = new ArrayList<>();
      model.loraWeights().forEach((name, ab) -> {
        params.add(new TrainableParameter(name.replace(".weight", ".lora_a"), ab[0], true));
        params.add(new TrainableParameter(name.replace(".weight", ".lora_b"), ab[1], true));
      });
      return params;
    }
    int rank = job.options().loraRank();
    return model.addLora(
        new LoraConfig(rank, settings.loraAlphaPerRank() * rank, settings.loraTargets()),
        job.options().seed());
  }

  // ---- the step loop

  private Totals steps(Plan plan, Start start, LlamaModel model, AdamW adam) {
    Objective objective = new Objective(job.algorithm(), job.options(), settings.simpoGamma());
    TrainLog log = new TrainLog(job.outputDirectory().resolve("train.jsonl"));
    log.keepUpTo(start.step());
    boolean pairs = job.algorithm().usesPairs();
    StepMetrics last = null;
    double accuracySum = 0;
    double marginSum = 0;
    int counted = 0;
    int skipped = 0;
    int skippedInARow = 0;
    for (int step = start.step(); step < plan.totalSteps(); step++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new TrainingFailedException(
            "training interrupted after step " + step + "; rerun to resume from the last checkpoint",
            null,
            true);
      }
      int epoch = step / plan.stepsPerEpoch();
      Objective.Sums sums = new Objective.Sums();
      double loss = forwardBackward(plan, start.reference(), batchOf(plan, step, epoch), model, objective, sums);
      AdamW.StepReport report = adam.step(start.params(), plan.schedule().at(step), 1.0);
      last = metrics(step + 1, epoch, loss, report, sums, pairs);
      if (report.skipped()) {
        skipped++;
        skippedInARow++;
        LOG.warn(
            "{} step {} of {} (epoch {}) skipped: the gradient of {} was not finite (loss {}); nothing was updated",
            job.algorithm(), step + 1, plan.totalSteps(), epoch, describe(report.nonFinite()), loss);
        if (skippedInARow == MAX_SKIPPED_IN_A_ROW) {
          log.append(last);
          throw diverged(plan, step, epoch, report, log.file());
        }
      } else {
        skippedInARow = 0;
      }
      if (pairs) {
        accuracySum += last.rewardAccuracy();
        marginSum += last.rewardMargin();
        counted++;
      }
      log.append(last);
      try {
        settings.listener().onStep(last);
      } catch (RuntimeException e) {
        LOG.warn("training step listener failed; ignored", e);
      }
      boolean end = step + 1 == plan.totalSteps();
      if (end || (settings.saveEverySteps() > 0 && (step + 1) % settings.saveEverySteps() == 0)) {
        plan.store().save(step + 1, plan.key(), model, plan.base(), adam);
      }
    }
    return new Totals(last, accuracySum, marginSum, counted, skipped);
  }

  /** The item indices of a step: the epoch's shuffled order, one batch of it. */
  private List<Integer> batchOf(Plan plan, int step, int epoch) {
    List<Integer> order = order(plan.items().size(), job.options().seed(), epoch);
    int from = (step % plan.stepsPerEpoch()) * plan.batch();
    return order.subList(from, Math.min(order.size(), from + plan.batch()));
  }

  /** Accumulates the gradients of a batch, micro-batch by micro-batch; returns the batch's loss. */
  private static double forwardBackward(
      Plan plan, float[][] reference, List<Integer> indices, LlamaModel model, Objective objective,
      Objective.Sums sums) {
    double loss = 0;
    for (int start = 0; start < indices.size(); start += plan.micro()) {
      List<Integer> part = indices.subList(start, Math.min(indices.size(), start + plan.micro()));
      List<TrainingSet.Item> microItems = new ArrayList<>();
      float[][] ref = reference == null ? null : new float[2][part.size()];
      for (int i = 0; i < part.size(); i++) {
        microItems.add(plan.items().get(part.get(i)));
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
    return loss;
  }

  private TrainingFailedException diverged(
      Plan plan, int step, int epoch, AdamW.StepReport report, Path metricsFile) {
    return new TrainingFailedException(
        "training "
            + job.algorithm()
            + " stopped at step "
            + (step + 1)
            + " of "
            + plan.totalSteps()
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

  // ---- export

  private Checkpoint export(LlamaModel model, GgufFile base, boolean lora) {
    Path out = job.outputDirectory();
    if (!lora || settings.mergeAdapter()) {
      return Checkpoint.of(GgufExport.writeMerged(model, base, out.resolve("model.gguf")));
    }
    return Checkpoint.withAdapter(
        job.base().model(), GgufExport.writeAdapter(model, out.resolve("adapter.gguf")));
  }

  private static Map<String, Double> metrics(Plan plan, Totals t) {
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("steps", (double) plan.totalSteps());
    result.put("examples", (double) plan.items().size());
    result.put("skipped_steps", (double) t.skipped());
    if (t.last() != null) {
      result.put("loss", t.last().loss());
      result.put("grad_norm", t.last().gradNorm());
    }
    if (t.counted() > 0) {
      result.put("reward_accuracy", t.accuracySum() / t.counted());
      result.put("reward_margin", t.marginSum() / t.counted());
    }
    return result;
  }

  // ---- helpers

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

  /** Identifies a job's data, base and options, so a checkpoint of another job is not resumed. */
  private String jobKey() {
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
              + "|" + settings.loraTargets().stream().sorted().toList()
              + "|" + settings.loraAlphaPerRank()
              + "|" + settings.microBatchSize()
              + "|" + settings.simpoGamma()
              + "|" + adamKey();
      sha.update(rest.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new TrainingFailedException("cannot read " + job.sftFile() + " / " + job.pairsFile(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The optimiser's part of the key, spelled as before the options had their own type. */
  private String adamKey() {
    var a = settings.adam();
    return "Options[beta1=" + a.beta1() + ", beta2=" + a.beta2() + ", epsilon=" + a.epsilon()
        + ", weightDecay=" + a.weightDecay() + ", maxGradNorm=" + a.maxGradNorm() + "]";
  }
}
