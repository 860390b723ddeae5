package dev.siam4j.alignment.quality;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * A named {@link QualityCheck} and what to do with a sample that fails it.
 *
 * @param name the rule's name, used as the key of its counts ("execution", "grounding")
 * @param action whether a failing sample is dropped or only counted
 * @param check the check
 */
public record QualityRule(String name, Action action, QualityCheck check) {

  /** What a failing sample gets. */
  public enum Action {
    /** The sample is not used for training, and the drop is counted. */
    DROP,
    /** The sample is kept, and the failure is counted. */
    FLAG
  }

  /**
   * Validates.
   *
   * @param name lower-case letters, digits and dashes, starting with a letter or digit
   * @param action what a failing sample gets, not null
   * @param check the check, not null
   * @throws IllegalArgumentException when the name is blank or has other characters
   */
  public QualityRule {
    Checks.nonBlank(name, "name");
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "name must be lower-case letters, digits and dashes, was '" + name + "'");
    }
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(check, "check");
  }
}
