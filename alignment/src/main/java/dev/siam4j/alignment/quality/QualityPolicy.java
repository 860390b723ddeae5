package dev.siam4j.alignment.quality;

import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered set of {@link QualityRule}s that decides which approved samples a model may learn
 * from. Each rule can be switched off ({@link #without}) or between dropping and flagging
 * ({@link #withAction}); every failure is counted by the caller under the rule's name.
 *
 * <pre>{@code
 * QualityPolicy policy = QualityPolicy.builder()
 *     .drop("execution", QualityChecks.executesAndPrints())
 *     .drop("length", QualityChecks.lengthBetween(1, 16_384))
 *     .flag("grounding", QualityChecks.grounded())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class QualityPolicy {

  /** Rule name of {@link QualityChecks#executesAndPrints()} in the standard policies. */
  public static final String EXECUTION = "execution";
  /** Rule name of {@link QualityChecks#lengthBetween(int, int)} in the standard policies. */
  public static final String LENGTH = "length";
  /** Rule name of {@link QualityChecks#computes()} in the standard policies. */
  public static final String LITERAL_ONLY = "literal-only";
  /** Rule name of {@link QualityChecks#grounded()} in the standard policies. */
  public static final String GROUNDING = "grounding";

  /** Completion length bounds, in characters, of the standard policies. */
  public static final int DEFAULT_MIN_CHARS = 1;

  /** Completion length bounds, in characters, of the standard policies. */
  public static final int DEFAULT_MAX_CHARS = 16_384;

  private final List<QualityRule> rules;

  private QualityPolicy(List<QualityRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The paper's filter: a program must run and print an answer, within the length bounds; programs
   * that print a literal and programs whose numbers do not come from the question are flagged
   * (counted) but kept, as the paper kept them.
   *
   * @return the paper's policy
   */
  public static QualityPolicy paper() {
    return builder()
        .drop(EXECUTION, QualityChecks.executesAndPrints())
        .drop(LENGTH, QualityChecks.lengthBetween(DEFAULT_MIN_CHARS, DEFAULT_MAX_CHARS))
        .flag(LITERAL_ONLY, QualityChecks.computes())
        .flag(GROUNDING, QualityChecks.grounded())
        .build();
  }

  /**
   * {@link #paper()} with literal-only and ungrounded programs dropped: what to use when only the
   * printed answer is checked, so that self-training does not learn right numbers for wrong
   * reasons.
   *
   * @return the strict policy
   */
  public static QualityPolicy strict() {
    return paper().withAction(LITERAL_ONLY, QualityRule.Action.DROP)
        .withAction(GROUNDING, QualityRule.Action.DROP);
  }

  /** @return a policy with no rules: every sample is kept */
  public static QualityPolicy none() {
    return new QualityPolicy(List.of());
  }

  /** @return a new, empty builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the rules, in the order they are applied */
  public List<QualityRule> rules() {
    return rules;
  }

  /**
   * @param name the rule's name
   * @return this policy without the rule named {@code name}
   * @throws IllegalArgumentException when there is no such rule
   */
  public QualityPolicy without(String name) {
    int i = indexOf(name);
    List<QualityRule> copy = new ArrayList<>(rules);
    copy.remove(i);
    return new QualityPolicy(copy);
  }

  /**
   * @param name the rule's name
   * @param action what a failing sample gets, not null
   * @return this policy with the rule named {@code name} set to {@code action}
   * @throws IllegalArgumentException when there is no such rule
   */
  public QualityPolicy withAction(String name, QualityRule.Action action) {
    Objects.requireNonNull(action, "action");
    int i = indexOf(name);
    List<QualityRule> copy = new ArrayList<>(rules);
    QualityRule old = copy.get(i);
    copy.set(i, new QualityRule(old.name(), action, old.check()));
    return new QualityPolicy(copy);
  }

  /**
   * Applies the rules in order, stopping at the first that drops.
   *
   * @param problem the problem
   * @param sample one of its judged samples
   * @return which rule dropped it, if any, and which flagged it
   */
  public QualityAssessment assess(Problem problem, JudgedSample sample) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(sample, "sample");
    List<String> flags = null;
    for (QualityRule rule : rules) {
      if (rule.check().accepts(problem, sample)) {
        continue;
      }
      if (rule.action() == QualityRule.Action.DROP) {
        return new QualityAssessment(
            Optional.of(rule.name()), flags == null ? List.of() : flags);
      }
      if (flags == null) {
        flags = new ArrayList<>(2);
      }
      flags.add(rule.name());
    }
    return flags == null ? QualityAssessment.CLEAN : new QualityAssessment(Optional.empty(), flags);
  }

  private int indexOf(String name) {
    Objects.requireNonNull(name, "name");
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no quality rule named '" + name + "'");
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("QualityPolicy[");
    for (int i = 0; i < rules.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(rules.get(i).name()).append('=')
          .append(rules.get(i).action());
    }
    return s.append(']').toString();
  }

  /** Collects rules in order. Not thread-safe; reusable after {@link #build()}. */
  public static final class Builder {
    private final Map<String, QualityRule> rules = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a rule that drops failing samples.
     *
     * @param name the rule's name: lower-case letters, digits and dashes
     * @param check the check
     * @return this builder
     * @throws IllegalStateException when a rule of that name was added already
     */
    public Builder drop(String name, QualityCheck check) {
      return rule(new QualityRule(name, QualityRule.Action.DROP, check));
    }

    /**
     * Adds a rule that counts failing samples but keeps them.
     *
     * @param name the rule's name: lower-case letters, digits and dashes
     * @param check the check
     * @return this builder
     * @throws IllegalStateException when a rule of that name was added already
     */
    public Builder flag(String name, QualityCheck check) {
      return rule(new QualityRule(name, QualityRule.Action.FLAG, check));
    }

    /**
     * Adds a rule.
     *
     * @param rule the rule, not null
     * @return this builder
     * @throws IllegalStateException when a rule of that name was added already
     */
    public Builder rule(QualityRule rule) {
      Objects.requireNonNull(rule, "rule");
      QualityRule old = rules.putIfAbsent(rule.name(), rule);
      if (old != null) {
        throw new IllegalStateException(
            "quality rule '" + rule.name() + "' was already added as " + old.action());
      }
      return this;
    }

    /** @return the policy */
    public QualityPolicy build() {
      return new QualityPolicy(new ArrayList<>(rules.values()));
    }
  }
}
