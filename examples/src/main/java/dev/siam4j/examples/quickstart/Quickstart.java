package dev.siam4j.examples.quickstart;

import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.quality.QualityCheck;
import dev.siam4j.alignment.quality.QualityChecks;
import dev.siam4j.alignment.quality.QualityPolicy;
import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Critic;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.PolicyLoader;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Solution;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.extraction.CodeExtractors;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.llama.LlamaCpp;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.core.store.IterationFiles;
import dev.siam4j.core.loop.Exploration;
import dev.siam4j.core.loop.IterationMetrics;
import dev.siam4j.core.loop.LoopListener;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.loop.PolicyGate;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.core.loop.TrainingSchedule;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.evaluation.Evaluation;
import dev.siam4j.critic.evaluation.Evaluator;
import dev.siam4j.critic.evaluation.ScoredSample;
import dev.siam4j.sandbox.PythonSandbox;
import dev.siam4j.sandbox.cache.CachingCodeExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The quickstart: the whole SIaM loop on the embedded tiny model. Generates the {@link MathWorld}
 * problems, takes the shipped seed model (or trains one from scratch), runs the loop (generate k
 * programs with llama.cpp → execute in the {@link PythonSandbox} → judge → build SFT data and
 * preference pairs with the grounding filter → train SFT then DPO+NLL) for each seed, evaluates
 * the seed model and every iteration's model on the in-distribution and out-of-distribution tests,
 * optionally runs the ablations, and returns what {@link QuickstartReport} shows.
 *
 * <p>The critic is the rule cascade: answer-equivalence rules with a SymPy fallback in the
 * sandbox for what the rules leave undecided. "Rule-scored" accuracy uses the rules alone,
 * "critic-scored" that cascade. Not thread-safe; one run at a time per output folder.
 */
public final class Quickstart {
  /** The classpath resource of the shipped seed model. */
  public static final String SEED_MODEL_RESOURCE = "dev/siam4j/examples/quickstart/seed-model.gguf";
  /**
   * The world seed of the shipped seed model, made by {@code ./siam4j quickstart --train-seed-model
   * FILE} ({@link #seedSplit seedSplit(0)}, {@link QuickstartModels#SEED_MODEL_EPOCHS}
   * epochs, seed {@link QuickstartModels#SEED_MODEL_SEED}).
   */
  public static final long SHIPPED_WORLD_SEED = 0;

  /**
   * What the quickstart's problems are made of: a seed split three-quarters English (the seed
   * model writes the same programs for Chinese questions, but copies their numbers less surely:
   * the room the loop has to grow in), and a pool of 50% seed templates, 15% paraphrases, 25%
   * reachable new types (seed skills combined) and 10% new types that need an operation no seed
   * program has.
   */
  public static final MathWorld.Recipe WORLD_RECIPE = new MathWorld.Recipe(0.25, 0.5, 0.1, 0.25);

  /**
   * The ablation's pool: as {@link #WORLD_RECIPE} with the reachable types' share given to the seed
   * templates, so the loop sees none of their question/answer pairs.
   */
  public static final MathWorld.Recipe WITHOUT_REACHABLE =
      WORLD_RECIPE.withPoolReachableShare(0).withPoolSeenShare(WORLD_RECIPE.poolSeenShare() + WORLD_RECIPE.poolReachableShare());

  /**
   * The quickstart's exploration: a pool problem none of whose k programs the critic approves gets
   * 16 more at the same temperature, once. The seed model's pass@k rises with k on the seed
   * templates and paraphrases; on the reachable and new types it stays at 0 for this seed model
   * (see {@link TypeReach} and docs/BENCHMARKS.md), and a higher temperature does not change the
   * program it writes.
   */
  public static final Exploration EXPLORATION = Exploration.of(16, 0.7);

  /**
   * Seed problems replayed in each iteration's SFT data: a fifth of the seed split, enough to keep
   * the seed skills and few enough that the iteration's own examples still count (and training
   * stays short).
   */
  public static final int REPLAYED_SEED_PROBLEMS = 400;

  /**
   * The sampling seed of every evaluation, whatever the loop's seed: each model is scored on the
   * same draws, so the seed model has one score and the spread across seeds is the loop's own, not
   * the evaluation's sampling noise (which moves one model's score by several points between
   * seeds at 5 samples of 100 problems).
   */
  public static final long EVALUATION_SEED = 0;

  /**
   * The suffix of a test split's label for its greedy scores ({@code "test-id greedy"}), evaluated
   * beside the sampled ones when more than one sample per test problem is drawn.
   */
  public static final String GREEDY = " greedy";

  private final Options options;
  /** Scores by checkpoint: the seed model is evaluated once for all seeds and arms. */
  private final Map<Checkpoint, List<QuickstartResults.Score>> evaluated = new HashMap<>();
  /** Validation accuracy by checkpoint, for the gate: each model is validated once. */
  private final Map<Checkpoint, Double> validated = new HashMap<>();
  private final LoopListener progress;
  private final Consumer<String> log;

