package dev.siam4j.alignment.preference;

import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The statistics of one iteration's training data, for {@code metrics.json}: how many problems,
 * samples, SFT examples and pairs; how many samples each reason dropped or flagged; the same per
 * source; and length distributions of prompts, SFT completions, chosen and rejected completions.
 *
 * <p>Feed it every problem's input and output ({@link #record}) and every problem excluded before
 * the builder ran ({@link #recordExcluded}, for duplicate questions and decontamination), then put
 * {@link #toMap()} under a key of {@code metrics.json}. Memory is constant in the number of
 * problems (it grows only with the number of sources and reasons).
 *
 * <p>Thread-safe. The map's keys come in a fixed order, so the same input gives the same JSON.
 */
public final class TrainingDataStatistics {
  private final Totals total = new Totals();
  private final Map<String, Totals> bySource = new TreeMap<>();
  private final Map<String, Long> excludedProblems = new TreeMap<>();
  private final LengthHistogram promptChars = new LengthHistogram();
  private final LengthHistogram sftChars = new LengthHistogram();
  private final LengthHistogram chosenChars = new LengthHistogram();
  private final LengthHistogram rejectedChars = new LengthHistogram();

  /** Counts of one source, or of all. */
  private static final class Totals {
    long problems;
    long samples;
    long approved;
    long sft;
    long pairs;
    long problemsWithSft;
    long problemsWithPairs;
    final Map<String, Long> dropped = new TreeMap<>();
    final Map<String, Long> flagged = new TreeMap<>();

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("problems", problems);
      m.put("samples", samples);
      m.put("approvedSamples", approved);
      m.put("sft", sft);
      m.put("pairs", pairs);
      m.put("problemsWithSft", problemsWithSft);
      m.put("problemsWithPairs", problemsWithPairs);
      m.put("dropped", new LinkedHashMap<>(dropped));
      m.put("flagged", new LinkedHashMap<>(flagged));
      return m;
    }
  }

  /** @return empty statistics */
  public static TrainingDataStatistics create() {
    return new TrainingDataStatistics();
  }

  private TrainingDataStatistics() {}

  /**
   * Records what a {@link dev.siam4j.core.PreferenceBuilder} made of one problem: its drops and
   * its flags (drop keys with the prefix {@code "flagged."} count as flags too, for examples that
   * carry their flags among the drops).
   *
   * @param problem the builder's input
   * @param examples its output
   */
  @SuppressWarnings("deprecation")
  public synchronized void record(JudgedProblem problem, TrainingExamples examples) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(examples, "examples");
    Totals source = bySource.computeIfAbsent(problem.problem().source(), s -> new Totals());
    long approved = 0;
    for (JudgedSample s : problem.samples()) {
      if (s.verdict().correct()) {
        approved++;
      }
    }
    for (Totals t : new Totals[] {total, source}) {
      t.problems++;
      t.samples += problem.samples().size();
      t.approved += approved;
      t.sft += examples.sft().size();
      t.pairs += examples.pairs().size();
      t.problemsWithSft += examples.sft().isEmpty() ? 0 : 1;
      t.problemsWithPairs += examples.pairs().isEmpty() ? 0 : 1;
      for (Map.Entry<String, Integer> e : examples.dropped().entrySet()) {
        if (e.getKey().startsWith(PreferenceBuilders.FLAGGED_PREFIX)) {
          t.flagged.merge(
              e.getKey().substring(PreferenceBuilders.FLAGGED_PREFIX.length()),
              (long) e.getValue(), Long::sum);
        } else {
          t.dropped.merge(e.getKey(), (long) e.getValue(), Long::sum);
        }
      }
      examples.flagged().forEach((k, v) -> t.flagged.merge(k, (long) v, Long::sum));
    }
    if (examples.dropped().containsKey(PreferenceBuilders.REFERENCE_UNUSABLE)) {
      excludedProblems.merge(PreferenceBuilders.REFERENCE_UNUSABLE, 1L, Long::sum);
    }
    for (SftExample e : examples.sft()) {
      promptChars.add(e.prompt().flatten().length());
      sftChars.add(e.completion().length());
    }
    for (PreferencePair p : examples.pairs()) {
      chosenChars.add(p.chosen().length());
      rejectedChars.add(p.rejected().length());
    }
  }

  /**
   * Records a problem excluded before the builder saw it.
   *
   * @param problem the problem
   * @param reason why ("duplicate-question", "contaminated")
   */
  public synchronized void recordExcluded(Problem problem, String reason) {
    Objects.requireNonNull(problem, "problem");
    Checks.nonBlank(reason, "reason");
    excludedProblems.merge(reason, 1L, Long::sum);
    bySource.computeIfAbsent(problem.source(), s -> new Totals())
        .dropped.merge("excluded." + reason, 1L, Long::sum);
    total.dropped.merge("excluded." + reason, 1L, Long::sum);
  }

  /** @return the number of SFT examples recorded */
  public synchronized long sft() {
    return total.sft;
  }

  /** @return the number of pairs recorded */
  public synchronized long pairs() {
    return total.pairs;
  }

  /**
   * @return the statistics as nested maps of strings, numbers and maps, in a fixed key order: a
   *     snapshot, safe to serialise with any JSON mapper
   */
  public synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(total.toMap());
    m.put("excludedProblems", new LinkedHashMap<>(excludedProblems));
    Map<String, Object> sources = new LinkedHashMap<>();
    bySource.forEach((k, v) -> sources.put(k, v.toMap()));
    m.put("bySource", sources);
    Map<String, Object> lengths = new LinkedHashMap<>();
    lengths.put("promptChars", promptChars.toMap());
    lengths.put("sftCompletionChars", sftChars.toMap());
    lengths.put("chosenChars", chosenChars.toMap());
    lengths.put("rejectedChars", rejectedChars.toMap());
    m.put("lengths", lengths);
    return m;
  }
}
