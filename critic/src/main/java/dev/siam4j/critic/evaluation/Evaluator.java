package dev.siam4j.critic.evaluation;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Execution;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.extraction.CodeExtractor;
import dev.siam4j.core.extraction.CodeExtractors;
import dev.siam4j.core.prompts.PromptTemplate;
import dev.siam4j.core.prompts.PromptTemplates;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Equivalence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates a model on a benchmark split the way the paper does: Generator → CodeExtractor →
 * CodeExecutor → Critic, scored by the rules and by the critic side by side (accuracy, pass@1,
 * maj@k, their agreement matrix), overall and per source.
 *
 * <pre>{@code
 * Evaluation e = Evaluator.builder().generator(model).executor(sandbox)
 *     .critic(Critics.cascade(rules, llmCritic)).samplesPerProblem(4).build()
 *     .evaluate(problems);
 * System.out.println(e.report().toMarkdown());
 * }</pre>
 *
 * <p>Thread-safe if its parts are; it owns none of them.
 */
public final class Evaluator {
  private final Generator generator;
  private final CodeExecutor executor;
  private final PromptTemplate prompt;
  private final CodeExtractor extractor;
  private final int samples;
  private final SamplingOptions sampling;
  private final long seed;
  private final int batchSize;
  private final AnswerEquivalence rules;
  private final Critic critic;

  private Evaluator(Builder b) {
    this.generator = b.generator;
    this.executor = b.executor;
    this.prompt = b.prompt == null ? PromptTemplates.zeroShot() : b.prompt;
    this.extractor = b.extractor == null ? CodeExtractors.lastFencedBlock() : b.extractor;
    this.samples = b.samples == null ? 1 : b.samples;
    this.sampling = b.sampling != null ? b.sampling : samples == 1 ? SamplingOptions.GREEDY : SamplingOptions.DEFAULT;
    this.seed = b.seed == null ? 0L : b.seed;
    this.batchSize = b.batchSize == null ? 16 : b.batchSize;
    this.rules = AnswerEquivalence.cached(b.rules == null ? AnswerEquivalence.rules() : b.rules, 100_000);
    this.critic = b.critic == null ? Critics.rules(rules) : b.critic;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates, runs and judges {@code samplesPerProblem} solutions of each problem.
   *
   * @param problems the split
   * @return the report and every scored sample
   * @throws IllegalStateException when the evaluator has no generator or executor
   */
  public Evaluation evaluate(List<Problem> problems) {
    Objects.requireNonNull(problems, "problems");
    if (generator == null || executor == null) {
      throw new IllegalStateException("evaluate(problems) needs a generator and an executor; use score(samples) for executed samples");
    }
    List<ExecutedSample> executed = new ArrayList<>();
    for (int from = 0; from < problems.size(); from += batchSize) {
      List<Problem> batch = problems.subList(from, Math.min(problems.size(), from + batchSize));
      List<GenerationRequest> requests = new ArrayList<>(batch.size());
      for (Problem p : batch) {
        requests.add(new GenerationRequest(prompt.render(p), samples, sampling, seed));
      }
      List<List<Completion>> completions = generator.generateAll(requests);
      List<String> programs = new ArrayList<>();
      List<int[]> where = new ArrayList<>();
      List<ExecutedSample> slots = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        List<Completion> cs = completions.get(i);
        for (int j = 0; j < cs.size(); j++) {
          Optional<String> code = extractor.extract(cs.get(j).text());
          if (code.isPresent()) {
            programs.add(code.get());
            where.add(new int[] {i, j, slots.size()});
            slots.add(null);
          } else {
            slots.add(new ExecutedSample(batch.get(i), j, "", noProgram()));
          }
        }
      }
      List<Execution> runs = executor.executeAll(programs);
      for (int n = 0; n < programs.size(); n++) {
        int[] w = where.get(n);
        slots.set(w[2], new ExecutedSample(batch.get(w[0]), w[1], programs.get(n), runs.get(n)));
      }
      executed.addAll(slots);
    }
    return score(executed);
  }

  private static Execution noProgram() {
    return new Execution(Outcome.ERROR, -1, "", "no program found in the completion", "", Duration.ZERO, Optional.empty());
  }

