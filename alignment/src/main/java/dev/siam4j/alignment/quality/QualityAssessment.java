package dev.siam4j.alignment.quality;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link QualityPolicy} made of one sample.
 *
 * @param droppedBy the name of the first {@link QualityRule.Action#DROP} rule the sample failed,
 *     empty when it is kept
 * @param flags the names of the {@link QualityRule.Action#FLAG} rules it failed, in rule order
 *     (rules after a dropping rule are not evaluated)
 */
public record QualityAssessment(Optional<String> droppedBy, List<String> flags) {

  /** A sample that passed every rule. */
  public static final QualityAssessment CLEAN = new QualityAssessment(Optional.empty(), List.of());

  /**
   * Validates and copies.
   *
   * @param droppedBy the dropping rule's name or empty, not null
   * @param flags the flagging rules' names, not null; copied
   */
  public QualityAssessment {
    Objects.requireNonNull(droppedBy, "droppedBy");
    flags = List.copyOf(Objects.requireNonNull(flags, "flags"));
  }

  /** @return whether the sample may be used for training */
  public boolean kept() {
    return droppedBy.isEmpty();
  }
}
