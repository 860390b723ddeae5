package dev.siam4j.critic.llm;

import dev.siam4j.core.Completion;
import dev.siam4j.core.CritiqueFailedException;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Critic;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.TokenScorer;
import dev.siam4j.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The paper's code-based critic: a model sees question, reference answer, program and its output,
 * and answers YES or NO. Its confidence is P(YES) from a {@link TokenScorer} when one is given
 * (the probabilities of the continuations "YES" and "NO", normalised over the two),
 * otherwise the share of {@code votes} sampled answers that are YES; the verdict's rationale says
 * which. The answer is kept to one word by design: a token limit of a few tokens, a stop at the
 * line end, and a robust reader of the first word (YES/NO, TRUE/FALSE, 是/否, 对/错); an answer
 * that is neither counts as a non-YES vote.
 *
 * <pre>{@code
 * Critic critic = LlmCritic.builder().generator(generator).votes(5).build();
 * }</pre>
 *
 * <p>Thread-safe when its generator (or scorer) is. It does not own the generator: its creator
 * closes it.
 */
public final class LlmCritic implements Critic {
  /** The GBNF grammar that constrains a vote to YES or NO (llama.cpp enforces it). */
  public static final String YES_NO_GRAMMAR = "root ::= \"YES\" | \"NO\"";

  /**
   * Sampling for votes: temperature 0.7, top-p 0.95, at most 3 tokens, stop at a line end, and
   * the answer constrained to YES or NO by {@link #YES_NO_GRAMMAR} where the generator supports
   * grammars (llama.cpp does); elsewhere the first word is parsed.
   */
  public static final SamplingOptions VOTE_SAMPLING =
      new SamplingOptions(0.7, 0.95, 0, 3, List.of("\n"), YES_NO_GRAMMAR);

  private final Generator generator;
  private final TokenScorer scorer;
  private final CriticPrompt prompt;
  private final int votes;
  private final SamplingOptions sampling;
  private final double threshold;
  private final long seed;

