package dev.siam4j.alignment.preference;

import dev.siam4j.alignment.quality.QualityPolicy;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.internal.Checks;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The standard {@link PreferenceBuilder}s.
 *
 * <p>{@link #paper()} follows the paper: per problem, critic-approved solutions whose confidence is
 * at least a threshold become SFT examples (at most 4, de-duplicated by normalised code); pairs
 * join approved with rejected solutions of the same problem (at most 4, wrong answers before
 * crashes); a problem whose samples all agree gives no pairs; a problem whose reference the critic
 * could not interpret ({@link UnusableReference}) gives nothing.
 *
 * <pre>{@code
 * PreferenceBuilder builder = PreferenceBuilders.builder()
 *     .minConfidence(0.8)
 *     .maxPairsPerProblem(2)
 *     .rejectedOrder(RejectedOrder.CRASH_FIRST)
 *     .quality(QualityPolicy.strict())
 *     .seed(7)
 *     .build();
 * }</pre>
 *
 * <p>What the built builders count, in {@code TrainingExamples.dropped()}, by key (a sample is
 * counted once, under the first reason that applies):
 *
 * <ul>
 *   <li>{@value #REFERENCE_UNUSABLE}: every sample of a problem whose reference is unusable;
 *   <li>{@value #SANDBOX_FAILURE}: samples whose execution failed in the sandbox, which says
 *       nothing about the program;
 *   <li>{@value #EMPTY_COMPLETION}: samples whose completion is blank;
 *   <li>{@value #LOW_CONFIDENCE}: approved samples below the confidence threshold;
 *   <li>{@code quality.<rule>}: approved samples a {@link QualityPolicy} rule dropped;
 *   <li>{@value #DUPLICATE_CODE}: approved samples whose normalised program repeats an earlier
 *       one; {@value #DUPLICATE_REJECTED}: rejected samples whose completion repeats an earlier
 *       rejected or an approved completion (so no pair has chosen equal to rejected);
 *   <li>{@value #SFT_CAP}: approved samples beyond the SFT cap (they may still be chosen in a
 *       pair); {@value #PAIR_CAP}: rejected samples beyond the pair cap;
 *   <li>{@value #UNANIMOUS}: 1 for a problem whose usable samples all agree (all approved or all
 *       rejected), so it gives no pairs; this one counts problems, not samples;
 * </ul>
 *
 * <p>Samples a flagging rule flagged are kept, and counted by rule in {@code
 * TrainingExamples.flagged()}.
 *
 * <p>Built builders are immutable, thread-safe, and deterministic: the same problem and seed give
 * the same examples in the same order.
 */
public final class PreferenceBuilders {

  /** Count key: samples of problems whose reference the critic could not interpret. */
  public static final String REFERENCE_UNUSABLE = "reference-unusable";
  /** Count key: samples whose execution failed in the sandbox. */
  public static final String SANDBOX_FAILURE = "sandbox-failure";
  /** Count key: samples whose completion is blank. */
  public static final String EMPTY_COMPLETION = "empty-completion";
  /** Count key: approved samples below the confidence threshold. */
  public static final String LOW_CONFIDENCE = "low-confidence";
  /** Count key: approved samples whose normalised program repeats an earlier one. */
  public static final String DUPLICATE_CODE = "duplicate-code";
  /** Count key: rejected samples whose completion repeats an earlier one. */
  public static final String DUPLICATE_REJECTED = "duplicate-rejected";
  /** Count key: approved samples beyond the SFT cap. */
  public static final String SFT_CAP = "sft-cap";
  /** Count key: rejected samples beyond the pair cap. */
  public static final String PAIR_CAP = "pair-cap";
  /** Count key: problems that give no pairs because their samples all agree. */
  public static final String UNANIMOUS = "unanimous";
  /** Prefix of the count keys of quality rules that drop. */
  public static final String QUALITY_PREFIX = "quality.";
  /**
   * Prefix under which flagged samples were counted in {@code dropped()} before {@code
   * TrainingExamples.flagged()}; such keys in records written earlier are still read as flags.
   *
   * @deprecated flags are counted in {@code TrainingExamples.flagged()}
   */
  @Deprecated
  public static final String FLAGGED_PREFIX = "flagged.";

  /** The paper's confidence threshold: an approval must be more likely right than wrong. */
  public static final double DEFAULT_MIN_CONFIDENCE = 0.5;
  /** The paper's cap on SFT examples per problem. */
  public static final int DEFAULT_MAX_SFT_PER_PROBLEM = 4;
  /** The paper's cap on preference pairs per problem. */
  public static final int DEFAULT_MAX_PAIRS_PER_PROBLEM = 4;

  private PreferenceBuilders() {}

  /** @return the paper's builder, with every default of {@link Builder} */
  public static PreferenceBuilder paper() {
    return builder().build();
  }

  /** @return a new builder with nothing set */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a paper-style {@link PreferenceBuilder}. Each setter validates at once and may be
   * called once; {@link #build()} fills defaults. Not thread-safe; reusable after build.
   */
  public static final class Builder {
    private Double minConfidence;
    private Integer maxSft;
    private Integer maxPairs;
    private RejectedOrder rejectedOrder;
    private QualityPolicy quality;
    private Predicate<JudgedProblem> referenceUnusable;
    private Long seed;

    private Builder() {}

    /**
     * Approved samples need at least this critic confidence to be used (default {@value
     * PreferenceBuilders#DEFAULT_MIN_CONFIDENCE}).
     *
     * @param minConfidence in [0, 1]
     * @return this builder
     */
    public Builder minConfidence(double minConfidence) {
      Checks.probability(minConfidence, "minConfidence");
      once(this.minConfidence, "minConfidence");
      this.minConfidence = minConfidence;
      return this;
    }

    /**
     * At most this many SFT examples per problem (default 4); 0 makes no SFT examples.
     *
     * @param maxSftPerProblem not negative
     * @return this builder
     */
    public Builder maxSftPerProblem(int maxSftPerProblem) {
      Checks.nonNegative(maxSftPerProblem, "maxSftPerProblem");
      once(this.maxSft, "maxSftPerProblem");
      this.maxSft = maxSftPerProblem;
      return this;
    }

    /**
     * At most this many pairs per problem (the paper's m, default 4); 0 makes no pairs.
     *
     * @param maxPairsPerProblem not negative
     * @return this builder
     */
    public Builder maxPairsPerProblem(int maxPairsPerProblem) {
      Checks.nonNegative(maxPairsPerProblem, "maxPairsPerProblem");
      once(this.maxPairs, "maxPairsPerProblem");
      this.maxPairs = maxPairsPerProblem;
      return this;
    }

    /**
     * Which rejected samples pairs prefer (default {@link RejectedOrder#WRONG_ANSWER_FIRST}).
     *
     * @param rejectedOrder the order, not null
     * @return this builder
     */
    public Builder rejectedOrder(RejectedOrder rejectedOrder) {
      Objects.requireNonNull(rejectedOrder, "rejectedOrder");
      once(this.rejectedOrder, "rejectedOrder");
      this.rejectedOrder = rejectedOrder;
      return this;
    }

    /**
     * The quality rules approved samples must pass (default {@link QualityPolicy#paper()}).
     *
     * @param quality the policy, not null
     * @return this builder
     */
    public Builder quality(QualityPolicy quality) {
      Objects.requireNonNull(quality, "quality");
      once(this.quality, "quality");
      this.quality = quality;
      return this;
    }

    /**
     * Which problems have a reference the critic could not interpret (default {@link
     * UnusableReference#byConvention()}).
     *
     * @param referenceUnusable true for a problem whose reference is unusable; not null
     * @return this builder
     */
    public Builder referenceUnusable(Predicate<JudgedProblem> referenceUnusable) {
      Objects.requireNonNull(referenceUnusable, "referenceUnusable");
      once(this.referenceUnusable, "referenceUnusable");
      this.referenceUnusable = referenceUnusable;
      return this;
    }

    /**
     * The seed that breaks ties when choosing among equally confident samples (default 0). The
     * choice for a problem depends only on the seed, the problem id and its samples, not on the
     * order problems come in.
     *
     * @param seed the tie-breaking seed, any value
     * @return this builder
     */
    public Builder seed(long seed) {
      once(this.seed, "seed");
      this.seed = seed;
      return this;
    }

    /** @return the configured builder */
    public PreferenceBuilder build() {
      return new PaperPreferenceBuilder(
          minConfidence == null ? DEFAULT_MIN_CONFIDENCE : minConfidence,
          maxSft == null ? DEFAULT_MAX_SFT_PER_PROBLEM : maxSft,
          maxPairs == null ? DEFAULT_MAX_PAIRS_PER_PROBLEM : maxPairs,
          rejectedOrder == null ? RejectedOrder.WRONG_ANSWER_FIRST : rejectedOrder,
          quality == null ? QualityPolicy.paper() : quality,
          referenceUnusable == null ? UnusableReference.byConvention() : referenceUnusable,
          seed == null ? 0L : seed);
    }

    private static void once(Object old, String name) {
      if (old != null) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
    }
  }
}
