package dev.siam4j.core.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Completion;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Execution;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Problem;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Solution;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.jsonl.JsonlWriter;
import dev.siam4j.core.store.ExecutionRecord;
import dev.siam4j.core.store.IterationFiles;
import dev.siam4j.core.store.ProblemDataRecord;
import dev.siam4j.core.store.RunStore;
import dev.siam4j.core.store.StageLog;
import dev.siam4j.core.store.VerdictRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the stages of one iteration against a run folder, resuming where an earlier run stopped. */
final class IterationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(IterationRunner.class);
  private final SelfImprovementLoop loop;
  private final RunStore store;
  private final IterationFiles files;
  private final int iteration;
  private final Iterable<Problem> problems;
  private final long problemCount;
  private final LoopListener listener;
  private final ComponentCalls calls;

  /**
   * @param problems this iteration's problems, {@code problemCount} of them
   */
  IterationRunner(
      SelfImprovementLoop loop, RunStore store, int iteration, Iterable<Problem> problems, long problemCount,
      LoopListener listener, ComponentCalls calls) {
    this.loop = loop;
    this.calls = calls;
    this.problems = problems;
    this.store = store;
    this.files = store.iteration(iteration);
    this.iteration = iteration;
    this.problemCount = problemCount;
    this.listener = listener;
  }

  IterationFiles files() {
    return files;
  }

  // ---- generate -------------------------------------------------------------------------------

  void generate(SelfImprovementLoop.LazyGenerator policy) {
    int k = loop.samplesPerProblem();
    runStage(
        Stage.GENERATE,
        files.solutions(),
        node -> node.path("key").path("problemId").asText(null),
        k,
        skip -> {
          Iterator<Problem> them = problems.iterator();
          skipProblems(them, skip);
          return them;
        },
        (Problem p) -> sample(policy, p),
        (List<Solution> solutions, StageLog log) -> solutions.forEach(log::write));
  }

  private List<Solution> sample(SelfImprovementLoop.LazyGenerator policy, Problem problem) {
    long seed = StageLog.hashStep(loop.seed() * 31 + iteration, problem.id());
    return sample(policy, problem, loop.samplesPerProblem(), loop.sampling(), seed, 0);
  }

  /** {@code samples} solutions of {@code problem}, sample indices from {@code firstIndex}. */
  private List<Solution> sample(
      SelfImprovementLoop.LazyGenerator policy, Problem problem, int samples, dev.siam4j.core.SamplingOptions sampling,
      long seed, int firstIndex) {
    ComponentCalls.Site site = site(Stage.GENERATE, problem.id());
    Prompt prompt = calls.guard(site, loop.promptTemplate(), () -> loop.promptTemplate().render(problem));
    GenerationRequest request = new GenerationRequest(prompt, samples, sampling, seed, Optional.of(problem));
    Generator generator = policy.open(calls, site);
    List<Completion> completions = calls.call(site, generator, () -> generator.generate(request));
    if (completions.size() != request.samples()) {
      throw ComponentCalls.failure(
          site, generator, "returned " + completions.size() + " completions, asked for " + request.samples(), null);
    }
    List<Solution> out = new ArrayList<>(completions.size());
    for (int i = 0; i < completions.size(); i++) {
      Completion c = nonNull(completions.get(i), site, generator, "completion", i);
      String code = calls.guard(site, loop.codeExtractor(), () -> loop.codeExtractor().extract(c.text())).orElse("");
      out.add(new Solution(new SampleKey(problem.id(), firstIndex + i, iteration), prompt, c, code));
    }
    return out;
  }

  private ComponentCalls.Site site(Stage stage, String problemId) {
    return new ComponentCalls.Site(stage, iteration, "problem " + problemId);
  }

  private static <T> T nonNull(T value, ComponentCalls.Site site, Object component, String what, int index) {
    if (value == null) {
      throw ComponentCalls.failure(site, component, "returned a null " + what + " at index " + index, null);
    }
    return value;
  }

  // ---- execute --------------------------------------------------------------------------------

  void execute(CodeExecutor executor) {
    try (Groups<Solution> solutions = solutionGroups()) {
      runStage(
          Stage.EXECUTE,
          files.executions(),
          node -> node.path("key").path("problemId").asText(null),
          loop.samplesPerProblem(),
          skip -> {
            solutions.skip(skip);
            return solutions;
          },
          (List<Solution> group) -> run(executor, group),
          (List<ExecutionRecord> records, StageLog log) -> records.forEach(log::write));
    }
  }

  private List<ExecutionRecord> run(CodeExecutor executor, List<Solution> group) {
    List<String> programs = new ArrayList<>();
    for (Solution s : group) {
      if (s.hasCode()) {
        programs.add(s.code());
      }
    }
    ComponentCalls.Site site = site(Stage.EXECUTE, group.get(0).key().problemId());
    List<Execution> ran =
        programs.isEmpty()
            ? List.of()
            : calls.callWithin(site, executor, () -> executor.executeAll(programs))
                .orElseGet(() -> pastDeadline(executor, group.get(0).key().problemId(), programs.size()));
    if (ran.size() != programs.size()) {
      throw ComponentCalls.failure(
          site, executor, "returned " + ran.size() + " executions for " + programs.size() + " programs", null);
    }
    List<ExecutionRecord> out = new ArrayList<>(group.size());
    int next = 0;
    for (Solution s : group) {
      Execution e = s.hasCode() ? nonNull(ran.get(next), site, executor, "execution", next++) : NO_CODE;
      out.add(new ExecutionRecord(s.key(), e));
    }
    return out;
  }

  /** TIMEOUT records for programs whose executor call passed its deadline. */
  private List<Execution> pastDeadline(CodeExecutor executor, String problemId, int programs) {
    Duration deadline = loop.callTimeout(Stage.EXECUTE);
    String why =
        "EXECUTE timed out in iteration " + iteration + " at problem " + problemId + ": "
            + SelfImprovementLoop.describe(executor) + " did not return within its deadline of " + deadline
            + " (callTimeout(EXECUTE)); the call was interrupted and abandoned";
    LOG.warn("iteration {}: {}", iteration, why);
    Execution timeout = new Execution(Outcome.TIMEOUT, -1, "", why, "", deadline, Optional.empty());
    return java.util.Collections.nCopies(programs, timeout);
  }

  /** Prefix of {@code TrainingExamples.dropped()} keys that counted flags before {@code flagged()}. */
  static final String FLAGGED = "flagged.";

  static final Execution NO_CODE =
      new Execution(
          Outcome.ERROR,
          -1,
          "",
          "",
          "",
          Duration.ZERO,
          Optional.of(new ProgramError("NoCode", "no program found in the completion", 0)));

  // ---- critique -------------------------------------------------------------------------------

  void critique() {
    try (Groups<Solution> solutions = solutionGroups();
        Groups<ExecutionRecord> executions = executionGroups()) {
      Iterator<Problem> problems = this.problems.iterator();
      runStage(
          Stage.CRITIQUE,
          files.verdicts(),
          node -> node.path("key").path("problemId").asText(null),
          loop.samplesPerProblem(),
          skip -> {
            skipProblems(problems, skip);
            solutions.skip(skip);
            executions.skip(skip);
            return zip(problems, solutions, executions);
          },
          this::judge,
          (List<VerdictRecord> records, StageLog log) -> records.forEach(log::write));
    }
  }

  private record Joined(Problem problem, List<Solution> solutions, List<ExecutionRecord> executions) {}

  private Iterator<Joined> zip(
      Iterator<Problem> problems, Iterator<List<Solution>> solutions, Iterator<List<ExecutionRecord>> executions) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return solutions.hasNext();
      }

      @Override
      public Joined next() {
        List<Solution> s = solutions.next();
        String id = s.get(0).key().problemId();
        if (!problems.hasNext() || !executions.hasNext()) {
          throw new RunStoreException(files.folder() + ": no problem or executions for " + id);
        }
        Problem p = problems.next();
        List<ExecutionRecord> e = executions.next();
        if (!p.id().equals(id) || !e.get(0).key().problemId().equals(id) || e.size() != s.size()) {
          throw new RunStoreException(
              files.folder() + ": stage files out of step at problem " + p.id() + " (solutions for "
                  + id + ", executions for " + e.get(0).key().problemId() + ")");
        }
        return new Joined(p, s, e);
      }
    };
  }

  private List<VerdictRecord> judge(Joined j) {
    List<CritiqueRequest> requests = new ArrayList<>(j.solutions().size());
    for (int i = 0; i < j.solutions().size(); i++) {
      requests.add(
          new CritiqueRequest(j.problem(), j.solutions().get(i).code(), j.executions().get(i).execution()));
    }
    ComponentCalls.Site site = site(Stage.CRITIQUE, j.problem().id());
    List<Verdict> verdicts = calls.call(site, loop.critic(), () -> loop.critic().judgeAll(requests));
    if (verdicts.size() != requests.size()) {
      throw ComponentCalls.failure(
          site, loop.critic(), "returned " + verdicts.size() + " verdicts for " + requests.size() + " requests", null);
    }
    List<VerdictRecord> out = new ArrayList<>(verdicts.size());
    for (int i = 0; i < verdicts.size(); i++) {
      out.add(new VerdictRecord(j.solutions().get(i).key(), nonNull(verdicts.get(i), site, loop.critic(), "verdict", i)));
    }
    return out;
  }

  // ---- explore --------------------------------------------------------------------------------

  /**
   * Gives each problem without an approved sample more samples ({@link Exploration}), each
   * executed and judged; writes one {@link ExplorationRecord} per problem.
   */
  void explore(SelfImprovementLoop.LazyGenerator policy, Exploration exploration, CodeExecutor executor) {
    try (Groups<VerdictRecord> verdicts = verdictGroups()) {
      Iterator<Problem> problems = this.problems.iterator();
      runStage(
          Stage.EXPLORE,
          files.exploration(),
          node -> node.path("problemId").asText(null),
          1,
          skip -> {
            skipProblems(problems, skip);
            verdicts.skip(skip);
            return new Iterator<Map.Entry<Problem, List<VerdictRecord>>>() {
              @Override
              public boolean hasNext() {
                return verdicts.hasNext();
              }

              @Override
              public Map.Entry<Problem, List<VerdictRecord>> next() {
                List<VerdictRecord> v = verdicts.next();
                String id = v.get(0).key().problemId();
                Problem p = problems.hasNext() ? problems.next() : null;
                if (p == null || !p.id().equals(id)) {
                  throw new RunStoreException(files.verdicts() + ": verdicts for " + id + " where problem "
                      + (p == null ? "(none)" : p.id()) + " was expected");
                }
                return Map.entry(p, v);
              }
            };
          },
          (Map.Entry<Problem, List<VerdictRecord>> e) -> exploreOne(policy, exploration, executor, e.getKey(), e.getValue()),
          (ExplorationRecord r, StageLog log) -> log.write(r));
    }
  }

  private ExplorationRecord exploreOne(
      SelfImprovementLoop.LazyGenerator policy, Exploration exploration, CodeExecutor executor, Problem problem,
      List<VerdictRecord> verdicts) {
    List<JudgedSample> out = new ArrayList<>();
    boolean solved = verdicts.stream().anyMatch(v -> v.verdict().correct());
    int next = verdicts.size();
    for (int round = 0; round < exploration.rounds() && !solved; round++) {
      long seed = StageLog.hashStep(loop.seed() * 31 + iteration, problem.id() + "/explore/" + round);
      List<Solution> solutions =
          sample(policy, problem, exploration.extraSamples(), loop.sampling().withTemperature(exploration.temperature()),
              seed, next);
      next += solutions.size();
      List<ExecutionRecord> executions = run(executor, solutions);
      List<VerdictRecord> judged = judge(new Joined(problem, solutions, executions));
      for (int i = 0; i < solutions.size(); i++) {
        Verdict v = judged.get(i).verdict();
        out.add(new JudgedSample(solutions.get(i), executions.get(i).execution(), v));
        solved |= v.correct();
      }
    }
    return new ExplorationRecord(problem.id(), iteration, out);
  }

  private Groups<VerdictRecord> verdictGroups() {
    return Groups.of(files.verdicts(), VerdictRecord.class, r -> r.key().problemId());
  }

  // ---- build data -----------------------------------------------------------------------------

  void buildData() {
    try (Groups<Solution> solutions = solutionGroups();
        Groups<ExecutionRecord> executions = executionGroups();
        Groups<VerdictRecord> verdicts =
            Groups.of(files.verdicts(), VerdictRecord.class, r -> r.key().problemId());
        Groups<ExplorationRecord> explored =
            loop.exploration().isPresent()
                ? Groups.of(files.exploration(), ExplorationRecord.class, ExplorationRecord::problemId)
                : null) {
      Iterator<Problem> problems = this.problems.iterator();
      runStage(
          Stage.BUILD_DATA,
          files.data(),
          node -> node.path("problemId").asText(null),
          1,
          skip -> {
            skipProblems(problems, skip);
            solutions.skip(skip);
            executions.skip(skip);
            verdicts.skip(skip);
            if (explored != null) {
              explored.skip(skip);
            }
            Iterator<Joined> joined = zip(problems, solutions, executions);
            return new Iterator<JudgedProblem>() {
              @Override
              public boolean hasNext() {
                return joined.hasNext();
              }

              @Override
              public JudgedProblem next() {
                Joined j = joined.next();
                List<VerdictRecord> v = verdicts.next();
                List<JudgedSample> samples = new ArrayList<>(j.solutions().size());
                for (int i = 0; i < j.solutions().size(); i++) {
                  if (!v.get(i).key().equals(j.solutions().get(i).key())) {
                    throw new RunStoreException(
                        files.verdicts() + ": verdict for " + v.get(i).key() + " where "
                            + j.solutions().get(i).key() + " was expected");
                  }
                  samples.add(
                      new JudgedSample(
                          j.solutions().get(i), j.executions().get(i).execution(), v.get(i).verdict()));
                }
                if (explored != null) {
                  // the samples exploration added, after the k (sample indices from k on)
                  List<ExplorationRecord> extra = explored.next();
                  if (!extra.get(0).problemId().equals(j.problem().id())) {
                    throw new RunStoreException(
                        files.exploration() + ": samples for " + extra.get(0).problemId() + " where "
                            + j.problem().id() + " was expected");
                  }
                  samples.addAll(extra.get(0).samples());
                }
                return new JudgedProblem(j.problem(), samples);
              }
            };
          },
          (JudgedProblem p) ->
              new ProblemDataRecord(
                  p.problem().id(), iteration,
                  calls.call(site(Stage.BUILD_DATA, p.problem().id()), loop.preferenceBuilder(),
                      () -> loop.preferenceBuilder().build(p))),
          (ProblemDataRecord r, StageLog log) -> log.write(r));
    }
    deriveTrainingFiles();
  }

  /** Rewrites sft.jsonl and pairs.jsonl from data.jsonl, each replaced as a whole. */
  private void deriveTrainingFiles() {
    Path sftTmp = files.sft().resolveSibling("sft.jsonl.tmp");
    Path pairsTmp = files.pairs().resolveSibling("pairs.jsonl.tmp");
    try {
      Files.deleteIfExists(sftTmp);
      Files.deleteIfExists(pairsTmp);
      try (JsonlWriter sft = JsonlWriter.append(sftTmp);
          JsonlWriter pairs = JsonlWriter.append(pairsTmp)) {
        // with accumulate, one 64-bit hash per example is held to keep each example once
        Set<Long> seen = new HashSet<>();
        int oldest = loop.accumulate() ? 0 : iteration;
        for (int it = iteration; it >= oldest; it--) {
          boolean own = it == iteration;
          try (JsonlReader data = JsonlReader.open(own ? files.data() : store.iteration(it).data())) {
            for (JsonlReader.Line line : data) {
              ProblemDataRecord r = line.as(ProblemDataRecord.class);
              for (SftExample e : r.examples().sft()) {
                if (!loop.accumulate()
                    || seen.add(StageLog.hashStep(StageLog.hashStep(StageLog.EMPTY_HASH, e.key().problemId()), e.completion()))) {
                  sft.write(e);
                }
              }
              if (own) {
                for (PreferencePair p : r.examples().pairs()) {
                  pairs.write(p);
                }
              }
            }
          }
        }
        for (SftExample e : loop.replay()) {
          sft.write(e);
        }
      }
      Files.move(sftTmp, files.sft(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(pairsTmp, files.pairs(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new RunStoreException("cannot write training files in " + files.folder() + ": " + e.getMessage(), e);
    }
  }

  // ---- train ----------------------------------------------------------------------------------

  /** Runs the training plan from {@code base}; returns the last checkpoint, adds each step's metrics. */
  Checkpoint train(Checkpoint base, List<TrainingStepMetrics> metricsOut) {
    List<dev.siam4j.core.Algorithm> plan = loop.trainingPlan();
    long started = System.nanoTime();
    listener.stageStarted(new LoopEvent.StageStarted(iteration, Stage.TRAIN, plan.size(), 0));
    Checkpoint current = base;
    int wrote = 0;
    for (int step = 0; step < plan.size(); step++) {
      dev.siam4j.core.Algorithm algorithm = plan.get(step);
      Path dir = files.training().resolve("step-" + step + "-" + algorithm.name().toLowerCase());
      Path resultFile = dir.resolve("result.json");
      TrainingResult result;
      if (Files.exists(resultFile)) {
        result = read(resultFile, TrainingResult.class);
      } else if (!hasData(algorithm)) {
        result = new TrainingResult(current, Map.of("skipped", 1.0));
        write(resultFile, result);
        wrote++;
      } else {
        TrainingJob job =
            new TrainingJob(current, files.sft(), files.pairs(), algorithm, loop.trainingOptions(algorithm), dir);
        ComponentCalls.Site site =
            new ComponentCalls.Site(Stage.TRAIN, iteration, "step " + step + " (" + algorithm + ")");
        result = calls.call(site, loop.trainer(), () -> loop.trainer().train(job));
        write(resultFile, result);
        wrote++;
      }
      metricsOut.add(new TrainingStepMetrics(step, algorithm, result.metrics()));
      current = result.checkpoint();
      listener.stageProgress(new LoopEvent.StageProgress(iteration, Stage.TRAIN, step + 1, plan.size()));
    }
    finishStage(Stage.TRAIN, wrote, started);
    return current;
  }

  /**
   * Asks the gate whether {@code trained} replaces {@code current}, once: the decision is written to
   * {@code gate.json} and read back on a rerun.
   *
   * @return the gate's decision
   */
  PolicyGate.Decision gate(PolicyGate gate, Checkpoint current, Checkpoint trained) {
    Path file = files.gate();
    GateRecord record;
    if (Files.exists(file)) {
      record = read(file, GateRecord.class);
      if (!record.candidate().equals(trained)) {
        throw new RunStoreException(file + ": the gate decided on " + record.candidate() + ", this run trained " + trained);
      }
    } else {
      ComponentCalls.Site site = new ComponentCalls.Site(Stage.TRAIN, iteration, "the gate");
      PolicyGate.Decision d = calls.call(site, gate, () -> gate.decide(iteration, current, trained));
      record = new GateRecord(current, trained, d);
      write(file, record);
    }
    PolicyGate.Decision d = record.decision();
    LOG.info("iteration {}: the gate {} the trained policy: {}", iteration, d.accept() ? "accepted" : "rejected", d.reason());
    return d;
  }

  /** What {@code gate.json} holds. */
  record GateRecord(Checkpoint current, Checkpoint candidate, PolicyGate.Decision decision) {}

  private boolean hasData(dev.siam4j.core.Algorithm algorithm) {
    Path f = algorithm.usesPairs() ? files.pairs() : files.sft();
    try {
      return Files.exists(f) && Files.size(f) > 0;
    } catch (IOException e) {
      throw new RunStoreException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  // ---- shared ---------------------------------------------------------------------------------

  @FunctionalInterface
  interface Sink<O> {
    void accept(O output, StageLog log);
  }

  private <I, O> void runStage(
      Stage stage,
      Path file,
      Function<JsonNode, String> problemIdOf,
      int recordsPerProblem,
      Function<Long, Iterator<I>> inputsAfterSkipping,
      Function<I, O> work,
      Sink<O> sink) {
    long started = System.nanoTime();
    StageLog.Recovery[] recovered = new StageLog.Recovery[1];
    AtomicLong written = new AtomicLong();
    try (StageLog log = StageLog.open(file, problemIdOf, recordsPerProblem, r -> recovered[0] = r)) {
      long done = recovered[0].problems();
      if (done > problemCount) {
        throw new RunStoreException(file + " holds " + done + " problems, the input has " + problemCount);
      }
      checkPrefix(file, done, recovered[0].idHash());
      listener.stageStarted(new LoopEvent.StageStarted(iteration, stage, problemCount, done));
      Iterator<I> inputs = inputsAfterSkipping.apply(done);
      AtomicLong progress = new AtomicLong(done);
      Consumer<O> write =
          o -> {
            sink.accept(o, log);
            written.incrementAndGet();
            listener.stageProgress(
                new LoopEvent.StageProgress(iteration, stage, progress.incrementAndGet(), problemCount));
          };
      ComponentCalls.Site here = new ComponentCalls.Site(stage, iteration, done + " of " + problemCount + " problems done before");
      OrderedParallel.map(
          stage.name().toLowerCase(), inputs, loop.concurrency(stage), work, write,
          e -> ComponentCalls.cancelled(here, e));
    }
    finishStage(stage, written.get(), started);
  }

  private void checkPrefix(Path file, long done, long hash) {
    long h = StageLog.EMPTY_HASH;
    Iterator<Problem> problems = this.problems.iterator();
    for (long i = 0; i < done; i++) {
      h = StageLog.hashStep(h, problems.next().id());
    }
    if (h != hash) {
      throw new RunStoreException(
          file + ": its first " + done + " problems are not the input's first " + done
              + "; the problems changed since this run began");
    }
  }

  private void finishStage(Stage stage, long records, long startedNanos) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    try (JsonlWriter w = JsonlWriter.append(files.stageTimes())) {
      Map<String, Object> line = new TreeMap<>();
      line.put("stage", stage.name());
      line.put("seconds", elapsed.toNanos() / 1e9);
      line.put("records", records);
      w.write(line);
    }
    listener.stageFinished(new LoopEvent.StageFinished(iteration, stage, records, elapsed));
  }

  private Groups<Solution> solutionGroups() {
    return Groups.of(files.solutions(), Solution.class, s -> s.key().problemId());
  }

  private Groups<ExecutionRecord> executionGroups() {
    return Groups.of(files.executions(), ExecutionRecord.class, r -> r.key().problemId());
  }

  private static void skipProblems(Iterator<Problem> problems, long n) {
    for (long i = 0; i < n; i++) {
      problems.next();
    }
  }

  static <T> T read(Path file, Class<T> type) {
    try {
      return Json.mapper().readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new RunStoreException(file + ": cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      RunStore.writeAtomically(
          file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (IOException e) {
      throw new RunStoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  // ---- metrics --------------------------------------------------------------------------------

  IterationMetrics metrics(List<TrainingStepMetrics> training, Optional<PolicyGate.Decision> gate) {
    long problems = 0;
    long samples = 0;
    long withCode = 0;
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    long approved = 0;
    long solvedProblems = 0;
    Map<String, Long> judges = new TreeMap<>();
    try (Groups<VerdictRecord> verdicts =
        Groups.of(files.verdicts(), VerdictRecord.class, r -> r.key().problemId())) {
      while (verdicts.hasNext()) {
        List<VerdictRecord> group = verdicts.next();
        problems++;
        boolean any = false;
        for (VerdictRecord r : group) {
          samples++;
          judges.merge(r.verdict().judge(), 1L, Long::sum);
          if (r.verdict().correct()) {
            approved++;
            any = true;
          }
        }
        if (any) {
          solvedProblems++;
        }
      }
    }
    forEach(files.executions(), ExecutionRecord.class, r -> outcomes.merge(r.execution().outcome(), 1L, Long::sum));
    long[] code = {0};
    forEach(files.solutions(), Solution.class, s -> code[0] += s.hasCode() ? 1 : 0);
    withCode = code[0];
    long[] counts = {0, 0};
    Map<String, Long> dropped = new TreeMap<>();
    Map<String, Long> flagged = new TreeMap<>();
    forEach(
        files.data(),
        ProblemDataRecord.class,
        r -> {
          counts[0] += r.examples().sft().size();
          counts[1] += r.examples().pairs().size();
          r.examples()
              .dropped()
              .forEach(
                  (k, v) -> // "flagged." keys among the drops are flags (records that carry flags there)
                      (k.startsWith(FLAGGED) ? flagged : dropped)
                          .merge(k.startsWith(FLAGGED) ? k.substring(FLAGGED.length()) : k, (long) v, Long::sum));
          r.examples().flagged().forEach((k, v) -> flagged.merge(k, (long) v, Long::sum));
        });
    Map<Stage, Double> seconds = new EnumMap<>(Stage.class);
    if (Files.exists(files.stageTimes())) {
      try (JsonlReader r = JsonlReader.open(files.stageTimes()).tolerateTornLastLine()) {
        for (JsonlReader.Line l : r) {
          seconds.merge(Stage.valueOf(l.json().path("stage").asText()), l.json().path("seconds").asDouble(), Double::sum);
        }
      }
    }
    double passAt1 = samples == 0 ? 0 : (double) approved / samples;
    double passAtK = problems == 0 ? 0 : (double) solvedProblems / problems;
    return new IterationMetrics(
        iteration, problems, samples, withCode, outcomes, approved, passAt1, passAtK, judges,
        counts[0], counts[1], dropped, flagged, seconds, training, gate);
  }

  private static <T> void forEach(Path file, Class<T> type, Consumer<T> action) {
    if (!Files.exists(file)) {
      return;
    }
    try (JsonlReader r = JsonlReader.open(file)) {
      for (JsonlReader.Line l : r) {
        action.accept(l.as(type));
      }
    }
  }
}