  private LlmCritic(Builder b) {
    this.generator = b.generator;
    this.scorer = b.scorer;
    this.prompt = b.prompt == null ? CriticPrompts.byLanguage() : b.prompt;
    this.votes = b.votes == null ? 5 : b.votes;
    this.sampling = b.sampling == null ? VOTE_SAMPLING : b.sampling;
    this.threshold = b.threshold == null ? 0.5 : b.threshold;
    this.seed = b.seed == null ? 0L : b.seed;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Verdict judge(CritiqueRequest request) {
    return judgeAll(List.of(Objects.requireNonNull(request, "request"))).get(0);
  }

  /**
   * Judges a batch: with a scorer, one score per request; otherwise one generation request per
   * critique (k = votes), sent to the generator's {@link Generator#generateAll} at once.
   *
   * @throws CritiqueFailedException when the generator or scorer fails, naming the problem
   */
  @Override
  public List<Verdict> judgeAll(List<CritiqueRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    List<Prompt> prompts = new ArrayList<>(requests.size());
    for (CritiqueRequest r : requests) {
      prompts.add(prompt.render(r));
    }
    List<Verdict> out = new ArrayList<>(requests.size());
    if (scorer != null) {
      for (int i = 0; i < prompts.size(); i++) {
        double p;
        try {
          p = yesProbability(prompts.get(i));
        } catch (Siam4jException | IllegalArgumentException | IllegalStateException e) {
          throw new CritiqueFailedException(
              "LLM critic: scoring failed for problem " + requests.get(i).problem().id() + ": " + e.getMessage(), e);
        }
        if (!(p >= 0 && p <= 1)) {
          throw new CritiqueFailedException("LLM critic: scorer returned P(YES)=" + p + ", not in [0, 1]");
        }
        out.add(Verdict.of(p >= threshold, p, "llm", String.format(Locale.ROOT, "P(YES)=%.4f from token scores", p)));
      }
      return out;
    }
    List<GenerationRequest> batch = new ArrayList<>(prompts.size());
    for (Prompt p : prompts) {
      batch.add(new GenerationRequest(p, votes, sampling, seed));
    }
    List<List<Completion>> answers;
    try {
      answers = generator.generateAll(batch);
    } catch (Siam4jException e) {
      throw new CritiqueFailedException(
          "LLM critic: generation failed for a batch of " + batch.size() + " (first problem "
              + requests.get(0).problem().id() + "): " + e.getMessage(), e, e.isRetriable());
    }
    if (answers.size() != batch.size()) {
      throw new CritiqueFailedException(
          "LLM critic: generator returned " + answers.size() + " answers for " + batch.size() + " requests");
    }
    for (List<Completion> completions : answers) {
      out.add(tally(completions));
    }
    return out;
  }

  /** P(YES) over the two answers, from their log-probabilities (stable softmax). */
  private double yesProbability(Prompt p) {
    double yes = scorer.score(p, "YES").logProbability();
    double no = scorer.score(p, "NO").logProbability();
    double m = Math.max(yes, no);
    double ey = Math.exp(yes - m);
    double en = Math.exp(no - m);
    return ey / (ey + en);
  }

  private Verdict tally(List<Completion> completions) {
    int yes = 0;
    int unreadable = 0;
    for (Completion c : completions) {
      Optional<Boolean> v = YesNo.parse(c.text());
      if (v.isEmpty()) {
        unreadable++;
      } else if (v.get()) {
        yes++;
      }
    }
    int n = Math.max(1, completions.size());
    double share = (double) yes / n;
    String why = yes + " of " + completions.size() + " votes YES" + (unreadable > 0 ? " (" + unreadable + " neither YES nor NO)" : "");
    return Verdict.of(share >= threshold && yes > 0, share, "llm", why);
  }

  @Override
  public String toString() {
    return "LlmCritic[" + (scorer != null ? "scorer" : votes + " votes") + ", threshold=" + threshold + "]";
  }

  /**
   * Configures an {@link LlmCritic}. Setters validate at once; a value set twice is an
   * {@link IllegalStateException}. Needs a generator or a scorer.
   */
  public static final class Builder {
    private Generator generator;
    private TokenScorer scorer;
    private CriticPrompt prompt;
    private Integer votes;
    private SamplingOptions sampling;
    private Double threshold;
    private Long seed;

    private Builder() {}

    /**
     * Sets the model that answers YES or NO.
     *
     * @param value the generator, not closed by the critic
     * @return this builder
     */
    public Builder generator(Generator value) {
      Objects.requireNonNull(value, "value");
      if (generator != null) {
        throw new IllegalStateException("generator was already set to " + generator);
      }
      generator = value;
      return this;
    }

    /**
     * Sets a scorer: confidence becomes P(YES) rather than a share of votes.
     *
     * @param value scores the continuations "YES" and "NO"
     * @return this builder
     */
    public Builder scorer(TokenScorer value) {
      Objects.requireNonNull(value, "value");
      if (scorer != null) {
        throw new IllegalStateException("scorer was already set to " + scorer);
      }
      scorer = value;
      return this;
    }

    /**
     * Sets the prompt; default {@link CriticPrompts#byLanguage()}.
     *
     * @param value the prompt
     * @return this builder
     */
    public Builder prompt(CriticPrompt value) {
      Objects.requireNonNull(value, "value");
      if (prompt != null) {
        throw new IllegalStateException("prompt was already set to " + prompt);
      }
      prompt = value;
      return this;
    }

    /**
     * Sets how many answers are sampled per judgement; default 5.
     *
     * @param value 1 to 100
     * @return this builder
     */
    public Builder votes(int value) {
      if (value < 1 || value > 100) {
        throw new IllegalArgumentException("votes must be in [1, 100], was " + value);
      }
      if (votes != null) {
        throw new IllegalStateException("votes was already set to " + votes);
      }
      votes = value;
      return this;
    }

    /**
     * Sets the sampling of votes; default {@link #VOTE_SAMPLING}. At most 8 tokens: the answer is
     * one word.
     *
     * @param value the sampling
     * @return this builder
     */
    public Builder sampling(SamplingOptions value) {
      Objects.requireNonNull(value, "value");
      if (value.maxTokens() > 8) {
        throw new IllegalArgumentException("sampling.maxTokens must be at most 8 for a YES/NO answer, was " + value.maxTokens());
      }
      if (sampling != null) {
        throw new IllegalStateException("sampling was already set to " + sampling);
      }
      sampling = value;
      return this;
    }

    /**
     * Sets the confidence from which the verdict is YES; default 0.5.
     *
     * @param value in (0, 1]
     * @return this builder
     */
    public Builder threshold(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1], was " + value);
      }
      if (threshold != null) {
        throw new IllegalStateException("threshold was already set to " + threshold);
      }
      threshold = value;
      return this;
    }

    /**
     * Sets the base seed of the votes; default 0.
     *
     * @param value any
     * @return this builder
     */
    public Builder seed(long value) {
      if (seed != null) {
        throw new IllegalStateException("seed was already set to " + seed);
      }
      seed = value;
      return this;
    }

    /**
     * @return the critic
     * @throws IllegalStateException when neither a generator nor a scorer was set, or votes or
     *     sampling were set together with a scorer (they would be ignored)
     */
    public LlmCritic build() {
      if (generator == null && scorer == null) {
        throw new IllegalStateException("an LLM critic needs a generator or a scorer");
      }
      if (scorer != null && (votes != null || sampling != null)) {
        throw new IllegalStateException("votes and sampling do not apply with a scorer");
      }
      return new LlmCritic(this);
    }
  }
}