  /**
   * Judges already executed samples with the rules and the critic and aggregates them.
   *
   * @param executed the samples
   * @return the report and every scored sample
   */
  public Evaluation score(List<ExecutedSample> executed) {
    Objects.requireNonNull(executed, "executed");
    List<CritiqueRequest> requests = new ArrayList<>(executed.size());
    for (ExecutedSample s : executed) {
      requests.add(new CritiqueRequest(s.problem(), s.code(), s.execution()));
    }
    List<Verdict> verdicts = critic.judgeAll(requests);
    List<ScoredSample> scored = new ArrayList<>(executed.size());
    for (int i = 0; i < executed.size(); i++) {
      ExecutedSample s = executed.get(i);
      Equivalence r =
          s.execution().outcome().isSuccess() && !s.execution().answer().isBlank()
              ? rules.compare(s.problem().referenceAnswer(), s.execution().answer()).result()
              : Equivalence.NOT_EQUAL;
      scored.add(new ScoredSample(s.problem(), s.sampleIndex(), s.code(), s.execution(), r, verdicts.get(i)));
    }
    return new Evaluation(new Scoring(rules).report(scored), scored);
  }

  /**
   * Configures an {@link Evaluator}. Setters validate at once; a value set twice is an
   * {@link IllegalStateException}. Defaults: {@link PromptTemplates#zeroShot()},
   * {@link CodeExtractors#lastFencedBlock()}, 1 sample (greedy; {@link SamplingOptions#DEFAULT}
   * for more), seed 0, batches of 16 problems, {@link AnswerEquivalence#rules()}, and the rules as
   * critic.
   */
  public static final class Builder {
    private Generator generator;
    private CodeExecutor executor;
    private PromptTemplate prompt;
    private CodeExtractor extractor;
    private Integer samples;
    private SamplingOptions sampling;
    private Long seed;
    private Integer batchSize;
    private AnswerEquivalence rules;
    private Critic critic;

    private Builder() {}

    private static void once(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    /**
     * @param value the model under evaluation
     * @return this builder
     */
    public Builder generator(Generator value) {
      Objects.requireNonNull(value, "value");
      once(generator, "generator");
      generator = value;
      return this;
    }

    /**
     * @param value runs the programs
     * @return this builder
     */
    public Builder executor(CodeExecutor value) {
      Objects.requireNonNull(value, "value");
      once(executor, "executor");
      executor = value;
      return this;
    }

    /**
     * @param value turns a problem into the prompt
     * @return this builder
     */
    public Builder prompt(PromptTemplate value) {
      Objects.requireNonNull(value, "value");
      once(prompt, "prompt");
      prompt = value;
      return this;
    }

    /**
     * @param value finds the program in a completion
     * @return this builder
     */
    public Builder codeExtractor(CodeExtractor value) {
      Objects.requireNonNull(value, "value");
      once(extractor, "codeExtractor");
      extractor = value;
      return this;
    }

    /**
     * @param value k, 1 to 1024
     * @return this builder
     */
    public Builder samplesPerProblem(int value) {
      if (value < 1 || value > 1024) {
        throw new IllegalArgumentException("samplesPerProblem must be in [1, 1024], was " + value);
      }
      once(samples, "samplesPerProblem");
      samples = value;
      return this;
    }

    /**
     * @param value how to sample
     * @return this builder
     */
    public Builder sampling(SamplingOptions value) {
      Objects.requireNonNull(value, "value");
      once(sampling, "sampling");
      sampling = value;
      return this;
    }

    /**
     * @param value the base seed of every generation request
     * @return this builder
     */
    public Builder seed(long value) {
      once(seed, "seed");
      seed = value;
      return this;
    }

    /**
     * @param value problems per generation batch, positive
     * @return this builder
     */
    public Builder batchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("batchSize must be positive, was " + value);
      }
      once(batchSize, "batchSize");
      batchSize = value;
      return this;
    }

    /**
     * Sets the rules for rule-based scores and for grouping answers in maj@k. To score solution
     * texts (chain-of-thought, tool-integrated trajectories) by their final answers, pass
     * {@code FinalAnswerExtractor.standard().wrap(AnswerEquivalence.rules())}.
     *
     * @param value the rules
     * @return this builder
     */
    public Builder rules(AnswerEquivalence value) {
      Objects.requireNonNull(value, "value");
      once(rules, "rules");
      rules = value;
      return this;
    }

    /**
     * @param value the critic for critic-based scores, e.g. a cascade
     * @return this builder
     */
    public Builder critic(Critic value) {
      Objects.requireNonNull(value, "value");
      once(critic, "critic");
      critic = value;
      return this;
    }

    /** @return the evaluator */
    public Evaluator build() {
      return new Evaluator(this);
    }
  }
}
