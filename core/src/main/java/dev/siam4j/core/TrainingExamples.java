package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link PreferenceBuilder} made of one problem's judged samples.
 *
 * @param sft supervised examples
 * @param pairs preference pairs
 * @param dropped how many samples each quality rule dropped, by rule name
 */
public record TrainingExamples(
    List<SftExample> sft, List<PreferencePair> pairs, Map<String, Integer> dropped) {

  /** Nothing. */
  public static final TrainingExamples EMPTY = new TrainingExamples(List.of(), List.of(), Map.of());

  /** Validates and copies. */
  public TrainingExamples {
    sft = List.copyOf(Objects.requireNonNull(sft, "sft"));
    pairs = List.copyOf(Objects.requireNonNull(pairs, "pairs"));
    dropped = Checks.sortedCopy(dropped, "dropped");
  }
}