  /**
   * What to run.
   *
   * @param output the folder for problems, runs, report.html and metrics.json
   * @param worldSeed the seed of the problems
   * @param seeds the loop's seeds (sampling, data order, training), one run each
   * @param iterations loop iterations per seed
   * @param poolSize problems the loop improves on
   * @param poolPerIteration problems each iteration works on: the next ones of the pool, starting
   *     over after the last ({@code poolSize} for the whole pool every iteration)
   * @param validationSize pool problems held out from the loop to gate each iteration's model
   *     (0: no gate, every trained model is kept)
   * @param testSize problems in each test split
   * @param samplesPerProblem k, samples per pool problem
   * @param evalSamples samples per test problem (1: greedy)
   * @param seedEpochs epochs of the seed model's training, when it is trained
   * @param loopEpochs epochs of each training step of the loop
   * @param learningRate learning rate of the loop's SFT steps
   * @param preferenceLearningRate learning rate of the loop's preference steps (DPO+NLL, and DPO
   *     in the ablation)
   * @param threads CPU threads for llama.cpp
   * @param ablations whether to run the ablation arms of {@code ablationArms} (on the first seed)
   * @param seedModel a seed model to use instead of the shipped one
   * @param trainSeedModel train the seed model from scratch even where the shipped one fits
   * @param trainingData what each iteration trains, from which model
   * @param exploration more samples for pool problems the k did not solve; empty for none
   * @param ablationArms the arms {@code ablations} runs (default all)
   * @param reachableInPool whether the pool holds the reachable types' question/answer pairs
   *     ({@link #WORLD_RECIPE}, the default) or gives their share to seed templates ({@link
   *     #WITHOUT_REACHABLE}: the no-reachable ablation as a run of its own)
   */
  public record Options(
      Path output,
      long worldSeed,
      List<Long> seeds,
      int iterations,
      int poolSize,
      int poolPerIteration,
      int validationSize,
      int testSize,
      int samplesPerProblem,
      int evalSamples,
      int seedEpochs,
      int loopEpochs,
      double learningRate,
      double preferenceLearningRate,
      int threads,
      boolean ablations,
      Optional<Path> seedModel,
      boolean trainSeedModel,
      TrainingData trainingData,
      Optional<Exploration> exploration,
      Set<AblationArm> ablationArms,
      boolean reachableInPool) {

    /**
     * Validates and copies.
     *
     * @param output the output folder, not null
     * @param worldSeed the problems' seed
     * @param seeds the loop's seeds, not empty; copied
     * @param iterations positive
     * @param poolSize positive
     * @param poolPerIteration positive, at most {@code poolSize}
     * @param validationSize not negative; 0 for no gate
     * @param testSize positive
     * @param samplesPerProblem positive
     * @param evalSamples positive; 1 for greedy
     * @param seedEpochs positive
     * @param loopEpochs positive
     * @param learningRate positive and finite
     * @param preferenceLearningRate positive and finite
     * @param threads positive
     * @param ablations whether to run the ablation arms
     * @param seedModel a seed model file or empty, not null
     * @param trainSeedModel whether to train the seed model from scratch
     * @param trainingData the training schedule, not null
     * @param exploration the exploration or empty, not null
     * @param ablationArms the arms, not empty; copied
     * @param reachableInPool whether the pool holds the reachable types' pairs
     * @throws IllegalArgumentException when a value is out of range
     */
    public Options {
      Objects.requireNonNull(output, "output");
      ablationArms = Collections.unmodifiableSet(EnumSet.copyOf(Objects.requireNonNull(ablationArms, "ablationArms")));
      if (ablationArms.isEmpty()) {
        throw new IllegalArgumentException("ablationArms must not be empty");
      }
      Objects.requireNonNull(exploration, "exploration");
      seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds"));
      Objects.requireNonNull(seedModel, "seedModel");
      Objects.requireNonNull(trainingData, "trainingData");
      if (seeds.isEmpty()) {
        throw new IllegalArgumentException("seeds must not be empty");
      }
      positive(iterations, "iterations");
      positive(poolSize, "poolSize");
      positive(poolPerIteration, "poolPerIteration");
      if (validationSize < 0) {
        throw new IllegalArgumentException("validationSize must not be negative, was " + validationSize);
      }
      if (poolPerIteration > poolSize) {
        throw new IllegalArgumentException(
            "poolPerIteration (" + poolPerIteration + ") must not exceed poolSize (" + poolSize + ")");
      }
      positive(testSize, "testSize");
      positive(samplesPerProblem, "samplesPerProblem");
      positive(evalSamples, "evalSamples");
      positive(seedEpochs, "seedEpochs");
      positive(loopEpochs, "loopEpochs");
      positive(threads, "threads");
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be positive, was " + learningRate);
      }
      if (!(preferenceLearningRate > 0) || Double.isInfinite(preferenceLearningRate)) {
        throw new IllegalArgumentException("preferenceLearningRate must be positive, was " + preferenceLearningRate);
      }
    }

    /**
     * Options without exploration, with every ablation arm and the reachable types in the pool.
     *
     * @param output the output folder, not null
     * @param worldSeed the problems' seed
     * @param seeds the loop's seeds, not empty
     * @param iterations positive
     * @param poolSize positive
     * @param poolPerIteration positive, at most {@code poolSize}
     * @param validationSize not negative; 0 for no gate
     * @param testSize positive
     * @param samplesPerProblem positive
     * @param evalSamples positive; 1 for greedy
     * @param seedEpochs positive
     * @param loopEpochs positive
     * @param learningRate positive and finite
     * @param preferenceLearningRate positive and finite
     * @param threads positive
     * @param ablations whether to run the ablation arms
     * @param seedModel a seed model file or empty, not null
     * @param trainSeedModel whether to train the seed model from scratch
     * @param trainingData the training schedule, not null
     */
    public Options(
        Path output, long worldSeed, List<Long> seeds, int iterations, int poolSize, int poolPerIteration,
        int validationSize, int testSize, int samplesPerProblem, int evalSamples, int seedEpochs, int loopEpochs,
        double learningRate, double preferenceLearningRate, int threads, boolean ablations, Optional<Path> seedModel,
        boolean trainSeedModel, TrainingData trainingData) {
      this(output, worldSeed, seeds, iterations, poolSize, poolPerIteration, validationSize, testSize, samplesPerProblem,
          evalSamples, seedEpochs, loopEpochs, learningRate, preferenceLearningRate, threads, ablations, seedModel,
          trainSeedModel, trainingData, Optional.empty(), EnumSet.allOf(AblationArm.class), true);
    }

    /**
     * @return the problems: the world seed's, with this pool and test size; the pool split holds
     *     the loop's {@code poolSize} problems and then the {@code validationSize} held out
     */
    public MathWorld world() {
      return world(recipe());
    }

    /** @return what the pool is made of: {@link #WORLD_RECIPE}, or {@link #WITHOUT_REACHABLE} */
    public MathWorld.Recipe recipe() {
      return reachableInPool ? WORLD_RECIPE : WITHOUT_REACHABLE;
    }

    /**
     * @param recipe what the pool is made of; the test splits are the same for every recipe
     * @return the problems of {@link #world()} with another pool
     */
    public MathWorld world(MathWorld.Recipe recipe) {
      return MathWorld.builder()
          .seed(worldSeed)
          .recipe(recipe)
          .size(Split.POOL, poolSize + validationSize)
          .size(Split.TEST_ID, testSize)
          .size(Split.TEST_OOD, testSize)
          .build();
    }

    /**
     * The full quickstart: 3 iterations, k = 5, each on the next 600 problems of a pool of 1,800
     * (no question seen twice), no gate, expert iteration (each iteration trains the seed model on
     * 400 seed examples and every iteration's data so far), SFT at 5e-4 then DPO+NLL at 5e-5,
     * tests of 200 evaluated greedily (as the paper evaluates; no sampling noise, so the spread
     * across seeds is the loop's), {@link #EXPLORATION} for the problems the k samples leave
     * unsolved. With {@code evalSamples} above 1 each test problem is answered that many times at
     * temperature 0.7 with one sampling seed for every model, and greedily beside it.
     *
     * @param output the folder for problems, runs, report.html and metrics.json
     * @return the full options
     */
    public static Options full(Path output) {
      return builder(output).build();
    }

