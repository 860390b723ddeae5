package dev.siam4j.examples.cli;

import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.loop.LoopListener;
import dev.siam4j.examples.quickstart.Quickstart;
import dev.siam4j.examples.quickstart.QuickstartModels;
import dev.siam4j.examples.quickstart.QuickstartReport;
import dev.siam4j.examples.quickstart.QuickstartResults;
import dev.siam4j.examples.quickstart.WordProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code siam4j quickstart}: the whole SIaM loop on the embedded tiny model. Generates the
 * MathWorld problems, takes the shipped seed model (or trains one), runs generate → execute →
 * critique → build data → train (SFT, then DPO+NLL) for each seed, evaluates every iteration on
 * the in- and out-of-distribution tests, and writes {@code report.html} and {@code metrics.json}
 * into {@code --output} (default {@code runs/quickstart}), printing a summary table. Progress goes
 * to stderr, the summary to stdout.
 *
 * <p>{@code --train-seed-model FILE} instead trains the seed model from scratch (world seed 0,
 * {@code --seed-epochs}) and writes it to FILE: the command that made the shipped model.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = "Runs the whole loop on the embedded tiny model and writes report.html and metrics.json.")
final class QuickstartCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--output", paramLabel = "DIR", description = "Where everything goes (default runs/quickstart).")
  Path output = Path.of("runs", "quickstart");

  @Option(names = "--seeds", paramLabel = "N", description = "Loop runs with seeds 1..N (default 1).")
  Integer seeds;

  @Option(names = "--iterations", paramLabel = "N", description = "Iterations per run (default 3; reduced 1).")
  Integer iterations;

  @Option(names = "--pool", paramLabel = "N", description = "Pool problems the loop improves on (default 1800).")
  Integer pool;

  @Option(names = "--pool-per-iteration", paramLabel = "N", description = "Pool problems each iteration works on, the next ones after the last iteration's, starting over after the last (default 600; with --pool alone, the whole pool every iteration).")
  Integer poolPerIteration;

  @Option(names = "--validation", paramLabel = "N", description = "Pool problems held out to gate each iteration's model: kept only when it scores at least as well on them as the model before (default 0: no gate).")
  Integer validation;

  @Option(names = "--test", paramLabel = "N", description = "Problems per test split (default 200).")
  Integer test;

  @Option(names = "--samples", paramLabel = "K", description = "Samples per pool problem (default 5).")
  Integer samples;

  @Option(names = "--eval-samples", paramLabel = "N", description = "Samples per test problem at temperature 0.7, the greedy answer scored beside them; 1 is greedy only (default 1).")
  Integer evalSamples;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs of each training step of the loop (default 2).")
  Integer epochs;

  @Option(names = "--seed-epochs", paramLabel = "N", description = "Epochs when training the seed model (default 10).")
  Integer seedEpochs;

  @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate of the loop's SFT steps (default 5e-4).")
  Double learningRate;

  @Option(names = "--preference-lr", paramLabel = "RATE", description = "Learning rate of the loop's DPO+NLL steps (default: a tenth of --lr, 5e-5).")
  Double preferenceLearningRate;

  @Option(names = "--training-data", paramLabel = "WHAT",
      description = "What each iteration trains: iteration (the previous model on its own data, as in the paper), "
          + "replay (also the seed data) or expert-iteration (the seed model on the seed data and every "
          + "iteration's data so far). Default expert-iteration.")
  Quickstart.TrainingData trainingData;

  @Option(names = "--threads", paramLabel = "N", description = "llama.cpp threads (default 2).")
  Integer threads;

  @Option(names = "--seed-model", paramLabel = "FILE.gguf", description = "Start from this seed model instead of the shipped one.")
  Path seedModel;

  @Option(names = "--retrain-seed-model", description = "Train the seed model from scratch instead of using the shipped one.")
  boolean retrainSeedModel;

  @Option(names = "--ablations", description = "Also run the ablations: rule-only vs cascade, DPO vs DPO+NLL, grounding filter on/off, a pool with vs without the reachable types' question/answer pairs.")
  boolean ablations;

  @Option(names = "--ablation", paramLabel = "ARM",
      description = "Run this ablation arm only (repeatable): ${COMPLETION-CANDIDATES}. Implies --ablations.")
  List<Quickstart.AblationArm> ablationArms;

  @Option(names = "--explore-samples", paramLabel = "N",
      description = "Samples more for each pool problem none of whose k samples the critic approves (default 16; reduced 2).")
  Integer exploreSamples;

  @Option(names = "--explore-temperature", paramLabel = "T", description = "Their sampling temperature (default 0.7).")
  Double exploreTemperature;

  @Option(names = "--explore-rounds", paramLabel = "N",
      description = "Rounds of --explore-samples at most per unsolved problem, until one is approved (default 1).")
  Integer exploreRounds;

  @Option(names = "--no-exploration", description = "Every pool problem gets k samples, as in the paper.")
  boolean noExploration;

  @Option(names = "--without-reachable-pairs",
      description = "A pool without the reachable new types' question/answer pairs (their share goes to seed templates): the no-reachable ablation as a run of its own.")
  boolean withoutReachablePairs;

  @Option(names = "--reduced", description = "A small, fast run (CI): 1 iteration on 24 of a pool of 48, k = 2 (2 more for unsolved problems), 8 problems held out for the gate, tests of 12.")
  boolean reduced;

  @Option(names = "--train-seed-model", paramLabel = "FILE.gguf",
      description = "Only train the seed model from scratch and write it to FILE.gguf.")
  Path trainSeedModel;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (System.getProperty("siam4j.torch.threads") == null) {
      System.setProperty("siam4j.torch.threads", "2");
    }
    if (trainSeedModel != null) {
      return trainSeed(err);
    }
    Quickstart.Options base = reduced ? Quickstart.Options.reduced(output) : Quickstart.Options.full(output);
    List<Long> seedList = new ArrayList<>();
    int n = seeds == null ? base.seeds().size() : positive(seeds, "--seeds");
    for (long s = 1; s <= n; s++) {
      seedList.add(s);
    }
    Quickstart.Options options;
    try {
      boolean anyAblation = ablationArms != null && !ablationArms.isEmpty();
      Quickstart.Options.Builder b =
          base.toBuilder().seeds(seedList).ablations(ablations || anyAblation).trainSeedModel(retrainSeedModel);
      if (anyAblation) {
        b.ablationArms(java.util.EnumSet.copyOf(ablationArms));
      }
      if (noExploration && (exploreSamples != null || exploreTemperature != null || exploreRounds != null)) {
        throw new UsageException("--no-exploration cannot be combined with --explore-samples, --explore-temperature or --explore-rounds");
      }
      if (withoutReachablePairs) {
        b.reachableInPool(false);
      }
      if (noExploration) {
        b.withoutExploration();
      } else if (exploreSamples != null || exploreTemperature != null || exploreRounds != null) {
        dev.siam4j.core.loop.Exploration e = base.exploration().orElse(Quickstart.EXPLORATION);
        b.exploration(new dev.siam4j.core.loop.Exploration(
            exploreSamples != null ? exploreSamples : e.extraSamples(),
            exploreTemperature != null ? exploreTemperature : e.temperature(),
            exploreRounds != null ? exploreRounds : e.rounds()));
      }
      if (iterations != null) {
        b.iterations(iterations);
      }
      if (pool != null) {
        b.poolSize(pool);
      }
      if (poolPerIteration != null || pool != null) {
        b.poolPerIteration(poolPerIteration != null ? poolPerIteration : pool);
      }
      if (validation != null) {
        b.validationSize(validation);
      }
      if (test != null) {
        b.testSize(test);
      }
      if (samples != null) {
        b.samplesPerProblem(samples);
      }
      if (evalSamples != null) {
        b.evalSamples(evalSamples);
      }
      if (seedEpochs != null) {
        b.seedEpochs(seedEpochs);
      }
      if (epochs != null) {
        b.loopEpochs(epochs);
      }
      if (learningRate != null) {
        b.learningRate(learningRate);
      }
      if (preferenceLearningRate != null || learningRate != null) {
        b.preferenceLearningRate(preferenceLearningRate != null ? preferenceLearningRate : learningRate / 10);
      }
      if (threads != null) {
        b.threads(threads);
      }
      if (seedModel != null) {
        b.seedModel(seedModel);
      }
      if (trainingData != null) {
        b.trainingData(trainingData);
      }
      options = b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (seedModel != null && !Files.isRegularFile(seedModel)) {
      throw new UsageException("--seed-model " + seedModel + " is not a file");
    }
    long t0 = System.nanoTime();
    LoopListener bar = ProgressBar.stderr();
    QuickstartResults results =
        new Quickstart(options, bar, line -> {
          err.println("quickstart: " + line);
          err.flush();
        }).run();
    out.print(QuickstartReport.summary(results));
    out.println();
    out.printf("report:  %s%n", output.resolve(QuickstartReport.REPORT_FILE));
    out.printf("metrics: %s%n", output.resolve(QuickstartReport.METRICS_FILE));
    out.printf("took %s%n", Duration.ofSeconds((System.nanoTime() - t0) / 1_000_000_000L).toString().substring(2).toLowerCase());
    out.flush();
    return 0;
  }

  private Integer trainSeed(PrintWriter err) {
    int epochsToRun = seedEpochs == null ? Quickstart.Options.full(output).seedEpochs() : positive(seedEpochs, "--seed-epochs");
    List<WordProblem> seedSplit = Quickstart.seedSplit(Quickstart.SHIPPED_WORLD_SEED);
    Path folder = output.resolve("seed-model-training");
    err.printf("quickstart: training the seed model from scratch: %d seed problems, %d epochs, %d weights%n",
        seedSplit.size(), epochsToRun, QuickstartModels.spec().parameterCount());
    err.flush();
    long t0 = System.nanoTime();
    Path model =
        QuickstartModels.trainSeed(
            seedSplit, DjlTrainer.create(),
            QuickstartModels.seedOptions(epochsToRun, QuickstartModels.SEED_MODEL_SEED), folder);
    try {
      Path parent = trainSeedModel.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.copy(model, trainSeedModel, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UsageException("cannot write " + trainSeedModel + ": " + e.getMessage());
    }
    err.printf("quickstart: seed model written to %s in %.0f s (training log: %s)%n",
        trainSeedModel, (System.nanoTime() - t0) / 1e9, folder.resolve("sft").resolve("train.jsonl"));
    err.flush();
    return 0;
  }

  private static int positive(int v, String name) {
    if (v <= 0) {
      throw new UsageException(name + " must be positive, was " + v);
    }
    return v;
  }
}
