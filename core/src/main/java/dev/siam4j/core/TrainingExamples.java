package dev.siam4j.core;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param flagged how many samples each flagging rule flagged (kept, only counted), by rule name;
 *     empty when a record has no such field
 */
public record TrainingExamples(
    List<SftExample> sft,
    List<PreferencePair> pairs,
    Map<String, Integer> dropped,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> flagged) {

  /** Nothing. */
  public static final TrainingExamples EMPTY = new TrainingExamples(List.of(), List.of(), Map.of());

  /**
   * Validates and copies; a missing {@code flagged} is empty.
   *
   * @param sft SFT examples, not null; copied
   * @param pairs preference pairs, not null; copied
   * @param dropped dropped counts by rule, not null; copied sorted
   * @param flagged flagged counts by rule; {@code null} is read as empty; copied sorted
   */
  public TrainingExamples {
    sft = List.copyOf(Objects.requireNonNull(sft, "sft"));
    pairs = List.copyOf(Objects.requireNonNull(pairs, "pairs"));
    dropped = Checks.sortedCopy(dropped, "dropped");
    flagged = Checks.sortedCopy(flagged == null ? Map.of() : flagged, "flagged");
  }

  /**
   * Examples with nothing flagged.
   *
   * @param sft supervised examples
   * @param pairs preference pairs
   * @param dropped how many samples each quality rule dropped, by rule name
   */
  public TrainingExamples(List<SftExample> sft, List<PreferencePair> pairs, Map<String, Integer> dropped) {
    this(sft, pairs, dropped, Map.of());
  }
}