    /**
     * A small, fast run for CI: 1 iteration on 24 of a pool of 48, k = 2 and 2 more samples for
     * unsolved problems, tests of 12 answered twice and greedily.
     *
     * @param output the folder for problems, runs, report.html and metrics.json
     * @return the reduced options
     */
    public static Options reduced(Path output) {
      return builder(output)
          .iterations(1)
          .poolSize(48)
          .poolPerIteration(24)
          .validationSize(8)
          .testSize(12)
          .samplesPerProblem(2)
          .evalSamples(2)
          .seedEpochs(2)
          .loopEpochs(1)
          .exploration(Exploration.of(2, EXPLORATION.temperature()))
          .build();
    }

    /**
     * @param output the folder for problems, runs, report.html and metrics.json
     * @return a builder holding {@link #full(Path)}'s options, each of which may be set once
     */
    public static Builder builder(Path output) {
      return new Builder(
          new Options(
              output, SHIPPED_WORLD_SEED, List.of(1L), 3, 1800, 600, 0, 200, 5, 1, QuickstartModels.SEED_MODEL_EPOCHS,
              2, 5e-4, 5e-5, 2, false, Optional.empty(), false, TrainingData.EXPERT_ITERATION,
              Optional.of(EXPLORATION), EnumSet.allOf(AblationArm.class), true));
    }

    /** @return a builder holding these options, each of which may be set once */
    public Builder toBuilder() {
      return new Builder(this);
    }

    /**
     * Builds {@link Options} by name rather than by position. Each setter checks its value at once;
     * setting one twice is an {@link IllegalStateException}; {@link #build()} checks the
     * combination. Not thread-safe.
     */
    public static final class Builder {
      private final java.util.Set<String> setHere = new HashSet<>();
      private Path output;
      private long worldSeed;
      private List<Long> seeds;
      private int iterations;
      private int poolSize;
      private int poolPerIteration;
      private int validationSize;
      private int testSize;
      private int samplesPerProblem;
      private int evalSamples;
      private int seedEpochs;
      private int loopEpochs;
      private double learningRate;
      private double preferenceLearningRate;
      private int threads;
      private boolean ablations;
      private Optional<Path> seedModel;
      private boolean trainSeedModel;
      private TrainingData trainingData;
      private Optional<Exploration> exploration;
      private Set<AblationArm> ablationArms;
      private boolean reachableInPool;

      private Builder(Options o) {
        output = o.output;
        worldSeed = o.worldSeed;
        seeds = o.seeds;
        iterations = o.iterations;
        poolSize = o.poolSize;
        poolPerIteration = o.poolPerIteration;
        validationSize = o.validationSize;
        testSize = o.testSize;
        samplesPerProblem = o.samplesPerProblem;
        evalSamples = o.evalSamples;
        seedEpochs = o.seedEpochs;
        loopEpochs = o.loopEpochs;
        learningRate = o.learningRate;
        preferenceLearningRate = o.preferenceLearningRate;
        threads = o.threads;
        ablations = o.ablations;
        seedModel = o.seedModel;
        trainSeedModel = o.trainSeedModel;
        trainingData = o.trainingData;
        exploration = o.exploration;
        ablationArms = o.ablationArms;
        reachableInPool = o.reachableInPool;
      }

      private void once(String name, Object old) {
        if (!setHere.add(name)) {
          throw new IllegalStateException(name + " was already set to " + old);
        }
      }

      private static int checkedPositive(int v, String name) {
        positive(v, name);
        return v;
      }

      private static double checkedRate(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
        return v;
      }

      /**
       * The folder for problems, runs, report.html and metrics.json.
       *
       * @param value the output folder, not null
       * @return this builder
       */
      public Builder output(Path value) {
        Objects.requireNonNull(value, "output");
        once("output", output);
        output = value;
        return this;
      }

      /**
       * The seed of the problems.
       *
       * @param value the problems' seed
       * @return this builder
       */
      public Builder worldSeed(long value) {
        once("worldSeed", worldSeed);
        worldSeed = value;
        return this;
      }

      /**
       * The loop's seeds, one run each; not empty.
       *
       * @param value the seeds, not empty
       * @return this builder
       */
      public Builder seeds(List<Long> value) {
        Objects.requireNonNull(value, "seeds");
        if (value.isEmpty()) {
          throw new IllegalArgumentException("seeds must not be empty");
        }
        once("seeds", seeds);
        seeds = List.copyOf(value);
        return this;
      }

      /**
       * Loop iterations per seed, positive.
       *
       * @param value iterations per seed
       * @return this builder
       */
      public Builder iterations(int value) {
        int checked = checkedPositive(value, "iterations");
        once("iterations", iterations);
        iterations = checked;
        return this;
      }

      /**
       * Problems the loop improves on, positive.
       *
       * @param value the pool's size
       * @return this builder
       */
      public Builder poolSize(int value) {
        int checked = checkedPositive(value, "poolSize");
        once("poolSize", poolSize);
        poolSize = checked;
        return this;
      }

      /**
       * Problems each iteration works on, positive, at most {@link #poolSize}.
       *
       * @param value problems per iteration
       * @return this builder
       */
      public Builder poolPerIteration(int value) {
        int checked = checkedPositive(value, "poolPerIteration");
        once("poolPerIteration", poolPerIteration);
        poolPerIteration = checked;
        return this;
      }

      /**
       * Pool problems held out to gate each iteration's model; 0 for no gate.
       *
       * @param value held-out problems, not negative
       * @return this builder
       */
      public Builder validationSize(int value) {
        if (value < 0) {
          throw new IllegalArgumentException("validationSize must not be negative, was " + value);
        }
        once("validationSize", validationSize);
        validationSize = value;
        return this;
      }

      /**
       * Problems in each test split, positive.
       *
       * @param value problems per test split
       * @return this builder
       */
      public Builder testSize(int value) {
        int checked = checkedPositive(value, "testSize");
        once("testSize", testSize);
        testSize = checked;
        return this;
      }

      /**
       * k, samples per pool problem, positive.
       *
       * @param value k
       * @return this builder
       */
      public Builder samplesPerProblem(int value) {
        int checked = checkedPositive(value, "samplesPerProblem");
        once("samplesPerProblem", samplesPerProblem);
        samplesPerProblem = checked;
        return this;
      }

      /**
       * Samples per test problem (1: greedy), positive.
       *
       * @param value samples per test problem
       * @return this builder
       */
      public Builder evalSamples(int value) {
        int checked = checkedPositive(value, "evalSamples");
        once("evalSamples", evalSamples);
        evalSamples = checked;
        return this;
      }

      /**
       * Epochs of the seed model's training, when it is trained; positive.
       *
       * @param value the seed model's epochs
       * @return this builder
       */
      public Builder seedEpochs(int value) {
        int checked = checkedPositive(value, "seedEpochs");
        once("seedEpochs", seedEpochs);
        seedEpochs = checked;
        return this;
      }

