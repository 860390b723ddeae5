package dev.siam4j.core.loop;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Critic;
import dev.siam4j.core.Generator;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.PolicyLoader;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.extraction.CodeExtractor;
import dev.siam4j.core.extraction.CodeExtractors;
import dev.siam4j.core.internal.Checks;
import dev.siam4j.core.prompts.PromptTemplate;
import dev.siam4j.core.prompts.PromptTemplates;
import dev.siam4j.core.remote.Capacity;
import dev.siam4j.core.store.RunFolderLock;
import dev.siam4j.core.store.RunManifest;
import dev.siam4j.core.store.RunStore;
import dev.siam4j.core.store.StageLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIaM self-improvement loop: each iteration generates k programs per problem, executes them,
 * has the critic judge them, builds SFT examples and preference pairs, and trains the next policy,
 * which generates in the next iteration.
 *
 * <pre>{@code
 * LoopResult result = SelfImprovementLoop.builder()
 *     .problems(problems)
 *     .policy(Checkpoint.of(Path.of("seed.gguf")), policyLoader)
 *     .executor(sandbox)
 *     .critic(critic)
 *     .preferenceBuilder(preferenceBuilder)
 *     .trainer(trainer)
 *     .trainingPlan(Algorithm.SFT, Algorithm.DPO_NLL)
 *     .samplesPerProblem(5)
 *     .iterations(3)
 *     .runFolder(Path.of("runs/demo"))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Every stage streams its records into the run folder (see {@link RunStore}); memory stays
 * bounded by the stage's concurrency, however many problems there are. Running the same loop on
 * the same folder again resumes: finished work is skipped, a crash's leftovers are dropped, and a
 * different configuration is refused. Immutable and thread-safe; {@link #run()} may be called
 * again (it resumes).
 *
 * <p><b>One runner per folder.</b> {@code run()} holds a {@link RunFolderLock} on the run folder
 * from start to end: a second {@code run()} on the same folder, from another thread, process or
 * machine, fails at once with a {@link dev.siam4j.core.store.RunFolderLockedException} naming the
 * holder (pid, host, since). The lock of a runner that died (SIGKILL, power loss) is taken over by
 * the next one, which resumes.
 *
 * <p><b>Deadlines.</b> Every call of a component (a generate request, one problem's executions,
 * one problem's verdicts, one problem's data, a training step, the gate) runs on a daemon thread of
 * the run's and is awaited for its stage's deadline ({@link Builder#callTimeout(Stage, Duration)},
 * defaults in {@link #defaultCallTimeout(Stage)}). A call past it is interrupted and abandoned: for
 * EXECUTE its programs are recorded as {@link dev.siam4j.core.Outcome#TIMEOUT} and the run goes on;
 * for any other stage the run fails. The deadlines are in the manifest's settings. Components are
 * therefore called on the loop's threads, never on the thread that called {@code run()}: a component
 * that keeps per-thread state (a {@code ThreadLocal}, PyTorch's grad mode) sets it on each call.
 *
 * <p><b>Errors.</b> Everything {@code run()} throws is a {@link Siam4jException}. A component that
 * throws, returns {@code null}, a {@code null} element or the wrong number of results fails the run
 * with its stage's exception ({@link dev.siam4j.core.GenerationFailedException}, {@link
 * dev.siam4j.core.ExecutionFailedException}, {@link dev.siam4j.core.CritiqueFailedException}, {@link
 * dev.siam4j.core.DataBuildingFailedException}, {@link dev.siam4j.core.TrainingFailedException})
 * whose message names the stage, the iteration, the problem (or training step) and the component's
 * class, with the component's exception as the cause: {@code "GENERATE failed in iteration 0 at
 * problem gsm8k-12: com.acme.MyGenerator threw java.io.IOException: connection reset"}. The
 * folder stays resumable.
 *
 * <p><b>Cancellation.</b> Interrupting the thread in {@code run()} cancels the loop: the component
 * call in flight is interrupted and abandoned, the lock is released, and {@code run()} throws a
 * {@link LoopCancelledException} with the thread's interrupt status set. A later {@code run()}
 * resumes. The loop closes the generators it opened through a {@link PolicyLoader};
 * components the host passed in are the host's to close.
 */
public final class SelfImprovementLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SelfImprovementLoop.class);

  private final Iterable<Problem> problems;
  private final Path runFolder;
  private final Generator generator;
  private final Checkpoint seedCheckpoint;
  private final PolicyLoader policyLoader;
  private final CodeExecutor executor;
  private final Critic critic;
  private final PreferenceBuilder preferenceBuilder;
  private final Trainer trainer;
  private final List<Algorithm> trainingPlan;
  private final TrainingOptions trainingOptions;
  private final Map<Algorithm, TrainingOptions> stepOptions;
  private final int samplesPerProblem;
  private final int iterations;
  private final long seed;
  private final SamplingOptions sampling;
  private final PromptTemplate promptTemplate;
  private final CodeExtractor codeExtractor;
  private final TrainingSchedule schedule;
  private final int problemsPerIteration;
  private final PolicyGate gate;
  private final Exploration exploration;
  private final Map<Stage, Integer> concurrency;
  private final Map<Stage, Duration> callTimeouts;
  private final List<LoopListener> listeners;
  private final Builder source;

  /**
   * A stage's concurrency when the builder did not set one: enough problems in flight to keep a
   * component that reports its {@link Capacity} busy (remote generators and executors over several
   * endpoints), else 1. A policy loaded per iteration reports none, so its stage stays at 1.
   */
  private static int defaultConcurrency(Stage stage, Builder b) {
    int calls = b.samplesPerProblem != null ? b.samplesPerProblem : 5;
    Object component =
        switch (stage) {
          case GENERATE -> b.generator;
          case EXECUTE -> b.executor;
          case CRITIQUE -> b.critic;
          default -> null;
        };
    if (component == null) {
      return 1;
    }
    return Capacity.capacityOf(component).stream()
        .map(cap -> Capacity.problemsInFlight(cap, calls))
        .findFirst()
        .orElse(1);
  }

  private SelfImprovementLoop(Builder b) {
    this.problems = b.problems;
    this.runFolder = b.runFolder;
    this.generator = b.generator;
    this.seedCheckpoint = b.seedCheckpoint;
    this.policyLoader = b.policyLoader;
    this.executor = b.executor;
    this.critic = b.critic;
    this.preferenceBuilder = b.preferenceBuilder;
    this.trainer = b.trainer;
    this.trainingPlan =
        b.trainingPlan != null ? b.trainingPlan : (b.trainer != null ? List.of(Algorithm.SFT) : List.of());
    this.trainingOptions = b.trainingOptions != null ? b.trainingOptions : TrainingOptions.DEFAULT;
    this.stepOptions = Map.copyOf(b.stepOptions);
    this.samplesPerProblem = b.samplesPerProblem != null ? b.samplesPerProblem : 5;
    this.iterations = b.iterations != null ? b.iterations : 1;
    this.seed = b.seed != null ? b.seed : 0L;
    this.sampling = b.sampling != null ? b.sampling : SamplingOptions.DEFAULT;
    this.promptTemplate = b.promptTemplate != null ? b.promptTemplate : PromptTemplates.zeroShot();
    this.codeExtractor = b.codeExtractor != null ? b.codeExtractor : CodeExtractors.defaultExtractor();
    this.schedule = b.effectiveSchedule();
    this.problemsPerIteration = b.problemsPerIteration != null ? b.problemsPerIteration : 0;
    this.gate = b.gate;
    this.exploration = b.exploration;
    EnumMap<Stage, Integer> c = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      c.put(s, b.concurrency.getOrDefault(s, defaultConcurrency(s, b)));
    }
    this.concurrency = Map.copyOf(c);
    EnumMap<Stage, Duration> t = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      t.put(s, b.callTimeouts.getOrDefault(s, defaultCallTimeout(s)));
    }
    this.callTimeouts = java.util.Collections.unmodifiableMap(t);
    this.listeners = List.copyOf(b.listeners);
    this.source = b.copy();
  }

  /**
   * The deadline of one call of a stage's component when {@link Builder#callTimeout} does not set
   * one: long enough for a real model on a CPU, short enough that a hung component is noticed the
   * same day. GENERATE (one request of k samples, loading the policy included) and CRITIQUE (one
   * problem's samples) 30 minutes; EXECUTE (one problem's programs, well above a sandbox's own
   * per-program wall time and its start-up) 10 minutes; BUILD_DATA 10 minutes; TRAIN (one step
   * of the training plan, and the gate) 7 days.
   *
   * @param stage the stage
   * @return its default deadline per call
   */
  public static Duration defaultCallTimeout(Stage stage) {
    Objects.requireNonNull(stage, "stage");
    return switch (stage) {
      case GENERATE, CRITIQUE, EXPLORE -> Duration.ofMinutes(30);
      case EXECUTE, BUILD_DATA -> Duration.ofMinutes(10);
      case TRAIN -> Duration.ofDays(7);
    };
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the training schedule: the one set, or the paper's */
  public TrainingSchedule trainingSchedule() {
    return schedule;
  }

  /** @return a builder holding this loop's settings, to derive a variant */
  public Builder toBuilder() {
    return source.copy();
  }

  /**
   * Runs (or resumes) every iteration.
   *
   * @return metrics per iteration and the final checkpoint
   * @throws Siam4jException when a stage fails; what was written stays, and a rerun resumes
   */
  public LoopResult run() {
    Position at = new Position();
    try (RunFolderLock lock = RunFolderLock.acquire(runFolder);
        ComponentCalls calls = new ComponentCalls(callTimeouts)) {
      return runLocked(calls, at);
    } catch (LoopCancelledException e) {
      Thread.currentThread().interrupt();
      throw e;
    } catch (Siam4jException e) {
      if (Thread.currentThread().isInterrupted()) {
        // an interrupt that broke a file operation before a component call noticed it
        throw new LoopCancelledException(
            "the loop was cancelled (its thread was interrupted) " + at + "; what was written stays, and a rerun resumes", e);
      }
      throw e;
    } catch (RuntimeException e) {
      throw new Siam4jException("the run in " + runFolder + " failed " + at + ": " + e, e);
    }
  }

  /** Where the run is, for an error that no stage could name. */
  private static final class Position {
    int iteration = -1;
    Stage stage;

    @Override
    public String toString() {
      return iteration < 0 ? "before its first iteration" : "in iteration " + iteration + " at " + stage;
    }
  }

  private LoopResult runLocked(ComponentCalls calls, Position at) {
    long[] countAndHash = fingerprint();
    RunStore store = RunStore.open(runFolder, manifest(countAndHash));
    LoopListener listener = new SafeListener(listeners);
    List<IterationMetrics> all = new ArrayList<>();
    Checkpoint current = seedCheckpoint;
    for (int it = 0; it < iterations; it++) {
      at.iteration = it;
      at.stage = Stage.GENERATE;
      listener.iterationStarted(new LoopEvent.IterationStarted(it, iterations));
      long count = problemsPerIteration == 0 ? countAndHash[0] : Math.min(problemsPerIteration, countAndHash[0]);
      Iterable<Problem> slice =
          problemsPerIteration == 0 ? problems : new ProblemSlice(problems, countAndHash[0], it * count % countAndHash[0], count);
      IterationRunner runner = new IterationRunner(this, store, it, slice, count, listener, calls);
      LazyGenerator g = new LazyGenerator(current);
      try {
        runner.generate(g);
      } finally {
        g.closeIfOpened();
      }
      at.stage = Stage.EXECUTE;
      runner.execute(executor);
      at.stage = Stage.CRITIQUE;
      runner.critique();
      if (exploration != null) {
        at.stage = Stage.EXPLORE;
        LazyGenerator explorer = new LazyGenerator(current);
        try {
          runner.explore(explorer, exploration, executor);
        } finally {
          explorer.closeIfOpened();
        }
      }
      List<TrainingStepMetrics> training = new ArrayList<>();
      Optional<PolicyGate.Decision> decision = Optional.empty();
      if (preferenceBuilder != null) {
        at.stage = Stage.BUILD_DATA;
        runner.buildData();
        if (trainer != null) {
          at.stage = Stage.TRAIN;
          // the next iteration generates with what this one trained, whatever it started from,
          // unless the gate keeps the policy this one generated with
          Checkpoint trained =
              runner.train(schedule.base() == TrainingSchedule.Base.SEED ? seedCheckpoint : current, training);
          if (gate == null) {
            current = trained;
          } else {
            decision = Optional.of(runner.gate(gate, current, trained));
            current = decision.get().accept() ? trained : current;
          }
        }
      }
      IterationMetrics m = runner.metrics(training, decision);
      IterationRunner.write(runner.files().metrics(), m);
      all.add(m);
      LOG.info(
          "iteration {}: {} problems, {} samples, pass@1 {}, pass@{} {}, {} SFT, {} pairs",
          it, m.problems(), m.samples(), String.format("%.3f", m.passAt1()), samplesPerProblem,
          String.format("%.3f", m.passAtK()), m.sftExamples(), m.pairs());
      listener.iterationFinished(new LoopEvent.IterationFinished(it, m));
    }
    IterationRunner.write(store.metrics(), all);
    RunStore.writeAtomically(store.report(), Report.markdown(store.manifest(), all));
    return new LoopResult(runFolder, all, trainer != null ? Optional.ofNullable(current) : Optional.empty());
  }

  /**
   * The policy of one iteration: the fixed generator, or the checkpoint's, opened through the
   * loader when a stage first needs it and closed after generation.
   */
  final class LazyGenerator {
    private final Checkpoint checkpoint;
    private Generator opened;

    LazyGenerator(Checkpoint checkpoint) {
      this.checkpoint = checkpoint;
    }

    /** @return the generator, loading it (within the stage's deadline) on first use */
    synchronized Generator open(ComponentCalls calls, ComponentCalls.Site site) {
      if (generator != null) {
        return generator;
      }
      if (opened == null) {
        opened = calls.call(site, policyLoader, () -> policyLoader.load(checkpoint));
      }
      return opened;
    }

    synchronized void closeIfOpened() {
      if (opened instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.warn("closing the generator for {} failed", checkpoint, e);
        }
      }
      opened = null;
    }
  }

  private long[] fingerprint() {
    long count = 0;
    long hash = StageLog.EMPTY_HASH;
    for (Problem p : problems) {
      count++;
      hash = StageLog.hashStep(hash, p.id());
      hash = StageLog.hashStep(hash, p.question());
      hash = StageLog.hashStep(hash, p.referenceAnswer());
    }
    if (count == 0) {
      throw new InvalidInputException("problems is empty: nothing to run in " + runFolder);
    }
    return new long[] {count, hash};
  }

  private RunManifest manifest(long[] countAndHash) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("problems.count", Long.toString(countAndHash[0]));
    c.put("problems.fingerprint", Long.toHexString(countAndHash[1]));
    c.put("samplesPerProblem", Integer.toString(samplesPerProblem));
    c.put("seed", Long.toString(seed));
    c.put("sampling", sampling.toString());
    c.put("promptTemplate", describe(promptTemplate));
    c.put("codeExtractor", describe(codeExtractor));
    c.put("generator", generator != null ? describe(generator) : "loader " + describe(policyLoader));
    if (seedCheckpoint != null) {
      c.put("policy.seed", seedCheckpoint.toString());
    }
    c.put("executor", describe(executor));
    c.put("critic", describe(critic));
    c.put("preferenceBuilder", preferenceBuilder == null ? "none" : describe(preferenceBuilder));
    c.put("trainer", trainer == null ? "none" : describe(trainer));
    c.put("trainingPlan", trainingPlan.toString());
    c.put("trainingOptions", trainer == null ? "none" : trainingOptions.toString());
    // only overrides are recorded, so a run made before they existed resumes unchanged
    for (Map.Entry<Algorithm, TrainingOptions> e : new TreeMap<>(stepOptions).entrySet()) {
      c.put("trainingOptions." + e.getKey(), e.getValue().toString());
    }
    // the keys of the settings the schedule replaced, so that runs made before it resume unchanged
    if (!schedule.replay().isEmpty()) {
      long h = StageLog.EMPTY_HASH;
      for (SftExample e : schedule.replay()) {
        h = StageLog.hashStep(h, e.prompt().toString());
        h = StageLog.hashStep(h, e.completion());
      }
      c.put("replay", schedule.replay().size() + " examples, fingerprint " + Long.toHexString(h));
    }
    if (schedule.data() == TrainingSchedule.Data.ALL_ITERATIONS) {
      c.put("accumulate", "true");
    }
    if (schedule.base() == TrainingSchedule.Base.SEED) {
      c.put("trainFromSeed", "true");
    }
    if (problemsPerIteration > 0) {
      c.put("problemsPerIteration", Integer.toString(problemsPerIteration));
    }
    if (gate != null) {
      c.put("gate", describe(gate));
    }
    if (exploration != null) {
      c.put("exploration", exploration.toString());
    }
    Map<String, String> v = new TreeMap<>();
    String version = SelfImprovementLoop.class.getPackage().getImplementationVersion();
    v.put("siam4j", version == null ? "dev" : version);
    v.put("java", System.getProperty("java.version"));
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    Map<String, String> settings = new TreeMap<>();
    callTimeouts.forEach((stage, d) -> settings.put("callTimeout." + stage, d.toString()));
    return new RunManifest(c, v, settings);
  }

  /** A component's name that is stable across JVM runs (lambda classes lose their counter). */
  static String describe(Object component) {
    String name = component.getClass().getName();
    int lambda = name.indexOf("$$Lambda");
    return lambda < 0 ? name : name.substring(0, lambda) + "$$Lambda";
  }

  // package-private accessors for the runner
  int samplesPerProblem() { return samplesPerProblem; }
  long seed() { return seed; }
  SamplingOptions sampling() { return sampling; }
  PromptTemplate promptTemplate() { return promptTemplate; }
  CodeExtractor codeExtractor() { return codeExtractor; }
  List<SftExample> replay() { return schedule.replay(); }
  boolean accumulate() { return schedule.data() == TrainingSchedule.Data.ALL_ITERATIONS; }
  Critic critic() { return critic; }
  PreferenceBuilder preferenceBuilder() { return preferenceBuilder; }
  Trainer trainer() { return trainer; }
  List<Algorithm> trainingPlan() { return trainingPlan; }
  TrainingOptions trainingOptions() { return trainingOptions; }
  TrainingOptions trainingOptions(Algorithm algorithm) { return stepOptions.getOrDefault(algorithm, trainingOptions); }
  int concurrency(Stage stage) { return concurrency.get(stage); }
  Duration callTimeout(Stage stage) { return callTimeouts.get(stage); }
  Optional<Exploration> exploration() { return Optional.ofNullable(exploration); }

  /**
   * Builds a {@link SelfImprovementLoop}. Each setter checks its value at once; setting a value
   * twice is an {@link IllegalStateException}; {@link #build()} checks the combination and fills
   * defaults. The builder stays usable after {@code build()}. Not thread-safe.
   */
  public static final class Builder {
    private Iterable<Problem> problems;
    private Path runFolder;
    private Generator generator;
    private Checkpoint seedCheckpoint;
    private PolicyLoader policyLoader;
    private CodeExecutor executor;
    private Critic critic;
    private PreferenceBuilder preferenceBuilder;
    private Trainer trainer;
    private List<Algorithm> trainingPlan;
    private TrainingOptions trainingOptions;
    private final Map<Algorithm, TrainingOptions> stepOptions = new EnumMap<>(Algorithm.class);
    private Integer samplesPerProblem;
    private Integer iterations;
    private Long seed;
    private SamplingOptions sampling;
    private PromptTemplate promptTemplate;
    private CodeExtractor codeExtractor;
    private List<SftExample> replay;
    private Boolean accumulate;
    private Boolean trainFromSeed;
    private TrainingSchedule trainingSchedule;
    private Integer problemsPerIteration;
    private PolicyGate gate;
    private Exploration exploration;
    private final Map<Stage, Integer> concurrency = new EnumMap<>(Stage.class);
    private final Map<Stage, Duration> callTimeouts = new EnumMap<>(Stage.class);
    private final List<LoopListener> listeners = new ArrayList<>();

    private Builder() {}

    private final java.util.Set<String> setHere = new java.util.HashSet<>();

    /** A value may be set once per builder; a builder from toBuilder() may override each once. */
    private void once(Object old, String name) {
      if (!setHere.add(name)) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
    }

    /**
     * The problems, in the order every stage processes them. Iterated several times per run (once
     * per stage), so a file-backed source re-reads its file rather than holding it.
     *
     * @param value the problems, not null; iterated once per stage
     * @return this builder
     */
    public Builder problems(Iterable<Problem> value) {
      Objects.requireNonNull(value, "problems");
      once(problems, "problems");
      problems = value;
      return this;
    }

    /**
     * The problems of a source, which each stage reads afresh; same as
     * {@code problems(source.asIterable())}.
     *
     * @param source the problem source, not null
     * @return this builder
     */
    public Builder problems(dev.siam4j.core.problems.ProblemSource source) {
      Objects.requireNonNull(source, "problems");
      return problems(source.asIterable());
    }

    /**
     * The run folder, where every record goes and from which a rerun resumes. Required.
     *
     * @param value the run folder, not null; created if missing
     * @return this builder
     */
    public Builder runFolder(Path value) {
      Objects.requireNonNull(value, "runFolder");
      once(runFolder, "runFolder");
      runFolder = value;
      return this;
    }

    /**
     * A fixed generator used in every iteration (a remote server, say). The host closes it. Use
     * {@link #policy} instead for the loop to load each trained checkpoint.
     *
     * @param value the generator, not null
     * @return this builder
     */
    public Builder generator(Generator value) {
      Objects.requireNonNull(value, "generator");
      once(generator, "generator");
      generator = value;
      return this;
    }

    /**
     * The seed policy and how to open a generator on a checkpoint: iteration 0 generates with
     * {@code seed}, iteration i + 1 with what iteration i trained.
     *
     * @param seed the checkpoint iteration 0 generates with, not null
     * @param loader opens a generator on a checkpoint, not null
     * @return this builder
     */
    public Builder policy(Checkpoint seed, PolicyLoader loader) {
      Objects.requireNonNull(seed, "seed");
      Objects.requireNonNull(loader, "loader");
      once(policyLoader, "policy");
      seedCheckpoint = seed;
      policyLoader = loader;
      return this;
    }

    /**
     * Runs the programs. Required.
     *
     * @param value the executor, not null
     * @return this builder
     */
    public Builder executor(CodeExecutor value) {
      Objects.requireNonNull(value, "executor");
      once(executor, "executor");
      executor = value;
      return this;
    }

    /**
     * Judges the executions. Required.
     *
     * @param value the critic, not null
     * @return this builder
     */
    public Builder critic(Critic value) {
      Objects.requireNonNull(value, "critic");
      once(critic, "critic");
      critic = value;
      return this;
    }

    /**
     * Builds training data; without it the loop stops after critique (evaluation).
     *
     * @param value the preference builder, not null
     * @return this builder
     */
    public Builder preferenceBuilder(PreferenceBuilder value) {
      Objects.requireNonNull(value, "preferenceBuilder");
      once(preferenceBuilder, "preferenceBuilder");
      preferenceBuilder = value;
      return this;
    }

    /**
     * Trains the next policy; needs a {@link #preferenceBuilder} and a {@link #policy}.
     *
     * @param value the trainer, not null
     * @return this builder
     */
    public Builder trainer(Trainer value) {
      Objects.requireNonNull(value, "trainer");
      once(trainer, "trainer");
      trainer = value;
      return this;
    }

    /**
     * The algorithms each iteration trains with, in order, each from the last's result. Default SFT.
     *
     * @param plan the algorithms in training order, at least one
     * @return this builder
     */
    public Builder trainingPlan(Algorithm... plan) {
      Objects.requireNonNull(plan, "trainingPlan");
      if (plan.length == 0) {
        throw new IllegalArgumentException("trainingPlan must name at least one algorithm");
      }
      once(trainingPlan, "trainingPlan");
      trainingPlan = List.of(plan);
      return this;
    }

    /**
     * Hyper-parameters of every training step. Default {@link TrainingOptions#DEFAULT}.
     *
     * @param value the training options, not null
     * @return this builder
     */
    public Builder trainingOptions(TrainingOptions value) {
      Objects.requireNonNull(value, "trainingOptions");
      once(trainingOptions, "trainingOptions");
      trainingOptions = value;
      return this;
    }

    /**
     * Hyper-parameters of the plan's steps that train with {@code algorithm}, in place of {@link
     * #trainingOptions(TrainingOptions)}'s: e.g. SFT at one learning rate and DPO+NLL at a tenth
     * of it. The algorithm must be in the {@link #trainingPlan(Algorithm...)}.
     *
     * @param algorithm a step of the training plan
     * @param value that step's training options, not null
     * @return this builder
     */
    public Builder trainingOptions(Algorithm algorithm, TrainingOptions value) {
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(value, "trainingOptions");
      once(stepOptions.get(algorithm), "trainingOptions(" + algorithm + ")");
      stepOptions.put(algorithm, value);
      return this;
    }

    /**
     * Programs sampled per problem (the paper's k). Default 5.
     *
     * @param value samples per problem, positive
     * @return this builder
     */
    public Builder samplesPerProblem(int value) {
      Checks.positive(value, "samplesPerProblem");
      once(samplesPerProblem, "samplesPerProblem");
      samplesPerProblem = value;
      return this;
    }

    /**
     * Iterations to run. Default 1. A rerun with more iterations extends the run.
     *
     * @param value the number of iterations, positive
     * @return this builder
     */
    public Builder iterations(int value) {
      Checks.positive(value, "iterations");
      once(iterations, "iterations");
      iterations = value;
      return this;
    }

    /**
     * Base seed for sampling. Default 0.
     *
     * @param value the base seed, any value
     * @return this builder
     */
    public Builder seed(long value) {
      once(seed, "seed");
      seed = value;
      return this;
    }

    /**
     * Sampling options. Default {@link SamplingOptions#DEFAULT}.
     *
     * @param value the sampling options, not null
     * @return this builder
     */
    public Builder sampling(SamplingOptions value) {
      Objects.requireNonNull(value, "sampling");
      once(sampling, "sampling");
      sampling = value;
      return this;
    }

    /**
     * How a problem becomes a prompt. Default {@link PromptTemplates#zeroShot()}.
     *
     * @param value the prompt template, not null
     * @return this builder
     */
    public Builder promptTemplate(PromptTemplate value) {
      Objects.requireNonNull(value, "promptTemplate");
      once(promptTemplate, "promptTemplate");
      promptTemplate = value;
      return this;
    }

    /**
     * How a program is found in a completion. Default {@link CodeExtractors#defaultExtractor()}.
     *
     * @param value the code extractor, not null
     * @return this builder
     */
    public Builder codeExtractor(CodeExtractor value) {
      Objects.requireNonNull(value, "codeExtractor");
      once(codeExtractor, "codeExtractor");
      codeExtractor = value;
      return this;
    }

    /**
     * SFT examples added to every iteration's SFT data, after the examples the iteration built:
     * typically the seed data the policy was first trained on, so that it keeps those skills while
     * it learns from its own programs (without replay, a few dozen self-made examples per iteration
     * can pull a small model away from what the seed data taught it). Default: none, as in the
     * paper. Part of the run's configuration: a rerun with other replay examples is refused.
     *
     * @param examples the examples, in the order they are appended
     * @return this builder
     * @deprecated use {@link #trainingSchedule(TrainingSchedule)} with {@link
     *     TrainingSchedule#withReplay(List)}
     */
    @Deprecated
    public Builder replay(List<SftExample> examples) {
      Objects.requireNonNull(examples, "replay");
      once(replay, "replay");
      replay = List.copyOf(examples);
      return this;
    }

    /**
     * Whether an iteration's SFT data also holds the SFT examples every earlier iteration built
     * (newest first; an example whose problem and completion an iteration already has is kept
     * once). Default false: each iteration trains on its own examples, as in the paper.
     *
     * @param value true to train on every iteration's SFT examples
     * @return this builder
     * @deprecated use {@link #trainingSchedule(TrainingSchedule)} with {@link
     *     TrainingSchedule.Data#ALL_ITERATIONS}
     */
    @Deprecated
    public Builder accumulate(boolean value) {
      once(accumulate, "accumulate");
      accumulate = value;
      return this;
    }

    /**
     * Whether every iteration trains from the seed checkpoint rather than from the previous
     * iteration's (the next iteration still generates with what was trained). With
     * {@link #accumulate(boolean)} this is expert iteration as in ReST-EM: errors of one
     * iteration's training do not compound in the next. Default false.
     *
     * @param value true to train every iteration from the seed checkpoint
     * @return this builder
     * @deprecated use {@link #trainingSchedule(TrainingSchedule)} with {@link
     *     TrainingSchedule.Base#SEED} ({@link TrainingSchedule#expertIteration()})
     */
    @Deprecated
    public Builder trainFromSeed(boolean value) {
      once(trainFromSeed, "trainFromSeed");
      trainFromSeed = value;
      return this;
    }

    /**
     * What each iteration trains from and on which SFT data, with any replayed examples: {@link
     * TrainingSchedule#paper()} (the default) or {@link TrainingSchedule#expertIteration()}, say.
     * Part of the run's configuration. Replaces {@code replay}, {@code accumulate} and {@code
     * trainFromSeed}, which may not be set beside it. A schedule that trains from the seed needs a
     * trainer.
     *
     * @param value the schedule
     * @return this builder
     */
    public Builder trainingSchedule(TrainingSchedule value) {
      Objects.requireNonNull(value, "trainingSchedule");
      once(trainingSchedule, "trainingSchedule");
      trainingSchedule = value;
      return this;
    }

    private TrainingSchedule effectiveSchedule() {
      if (trainingSchedule != null) {
        return trainingSchedule;
      }
      return new TrainingSchedule(
          Boolean.TRUE.equals(trainFromSeed) ? TrainingSchedule.Base.SEED : TrainingSchedule.Base.LAST_POLICY,
          Boolean.TRUE.equals(accumulate) ? TrainingSchedule.Data.ALL_ITERATIONS : TrainingSchedule.Data.THIS_ITERATION,
          replay != null ? replay : List.of());
    }

    /**
     * How many problems each iteration works on: iteration {@code i} takes the {@code n} problems
     * after the first {@code i * n}, starting over at the first problem after the last (so a
     * source of 1,800 problems at 600 an iteration gives three iterations fresh problems each,
     * and a fourth the first 600 again). A model trained on its own programs for the same
     * questions iteration after iteration learns those questions' answers rather than the skill;
     * fresh questions each iteration give it new programs to learn from at the same cost per
     * iteration. Default: every problem, every iteration, as in the paper. {@code n} at or above
     * the number of problems is the default. Part of the run's configuration.
     *
     * @param n problems per iteration, positive
     * @return this builder
     */
    public Builder problemsPerIteration(int n) {
      Checks.positive(n, "problemsPerIteration");
      once(problemsPerIteration, "problemsPerIteration");
      problemsPerIteration = n;
      return this;
    }

    /**
     * A gate that decides, after each iteration's training, whether the trained policy replaces
     * the one the iteration generated with (otherwise the next iteration generates with the old
     * one again). Default: none, every trained policy is kept, as in the paper. Needs a trainer.
     *
     * @param value the gate, not null
     * @return this builder
     */
    public Builder gate(PolicyGate value) {
      Objects.requireNonNull(value, "gate");
      once(gate, "gate");
      gate = value;
      return this;
    }

    /**
     * Samples more programs for the problems the critic approved none of the k samples of: see
     * {@link Exploration}. Default: none, every problem gets k samples, as in the paper. Part of the
     * run's configuration.
     *
     * @param value how many more samples, at which temperature, in how many rounds
     * @return this builder
     */
    public Builder exploration(Exploration value) {
      Objects.requireNonNull(value, "exploration");
      once(exploration, "exploration");
      exploration = value;
      return this;
    }

    /**
     * Problems a stage works on at once. Default: for GENERATE, EXECUTE and CRITIQUE whose component
     * reports a {@link Capacity} (a remote generator or executor over several endpoints),
     * {@link Capacity#problemsInFlight(int, int) twice the problems that fill it} at {@code
     * samplesPerProblem} calls a problem; otherwise 1. Records are written in problem order whatever
     * the concurrency, and memory stays bounded by it.
     *
     * @param stage the stage
     * @param value problems in flight, positive
     * @return this builder
     */
    public Builder concurrency(Stage stage, int value) {
      Objects.requireNonNull(stage, "stage");
      Checks.positive(value, "concurrency");
      once(concurrency.get(stage), "concurrency of " + stage);
      concurrency.put(stage, value);
      return this;
    }

    /**
     * The deadline of each call of {@code stage}'s component: one {@code generate} request (and
     * the policy's loading), one problem's {@code executeAll}, one problem's {@code judgeAll}, one
     * problem's data building, one training step or the gate's decision. A call past it is
     * interrupted and abandoned (its thread is a daemon that the loop no longer waits for). For
     * EXECUTE, the problem's programs get {@link dev.siam4j.core.Outcome#TIMEOUT} records and the
     * run goes on; for any other stage the run fails with the stage's {@link Siam4jException}
     * naming the stage, iteration, problem and component, and a rerun resumes. Recorded in the
     * manifest's settings, not compared on resume (a longer deadline may resume a run). Default
     * {@link SelfImprovementLoop#defaultCallTimeout(Stage)}.
     *
     * @param stage the stage
     * @param timeout its deadline per call, positive
     * @return this builder
     */
    public Builder callTimeout(Stage stage, Duration timeout) {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("callTimeout of " + stage + " must be positive, was " + timeout);
      }
      once(callTimeouts.get(stage), "callTimeout of " + stage);
      callTimeouts.put(stage, timeout);
      return this;
    }

    /**
     * Adds a listener; events go to listeners in the order they were added.
     *
     * @param value the listener, not null
     * @return this builder
     */
    public Builder listener(LoopListener value) {
      Objects.requireNonNull(value, "listener");
      listeners.add(value);
      return this;
    }

    /**
     * Checks the combination, fills defaults and returns an immutable loop.
     *
     * @return the loop
     * @throws IllegalStateException when a required part is missing or parts do not fit together
     */
    public SelfImprovementLoop build() {
      List<String> missing = new ArrayList<>();
      if (problems == null) {
        missing.add("problems");
      }
      if (runFolder == null) {
        missing.add("runFolder");
      }
      if (generator == null && policyLoader == null) {
        missing.add("generator or policy");
      }
      if (executor == null) {
        missing.add("executor");
      }
      if (critic == null) {
        missing.add("critic");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("missing: " + String.join(", ", missing));
      }
      if (generator != null && policyLoader != null) {
        throw new IllegalStateException("set generator or policy, not both");
      }
      if (trainer != null && preferenceBuilder == null) {
        throw new IllegalStateException("a trainer needs a preferenceBuilder to make its data");
      }
      if (trainer != null && policyLoader == null) {
        throw new IllegalStateException(
            "a trainer needs policy(seed, loader) so that the next iteration can load what it trained");
      }
      if (trainingSchedule != null && (replay != null || accumulate != null || trainFromSeed != null)) {
        throw new IllegalStateException("set trainingSchedule or replay/accumulate/trainFromSeed, not both");
      }
      if (Boolean.TRUE.equals(trainFromSeed) && trainer == null) {
        throw new IllegalStateException("trainFromSeed is set but there is no trainer");
      }
      if (trainingSchedule != null && trainingSchedule.base() == TrainingSchedule.Base.SEED && trainer == null) {
        throw new IllegalStateException("the training schedule trains from the seed but there is no trainer");
      }
      if (gate != null && trainer == null) {
        throw new IllegalStateException("a gate is set but there is no trainer");
      }
      if (trainingPlan != null && trainer == null) {
        throw new IllegalStateException("trainingPlan is set but there is no trainer");
      }
      for (Algorithm a : stepOptions.keySet()) {
        List<Algorithm> plan = trainingPlan != null ? trainingPlan : List.of(Algorithm.SFT);
        if (trainer == null || !plan.contains(a)) {
          throw new IllegalStateException(
              "trainingOptions are set for " + a + " but the training plan " + (trainer == null ? "is empty (no trainer)" : plan)
                  + " has no such step");
        }
      }
      return new SelfImprovementLoop(this);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.problems = problems;
      b.runFolder = runFolder;
      b.generator = generator;
      b.seedCheckpoint = seedCheckpoint;
      b.policyLoader = policyLoader;
      b.executor = executor;
      b.critic = critic;
      b.preferenceBuilder = preferenceBuilder;
      b.trainer = trainer;
      b.trainingPlan = trainingPlan;
      b.trainingOptions = trainingOptions;
      b.stepOptions.putAll(stepOptions);
      b.samplesPerProblem = samplesPerProblem;
      b.iterations = iterations;
      b.seed = seed;
      b.sampling = sampling;
      b.promptTemplate = promptTemplate;
      b.codeExtractor = codeExtractor;
      b.replay = replay;
      b.accumulate = accumulate;
      b.trainFromSeed = trainFromSeed;
      b.trainingSchedule = trainingSchedule;
      b.problemsPerIteration = problemsPerIteration;
      b.gate = gate;
      b.exploration = exploration;
      b.concurrency.putAll(concurrency);
      b.callTimeouts.putAll(callTimeouts);
      b.listeners.addAll(listeners);
      return b;
    }
  }
}