      /**
       * Epochs of each training step of the loop, positive.
       *
       * @param value epochs per training step
       * @return this builder
       */
      public Builder loopEpochs(int value) {
        int checked = checkedPositive(value, "loopEpochs");
        once("loopEpochs", loopEpochs);
        loopEpochs = checked;
        return this;
      }

      /**
       * Learning rate of the loop's SFT steps, positive.
       *
       * @param value the SFT learning rate
       * @return this builder
       */
      public Builder learningRate(double value) {
        double checked = checkedRate(value, "learningRate");
        once("learningRate", learningRate);
        learningRate = checked;
        return this;
      }

      /**
       * Learning rate of the loop's preference steps, positive.
       *
       * @param value the preference learning rate
       * @return this builder
       */
      public Builder preferenceLearningRate(double value) {
        double checked = checkedRate(value, "preferenceLearningRate");
        once("preferenceLearningRate", preferenceLearningRate);
        preferenceLearningRate = checked;
        return this;
      }

      /**
       * CPU threads for llama.cpp, positive.
       *
       * @param value CPU threads
       * @return this builder
       */
      public Builder threads(int value) {
        int checked = checkedPositive(value, "threads");
        once("threads", threads);
        threads = checked;
        return this;
      }

      /**
       * Whether to run the ablation arms (on the first seed).
       *
       * @param value true to run the ablation arms
       * @return this builder
       */
      public Builder ablations(boolean value) {
        once("ablations", ablations);
        ablations = value;
        return this;
      }

      /**
       * A seed model to use instead of the shipped one.
       *
       * @param value the seed model's GGUF file, not null
       * @return this builder
       */
      public Builder seedModel(Path value) {
        Objects.requireNonNull(value, "seedModel");
        once("seedModel", seedModel);
        seedModel = Optional.of(value);
        return this;
      }

      /**
       * Whether to train the seed model from scratch even where the shipped one fits.
       *
       * @param value true to train the seed model from scratch
       * @return this builder
       */
      public Builder trainSeedModel(boolean value) {
        once("trainSeedModel", trainSeedModel);
        trainSeedModel = value;
        return this;
      }

      /**
       * What each iteration trains, from which model.
       *
       * @param value the training schedule, not null
       * @return this builder
       */
      public Builder trainingData(TrainingData value) {
        Objects.requireNonNull(value, "trainingData");
        once("trainingData", trainingData);
        trainingData = value;
        return this;
      }

      /**
       * More samples for pool problems the k did not solve (default {@link #EXPLORATION}).
       *
       * @param value the exploration, not null
       * @return this builder
       */
      public Builder exploration(Exploration value) {
        Objects.requireNonNull(value, "exploration");
        once("exploration", exploration);
        exploration = Optional.of(value);
        return this;
      }

      /**
       * The arms {@link #ablations} runs, not empty (default all of them).
       *
       * @param value the arms, not empty
       * @return this builder
       */
      public Builder ablationArms(Set<AblationArm> value) {
        Objects.requireNonNull(value, "ablationArms");
        if (value.isEmpty()) {
          throw new IllegalArgumentException("ablationArms must not be empty");
        }
        once("ablationArms", ablationArms);
        ablationArms = EnumSet.copyOf(value);
        return this;
      }

      /**
       * Whether the pool holds the reachable types' question/answer pairs (default true).
       *
       * @param value false to give the reachable types' share to seed templates
       * @return this builder
       */
      public Builder reachableInPool(boolean value) {
        once("reachableInPool", reachableInPool);
        reachableInPool = value;
        return this;
      }

      /**
       * No exploration: every pool problem gets k samples, as in the paper.
       *
       * @return this builder
       */
      public Builder withoutExploration() {
        once("exploration", exploration);
        exploration = Optional.empty();
        return this;
      }

      /**
       * @return the options
       * @throws IllegalArgumentException when {@code poolPerIteration} exceeds {@code poolSize}
       */
      public Options build() {
        return new Options(
            output, worldSeed, seeds, iterations, poolSize, poolPerIteration, validationSize, testSize,
            samplesPerProblem, evalSamples, seedEpochs, loopEpochs, learningRate, preferenceLearningRate, threads,
            ablations, seedModel, trainSeedModel, trainingData, exploration, ablationArms, reachableInPool);
      }
    }
  }

  /** The ablations' arms, each a full loop on the first seed compared with the main run. */
  public enum AblationArm {
    /** The loop's data filtered by the answer rules alone instead of the cascade. */
    RULE_ONLY("rule-only"),
    /** Plain DPO instead of DPO+NLL as the second training step. */
    DPO("dpo"),
    /** Approved programs kept whether or not their numbers come from the question. */
    NO_GROUNDING("no-grounding"),
    /** A pool without the reachable types' question/answer pairs ({@link #WITHOUT_REACHABLE}). */
    NO_REACHABLE("no-reachable");

    private final String label;

    AblationArm(String label) {
      this.label = label;
    }

    /** @return the name the command line and the arm's folder use */
    public String label() {
      return label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** What each iteration of the loop trains, and from which model. */
  public enum TrainingData {
    /** The previous iteration's model on this iteration's data: the paper's loop. */
    ITERATION("iteration"),
    /**
     * As {@link #ITERATION}, with {@link #REPLAYED_SEED_PROBLEMS} seed examples added to every
     * iteration's SFT data.
     */
    REPLAY("replay"),
    /**
     * The seed model on {@link #REPLAYED_SEED_PROBLEMS} seed examples and every iteration's SFT
     * data so far (expert iteration, as in ReST-EM), then DPO+NLL on this iteration's pairs: one
     * iteration's training errors do not compound in the next.
     */
    EXPERT_ITERATION("expert-iteration");

    private final String label;

    TrainingData(String label) {
      this.label = label;
    }

    /** @return the name the command line uses */
    public String label() {
      return label;
    }

    /**
     * @param label {@code iteration}, {@code replay} or {@code expert-iteration}
     * @return the value of that name
     * @throws IllegalArgumentException naming the accepted names
     */
    public static TrainingData of(String label) {
      for (TrainingData t : values()) {
        if (t.label.equals(label)) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          "training data must be iteration, replay or expert-iteration, was '" + label + "'");
    }
  }

  /**
   * The seed split the seed model trains on: the world of {@code worldSeed} with {@link
   * #WORLD_RECIPE} at the default sizes, as the shipped model was trained (the test splits are
   * drawn first, so other test sizes would draw other seed problems).
   *
   * @param worldSeed the world seed
   * @return the seed problems, with their reference programs
   */
  public static List<WordProblem> seedSplit(long worldSeed) {
    return MathWorld.builder().seed(worldSeed).recipe(WORLD_RECIPE).build().problems(Split.SEED);
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
  }

  /**
   * @param options what to run
   * @param progress receives the loop's events (progress bars)
   * @param log receives one line per step ("evaluating ...")
   */
  public Quickstart(Options options, LoopListener progress, Consumer<String> log) {
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Runs everything and writes {@code report.html} and {@code metrics.json} into the output folder.
   *
   * @return what was measured
   */
  public QuickstartResults run() {
    Options o = options;
    MathWorld world = o.world();
    world.write(o.output().resolve("problems"));
    log.accept("problems: " + world.size(Split.SEED) + " seed, " + o.poolSize() + " pool (" + o.poolPerIteration() + " an iteration), " + o.testSize()
        + " test-id, " + o.testSize() + " test-ood (world seed " + o.worldSeed() + ")");
    DjlTrainer trainer = DjlTrainer.create();
    Path seedModel = seedModel(world, trainer);
    List<QuickstartResults.SeedRun> runs = new ArrayList<>();
    List<QuickstartResults.Ablation> ablations = new ArrayList<>();
    try (PythonSandbox python = PythonSandbox.builder().workers(2).build()) {
      // A tiny model writes the same program many times (about a third of the loop's samples
      // repeat one of the same problem); these programs are deterministic, so each runs once.
      CodeExecutor sandbox = CachingCodeExecutor.wrap(python, python.toString(), 1_000_000);
      // the cascade: answer rules, SymPy for what they cannot read, then the trained critic model
      // (QuickstartCritic, shipped) for what is still UNKNOWN
      Critic criticModel =
          QuickstartCritic.load(QuickstartCritic.shippedModel(o.output().resolve("critic-model").resolve("model.gguf")),
              o.threads(), 7);
      Critic cascade = QuickstartCritic.cascade(AnswerEquivalence.builder().symbolic(sandbox).build(), criticModel);
      for (long seed : o.seeds()) {
        Arm main = new Arm("main", cascade, Algorithm.DPO_NLL, true);
        runs.add(new QuickstartResults.SeedRun(seed, runArm(main, world, seedModel, sandbox, trainer, seed, cascade)));
      }
      if (o.ablations()) {
        ablations.addAll(ablations(world, seedModel, sandbox, trainer, cascade, runs.get(0)));
      }
    }
    QuickstartResults results =
        new QuickstartResults("siam4j quickstart: a tiny model teaches itself", configuration(seedModel), runs, ablations,
            shippedSeedModel() ? TypeReach.shipped(o.output().resolve("seed-model").resolve("pass-at-k.jsonl")) : List.of());
    QuickstartReport.write(results, o.output());
    return results;
  }

  private record Arm(String name, Critic critic, Algorithm preference, boolean grounding) {}

  /** Whether the seed model is the shipped one, whose pass@k per type is shipped beside it. */
  private boolean shippedSeedModel() {
    return options.seedModel().isEmpty() && !options.trainSeedModel() && options.worldSeed() == SHIPPED_WORLD_SEED;
  }

  private Map<String, String> configuration(Path seedModel) {
    Options o = options;
    Map<String, String> c = new LinkedHashMap<>();
    c.put("seed model", seedModel.getFileName() + " (" + QuickstartModels.spec().parameterCount() + " weights, "
        + QuickstartModels.spec().vocabularySize() + " tokens)");
    c.put("world seed", Long.toString(o.worldSeed()));
    MathWorld.Recipe r = o.recipe();
    c.put("problem mix", String.format(Locale.ROOT,
        "seed split %.0f%% Chinese; pool %.0f%% seed templates, %.0f%% paraphrases, %.0f%% reachable new types"
            + " (seed skills combined), %.0f%% new types (an operation no seed program has)",
        100 * r.seedChineseShare(), 100 * r.poolSeenShare(),
        100 * (1 - r.poolSeenShare() - r.poolNewShare() - r.poolReachableShare()), 100 * r.poolReachableShare(),
        100 * r.poolNewShare()));
    c.put("exploration", o.exploration().map(e -> String.format(Locale.ROOT,
        "a pool problem none of whose %d samples is approved gets %d more at temperature %s (%d round%s)",
        o.samplesPerProblem(), e.extraSamples(), e.temperature(), e.rounds(), e.rounds() == 1 ? "" : "s"))
        .orElse("none: every pool problem gets " + o.samplesPerProblem() + " samples"));
    c.put("loop seeds", o.seeds().toString());
    c.put("iterations", Integer.toString(o.iterations()));
    c.put("pool problems", Integer.toString(o.poolSize()));
    c.put("pool problems per iteration", Integer.toString(o.poolPerIteration()));
    c.put("gate", o.validationSize() == 0 ? "none: every trained model is kept"
        : "a trained model is kept when its grounded accuracy on " + o.validationSize()
            + " held-out pool problems (" + o.samplesPerProblem() + " samples each at 0.7) is at least that of the model before");
    c.put("test problems per split", Integer.toString(o.testSize()));
    c.put("samples per problem (k)", Integer.toString(o.samplesPerProblem()));
    c.put("samples per test problem", o.evalSamples() == 1 ? "1 (greedy)"
        : o.evalSamples() + " at temperature 0.7, sampling seed " + EVALUATION_SEED
            + " for every model (accuracy: the share of correct samples); the greedy answer beside them");
    c.put("training", "SFT then DPO+NLL, full fine-tuning, " + o.loopEpochs() + " epoch(s) each, lr " + o.learningRate()
        + " (SFT) and " + o.preferenceLearningRate() + " (DPO+NLL)");
    c.put("training data", switch (o.trainingData()) {
      case ITERATION -> "each iteration trains the previous model on its own data (the paper's loop)";
      case REPLAY -> "each iteration trains the previous model on its own data and " + REPLAYED_SEED_PROBLEMS + " seed examples";
      case EXPERT_ITERATION -> "each iteration trains the seed model on " + REPLAYED_SEED_PROBLEMS + " seed examples and every iteration's data so far";
    });
    c.put("critic", "answer rules, SymPy fallback, then the trained critic model (critic-model.gguf) for what they leave UNKNOWN");
    c.put("executor", "PythonSandbox (isolated, 2 workers) behind a CachingCodeExecutor");
    c.put("data filter", "PreferenceBuilders with QualityPolicy.strict() (grounding drops)");
    c.put("threads", "llama.cpp " + o.threads() + ", PyTorch " + System.getProperty("siam4j.torch.threads", "default"));
    return c;
  }

  private Path seedModel(MathWorld world, Trainer trainer) {
    Options o = options;
    if (o.seedModel().isPresent()) {
      return o.seedModel().get();
    }
    Path folder = o.output().resolve("seed-model");
    Path model = folder.resolve("model.gguf");
    try {
      Files.createDirectories(folder);
      if (Files.exists(model)) {
        log.accept("seed model: " + model + " (from an earlier run)");
        return model;
      }
      if (!o.trainSeedModel() && o.worldSeed() == SHIPPED_WORLD_SEED) {
        try (InputStream in = Quickstart.class.getClassLoader().getResourceAsStream(SEED_MODEL_RESOURCE)) {
          if (in != null) {
            Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
            log.accept("seed model: the shipped one (" + SEED_MODEL_RESOURCE + ")");
            return model;
          }
        }
      }
      log.accept("seed model: training from scratch on " + world.size(Split.SEED) + " seed problems, "
          + o.seedEpochs() + " epochs (full fine-tuning)...");
      long t0 = System.nanoTime();
      Path trained =
          QuickstartModels.trainSeed(
              seedSplit(o.worldSeed()), trainer,
              QuickstartModels.seedOptions(o.seedEpochs(), QuickstartModels.SEED_MODEL_SEED), folder);
      Files.copy(trained, model, StandardCopyOption.REPLACE_EXISTING);
      log.accept(String.format("seed model: trained in %.0f s", (System.nanoTime() - t0) / 1e9));
      return model;
    } catch (IOException e) {
      throw new RunStoreException("cannot prepare the seed model in " + folder + ": " + e.getMessage(), e);
    }
  }

  private SamplingOptions sampling() {
    return new SamplingOptions(0.7, 0.95, 0, 96, List.of(QuickstartModels.CLOSE));
  }

  private PolicyLoader loader(Path seedModel, long seed) {
    Options o = options;
    int slots = Math.max(o.samplesPerProblem(), o.evalSamples());
    LlamaCppOptions template =
        LlamaCppOptions.builder(seedModel).threads(o.threads()).parallelSlots(slots).contextSize(256 * slots)
            .seed(seed & 0xFFFF_FFFFL).build();
    return ClosingFenceGenerator.loader(LlamaCpp.policyLoader(template));
  }

  private List<QuickstartResults.IterationResult> runArm(
      Arm arm, MathWorld world, Path seedModel, CodeExecutor sandbox, Trainer trainer, long seed, Critic evalCritic) {
    Options o = options;
    Path folder = o.output().resolve(arm.name().equals("main") ? "seed-" + seed : "ablation-" + arm.name());
    PolicyLoader loader = loader(seedModel, seed);
    PolicyLoader evaluationLoader = loader(seedModel, EVALUATION_SEED);
    List<Problem> all = QuickstartModels.toProblems(world.problems(Split.POOL));
    List<Problem> pool = all.subList(0, o.poolSize());
    List<Problem> validation = all.subList(o.poolSize(), all.size());
    log.accept("[" + folder.getFileName() + "] loop: " + o.iterations() + " iteration(s) on " + o.poolPerIteration()
        + " of " + pool.size() + " pool problems each, k = " + o.samplesPerProblem());
    TrainingOptions sft = new TrainingOptions(o.learningRate(), o.loopEpochs(), 16, 192, 0.1, 1.0, 0, seed);
    SelfImprovementLoop.Builder builder =
        SelfImprovementLoop.builder()
            .problems(pool)
            .runFolder(folder.resolve("loop"))
            .policy(Checkpoint.of(seedModel), loader)
            .executor(sandbox)
            .critic(arm.critic())
            .preferenceBuilder(
                PreferenceBuilders.builder()
                    .quality(arm.grounding() ? QualityPolicy.strict() : QualityPolicy.paper())
                    .seed(seed)
                    .build())
            .trainer(trainer)
            .trainingPlan(Algorithm.SFT, arm.preference())
            .trainingOptions(sft)
            .trainingOptions(arm.preference(), sft.withLearningRate(o.preferenceLearningRate()))
            .samplesPerProblem(o.samplesPerProblem())
            .iterations(o.iterations())
            .seed(seed)
            .problemsPerIteration(o.poolPerIteration())
            .sampling(sampling())
            .promptTemplate(QuickstartModels.promptTemplate())
            .codeExtractor(CodeExtractors.defaultExtractor())
            .trainingSchedule(schedule(o.trainingData(), world))
            .concurrency(Stage.EXECUTE, 2)
            .listener(progress);
    o.exploration().ifPresent(builder::exploration);
    if (!validation.isEmpty()) {
      builder.gate(gate(folder.getFileName().toString(), validation, evaluationLoader, sandbox, evalCritic));
    }
    LoopResult result = builder.build().run();
    List<QuickstartResults.IterationResult> out = new ArrayList<>();
    Checkpoint current = Checkpoint.of(seedModel);
    for (int i = 0; i <= o.iterations(); i++) {
      Optional<QuickstartResults.LoopStats> stats = Optional.empty();
      if (i > 0) {
        IterationMetrics m = result.iterations().get(i - 1);
        stats = Optional.of(QuickstartResults.LoopStats.from(
            m, Exploration.summary(new IterationFiles(folder.resolve("loop").resolve("iter-" + (i - 1))))));
        // the model after iteration i: what it trained, unless the gate kept the one before
        if (stats.get().kept().orElse(true)) {
          current = checkpointAfter(folder.resolve("loop").resolve("iter-" + (i - 1)).resolve("checkpoint"), current);
        }
      }
      String what = i == 0 ? "the seed model" : "iteration " + i;
      List<QuickstartResults.Score> scores = evaluated.get(current);
      if (scores == null) {
        log.accept("[" + folder.getFileName() + "] evaluating " + what + " on test-id and test-ood...");
        scores = evaluate(world, evaluationLoader, current, sandbox, evalCritic);
        evaluated.put(current, scores);
      } else {
        log.accept("[" + folder.getFileName() + "] " + what + ": evaluated before, with the same evaluation seed");
      }
      out.add(new QuickstartResults.IterationResult(i, scores, stats));
    }
    return out;
  }

  /**
   * The gate: a model an iteration trained replaces the one it started from only when its grounded
   * accuracy on the held-out validation problems (k samples at 0.7, the evaluation's sampling seed,
   * judged by the cascade) is at least as high.
   */
  private PolicyGate gate(
      String name, List<Problem> validation, PolicyLoader loader, CodeExecutor sandbox, Critic critic) {
    return (iteration, current, candidate) -> {
      double before = validate(current, validation, loader, sandbox, critic);
      double after = validate(candidate, validation, loader, sandbox, critic);
      boolean accept = after >= before;
      int n = validation.size() * options.samplesPerProblem();
      String reason = String.format(Locale.ROOT, "validation accuracy %.1f%% (%d of %d) → %.1f%% (%d) on %d held-out problems: %s",
          100 * before, Math.round(before * n), n, 100 * after, Math.round(after * n), validation.size(),
          accept ? "kept" : "not kept, the next iteration starts from the model before");
      log.accept("[" + name + "] gate after iteration " + (iteration + 1) + ": " + reason);
      return new PolicyGate.Decision(accept, Map.of("current", before, "candidate", after), reason);
    };
  }

  private double validate(
      Checkpoint checkpoint, List<Problem> validation, PolicyLoader loader, CodeExecutor sandbox, Critic critic) {
    Double known = validated.get(checkpoint);
    if (known != null) {
      return known;
    }
    dev.siam4j.core.Generator generator = loader.load(checkpoint);
    try {
      Evaluation e = evaluator(generator, sandbox, critic, options.samplesPerProblem(), sampling()).evaluate(validation);
      long right = e.samples().stream().filter(s -> s.verdict().correct() && grounded(s)).count();
      double accuracy = e.samples().isEmpty() ? 0 : (double) right / e.samples().size();
      validated.put(checkpoint, accuracy);
      return accuracy;
    } finally {
      close(generator);
    }
  }

  /** The quickstart's evaluation: k samples a problem with the evaluation's sampling seed, rules then the critic. */
  private static Evaluator evaluator(
      dev.siam4j.core.Generator generator, CodeExecutor sandbox, Critic critic, int k, SamplingOptions sampling) {
    return Evaluator.builder()
        .generator(generator)
        .executor(sandbox)
        .prompt(QuickstartModels.promptTemplate())
        .codeExtractor(CodeExtractors.defaultExtractor())
        .samplesPerProblem(k)
        .sampling(sampling)
        .seed(EVALUATION_SEED)
        .rules(AnswerEquivalence.rules())
        .critic(critic)
        .build();
  }

  private static void close(dev.siam4j.core.Generator generator) {
    if (generator instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a generator handle releases nothing the run still needs
      }
    }
  }

  /**
   * The seed data each iteration replays ({@link TrainingData#REPLAY}, {@link
   * TrainingData#EXPERT_ITERATION}): the first {@link #REPLAYED_SEED_PROBLEMS} problems of the seed
   * model's training split (the world seed at the default sizes), a random sample of it since the
   * split is shuffled. The whole split is checked against this run's test splits (the seed model has
   * seen it all).
   */
  /** The loop's training schedule for a choice of training data. */
  private TrainingSchedule schedule(TrainingData data, MathWorld world) {
    return switch (data) {
      case ITERATION -> TrainingSchedule.paper();
      case REPLAY -> TrainingSchedule.paper().withReplay(seedData(world));
      case EXPERT_ITERATION -> TrainingSchedule.expertIteration().withReplay(seedData(world));
    };
  }

  private List<SftExample> seedData(MathWorld world) {
    Set<String> tests = new HashSet<>();
    for (Split split : List.of(Split.TEST_ID, Split.TEST_OOD)) {
      world.problems(split).forEach(p -> tests.add(p.question()));
    }
    List<WordProblem> seedSplit = seedSplit(options.worldSeed());
    for (WordProblem p : seedSplit) {
      if (tests.contains(p.question())) {
        throw new IllegalStateException("seed problem " + p.id() + " is also a test problem: " + p.question());
      }
    }
    List<SftExample> out = new ArrayList<>();
    for (WordProblem p : seedSplit.subList(0, Math.min(REPLAYED_SEED_PROBLEMS, seedSplit.size()))) {
      out.add(QuickstartModels.seedExample(p, QuickstartModels.promptTemplate()));
    }
    return out;
  }

  /** The checkpoint the last training step of an iteration produced. */
  private static Checkpoint checkpointAfter(Path trainingFolder, Checkpoint previous) {
    if (!Files.isDirectory(trainingFolder)) {
      return previous;
    }
    try (Stream<Path> steps = Files.list(trainingFolder)) {
      List<Path> results =
          steps.map(p -> p.resolve("result.json")).filter(Files::exists).sorted().toList();
      if (results.isEmpty()) {
        return previous;
      }
      return Json.mapper().readValue(results.get(results.size() - 1).toFile(), TrainingResult.class).checkpoint();
    } catch (IOException e) {
      throw new RunStoreException("cannot read the checkpoints in " + trainingFolder + ": " + e.getMessage(), e);
    }
  }

  private List<QuickstartResults.Score> evaluate(
      MathWorld world, PolicyLoader loader, Checkpoint checkpoint, CodeExecutor sandbox, Critic critic) {
    Options o = options;
    List<QuickstartResults.Score> scores = new ArrayList<>();
    dev.siam4j.core.Generator generator = loader.load(checkpoint);
    try {
      // with more than one sample a problem: sampled first, then the greedy answer beside it
      List<Integer> samples = o.evalSamples() == 1 ? List.of(1) : List.of(o.evalSamples(), 1);
      for (int k : samples) {
        for (Split split : List.of(Split.TEST_ID, Split.TEST_OOD)) {
          Evaluator evaluator =
              evaluator(generator, sandbox, critic, k, k == 1 ? sampling().withTemperature(0) : sampling());
          List<Problem> problems = QuickstartModels.toProblems(world.problems(split));
          String label = k == 1 && o.evalSamples() > 1 ? split.label() + GREEDY : split.label();
          Evaluation e = evaluator.evaluate(problems);
          long stalled = stalled(e.samples());
          if (stalled > 0) {
            // these programs print a few numbers: one that runs out of time was starved of CPU,
            // and a score that counts it wrong says more about the machine than the model
            log.accept("  " + label + ": " + stalled + " of " + e.samples().size()
                + " programs timed out or met a sandbox failure (a loaded machine?); evaluating again");
            e = evaluator.evaluate(problems);
            stalled = stalled(e.samples());
            if (stalled > 0) {
              log.accept("  " + label + ": " + stalled + " still did; they count as wrong, and this score is not"
                  + " comparable with one measured on an idle machine");
            }
          }
          scores.addAll(scores(label, e.samples()));
        }
      }
    } finally {
      close(generator);
    }
    return scores;
  }

  /** Samples whose program ran out of time or whose sandbox failed: nothing said about the model. */
  static long stalled(List<ScoredSample> samples) {
    return samples.stream()
        .filter(s -> s.execution().outcome() == Outcome.TIMEOUT || s.execution().outcome() == Outcome.SANDBOX_FAILURE)
        .count();
  }

  private static final QualityCheck GROUNDED = QualityChecks.grounded();

  /** Scores per group of one split, labelled {@code split}. */
  static List<QuickstartResults.Score> scores(String split, List<ScoredSample> samples) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Double> tokens = new TreeMap<>();
    for (ScoredSample s : samples) {
      String group = s.problem().metadata().getOrDefault("group", "all");
      long[] c = counts.computeIfAbsent(group, g -> new long[4]);
      c[0]++;
      if (s.rulesCorrect()) {
        c[1]++;
      }
      if (s.verdict().correct()) {
        c[2]++;
        if (grounded(s)) {
          c[3]++;
        }
      }
      tokens.merge(group, (double) WordTokenizer.tokenize(s.code()).size(), Double::sum);
    }
    List<QuickstartResults.Score> out = new ArrayList<>();
    for (Group g : Group.values()) {
      long[] c = counts.get(g.label());
      if (c != null) {
        out.add(new QuickstartResults.Score(split, g.label(), c[0], c[1], c[2], c[3], tokens.get(g.label()) / c[0]));
      }
    }
    return out;
  }

  /** Whether a sample's program takes its numbers from the question (the grounding check). */
  static boolean grounded(ScoredSample s) {
    Problem p = s.problem();
    Solution solution =
        new Solution(
            new SampleKey(p.id(), s.sampleIndex(), 0),
            Prompt.raw(p.question()),
            new Completion(s.code().isEmpty() ? " " : s.code(), Completion.FinishReason.STOP, 0, 0),
            s.code());
    return GROUNDED.accepts(p, new JudgedSample(solution, s.execution(), s.verdict()));
  }

  private List<QuickstartResults.Ablation> ablations(
      MathWorld world, Path seedModel, CodeExecutor sandbox, Trainer trainer, Critic cascade,
      QuickstartResults.SeedRun main) {
    long seed = options.seeds().get(0);
    Set<AblationArm> arms = options.ablationArms();
    List<QuickstartResults.Ablation> out = new ArrayList<>();
    if (arms.contains(AblationArm.RULE_ONLY)) {
      List<QuickstartResults.IterationResult> ruleOnly =
          runArm(new Arm("rule-only", Critics.rules(), Algorithm.DPO_NLL, true), world, seedModel, sandbox, trainer, seed, cascade);
    out.add(new QuickstartResults.Ablation(
        "rule-only vs cascade",
        "Filtering the loop's data with the answer rules alone against the cascade (rules, then SymPy for what they leave"
            + " undecided); both evaluated by the cascade, seed " + seed + ".",
        List.of(
            series("cascade", "grounded accuracy, test-id", main.iterations(), "test-id"),
            series("rule-only", "grounded accuracy, test-id", ruleOnly, "test-id"),
            series("cascade", "grounded accuracy, test-ood", main.iterations(), "test-ood"),
            series("rule-only", "grounded accuracy, test-ood", ruleOnly, "test-ood"))));
    }
    if (arms.contains(AblationArm.DPO)) {
      List<QuickstartResults.IterationResult> dpo =
          runArm(new Arm("dpo", cascade, Algorithm.DPO, true), world, seedModel, sandbox, trainer, seed, cascade);
      out.add(new QuickstartResults.Ablation(
        "DPO vs DPO+NLL",
        "The second training step as plain DPO against DPO+NLL; response length is the programs' tokens, seed " + seed + ".",
        List.of(
            lengthSeries("DPO+NLL", main.iterations()),
            lengthSeries("DPO", dpo),
            series("DPO+NLL", "grounded accuracy, test-ood", main.iterations(), "test-ood"),
            series("DPO", "grounded accuracy, test-ood", dpo, "test-ood"))));
    }
    if (arms.contains(AblationArm.NO_GROUNDING)) {
      List<QuickstartResults.IterationResult> noGrounding =
          runArm(new Arm("no-grounding", cascade, Algorithm.DPO_NLL, false), world, seedModel, sandbox, trainer, seed, cascade);
      out.add(new QuickstartResults.Ablation(
        "with vs without the grounding filter",
        "Approved programs whose numbers do not come from the question dropped (QualityPolicy.strict) against kept"
            + " (QualityPolicy.paper), seed " + seed + ".",
        List.of(
            series("grounding filter", "grounded accuracy, test-ood", main.iterations(), "test-ood"),
            series("no filter", "grounded accuracy, test-ood", noGrounding, "test-ood"),
            share("grounding filter", main.iterations()),
            share("no filter", noGrounding))));
    }
    if (arms.contains(AblationArm.NO_REACHABLE)) {
      List<QuickstartResults.IterationResult> noReachable =
          runArm(new Arm("no-reachable", cascade, Algorithm.DPO_NLL, true), options.world(WITHOUT_REACHABLE), seedModel,
              sandbox, trainer, seed, cascade);
      out.add(new QuickstartResults.Ablation(
        "with vs without the reachable types' question/answer pairs",
        "A pool holding the reachable new types' questions and answers (" + Math.round(100 * WORLD_RECIPE.poolReachableShare())
            + "% of it) against one whose share goes to seed templates instead; the same tests, seed " + seed
            + ". A rise that comes from the pairs shows in the first arm only.",
        List.of(
            series("with the pairs", "grounded accuracy, test-ood reachable", main.iterations(), "test-ood", "reachable"),
            series("without", "grounded accuracy, test-ood reachable", noReachable, "test-ood", "reachable"),
            series("with the pairs", "grounded accuracy, test-id", main.iterations(), "test-id"),
            series("without", "grounded accuracy, test-id", noReachable, "test-id"))));
    }
    return out;
  }

  private static QuickstartResults.Series series(
      String arm, String metric, List<QuickstartResults.IterationResult> its, String split) {
    return series(arm, metric, its, split, null);
  }

  /** Grounded accuracy of one split per iteration, of one group or (null) all of them. */
  private static QuickstartResults.Series series(
      String arm, String metric, List<QuickstartResults.IterationResult> its, String split, String group) {
    List<Double> v = new ArrayList<>();
    for (QuickstartResults.IterationResult r : its) {
      long n = 0;
      long ok = 0;
      for (QuickstartResults.Score s : r.scores()) {
        if (s.split().equals(split) && (group == null || s.group().equals(group))) {
          n += s.evaluated();
          ok += s.groundedCorrect();
        }
      }
      v.add(n == 0 ? 0.0 : (double) ok / n);
    }
    return new QuickstartResults.Series(arm, metric, v);
  }

  private static QuickstartResults.Series share(String arm, List<QuickstartResults.IterationResult> its) {
    List<Double> v = new ArrayList<>();
    for (QuickstartResults.IterationResult r : its) {
      long correct = 0;
      long grounded = 0;
      for (QuickstartResults.Score s : r.scores()) {
        correct += s.criticCorrect();
        grounded += s.groundedCorrect();
      }
      v.add(correct == 0 ? 0.0 : (double) grounded / correct);
    }
    return new QuickstartResults.Series(arm, "grounded share of correct answers", v);
  }

  private static QuickstartResults.Series lengthSeries(String arm, List<QuickstartResults.IterationResult> its) {
    List<Double> v = new ArrayList<>();
    for (QuickstartResults.IterationResult r : its) {
      double sum = 0;
      long n = 0;
      for (QuickstartResults.Score s : r.scores()) {
        sum += s.meanResponseTokens() * s.evaluated();
        n += s.evaluated();
      }
      v.add(n == 0 ? 0.0 : sum / n);
    }
    return new QuickstartResults.Series(arm, "mean response tokens", v);
  }
}
