package dev.siam4j.alignment.preference;

import dev.siam4j.alignment.quality.QualityAssessment;
import dev.siam4j.alignment.quality.QualityPolicy;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingExamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The paper's {@link PreferenceBuilder}; see {@link PreferenceBuilders}. */
final class PaperPreferenceBuilder implements PreferenceBuilder {
  private final double minConfidence;
  private final int maxSft;
  private final int maxPairs;
  private final RejectedOrder rejectedOrder;
  private final QualityPolicy quality;
  private final Predicate<JudgedProblem> referenceUnusable;
  private final long seed;

  PaperPreferenceBuilder(
      double minConfidence,
      int maxSft,
      int maxPairs,
      RejectedOrder rejectedOrder,
      QualityPolicy quality,
      Predicate<JudgedProblem> referenceUnusable,
      long seed) {
    this.minConfidence = minConfidence;
    this.maxSft = maxSft;
    this.maxPairs = maxPairs;
    this.rejectedOrder = rejectedOrder;
    this.quality = quality;
    this.referenceUnusable = referenceUnusable;
    this.seed = seed;
  }

  @Override
  public TrainingExamples build(JudgedProblem problem) {
    Objects.requireNonNull(problem, "problem");
    if (problem.samples().isEmpty()) {
      return TrainingExamples.EMPTY;
    }
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Integer> flagged = new TreeMap<>();
    if (referenceUnusable.test(problem)) {
      counts.put(PreferenceBuilders.REFERENCE_UNUSABLE, problem.samples().size());
      return new TrainingExamples(List.of(), List.of(), counts);
    }
    List<JudgedSample> approved = new ArrayList<>();
    List<JudgedSample> wrong = new ArrayList<>();
    List<JudgedSample> crashed = new ArrayList<>();
    for (JudgedSample s : problem.samples()) {
      if (s.execution().outcome() == Outcome.SANDBOX_FAILURE) {
        count(counts, PreferenceBuilders.SANDBOX_FAILURE);
      } else if (s.solution().completion().text().isBlank()) {
        count(counts, PreferenceBuilders.EMPTY_COMPLETION);
      } else if (s.verdict().correct()) {
        if (s.verdict().confidence() < minConfidence) {
          count(counts, PreferenceBuilders.LOW_CONFIDENCE);
          continue;
        }
        QualityAssessment a = quality.assess(problem.problem(), s);
        for (String flag : a.flags()) {
          count(flagged, flag);
        }
        if (a.kept()) {
          approved.add(s);
        } else {
          count(counts, PreferenceBuilders.QUALITY_PREFIX + a.droppedBy().orElseThrow());
        }
      } else if (isWrongAnswer(s)) {
        wrong.add(s);
      } else {
        crashed.add(s);
      }
    }
    Random random = new Random(mix(problem));
    // most confident first; ties in an order fixed by the seed and the problem
    Collections.shuffle(approved, random);
    approved.sort(Comparator.comparingDouble((JudgedSample s) -> s.verdict().confidence()).reversed());
    List<JudgedSample> chosen = new ArrayList<>();
    Set<String> programs = new HashSet<>();
    Set<String> approvedTexts = new HashSet<>();
    for (JudgedSample s : approved) {
      String program = s.solution().hasCode()
          ? ProgramText.normalize(s.solution().code())
          : "\u0000" + s.solution().completion().text().strip();
      if (programs.add(program)) {
        chosen.add(s);
        approvedTexts.add(s.solution().completion().text());
      } else {
        count(counts, PreferenceBuilders.DUPLICATE_CODE);
      }
    }
    Collections.shuffle(wrong, random);
    Collections.shuffle(crashed, random);
    List<JudgedSample> rejected = new ArrayList<>(wrong.size() + crashed.size());
    if (rejectedOrder == RejectedOrder.WRONG_ANSWER_FIRST) {
      rejected.addAll(wrong);
      rejected.addAll(crashed);
    } else {
      rejected.addAll(crashed);
      rejected.addAll(wrong);
    }
    List<JudgedSample> distinctRejected = new ArrayList<>(rejected.size());
    Set<String> rejectedTexts = new HashSet<>();
    for (JudgedSample s : rejected) {
      String text = s.solution().completion().text();
      if (approvedTexts.contains(text) || !rejectedTexts.add(text)) {
        count(counts, PreferenceBuilders.DUPLICATE_REJECTED);
      } else {
        distinctRejected.add(s);
      }
    }

    List<SftExample> sft = new ArrayList<>(Math.min(maxSft, chosen.size()));
    for (int i = 0; i < chosen.size(); i++) {
      if (i >= maxSft) {
        count(counts, PreferenceBuilders.SFT_CAP);
        continue;
      }
      JudgedSample s = chosen.get(i);
      sft.add(new SftExample(
          s.solution().key(),
          s.solution().prompt(),
          s.solution().completion().text(),
          s.verdict().confidence()));
    }

    List<PreferencePair> pairs = new ArrayList<>();
    if (chosen.isEmpty() || distinctRejected.isEmpty()) {
      if (!chosen.isEmpty() || !distinctRejected.isEmpty()) {
        counts.put(PreferenceBuilders.UNANIMOUS, 1);
      }
    } else {
      for (int i = 0; i < distinctRejected.size(); i++) {
        if (i >= maxPairs) {
          count(counts, PreferenceBuilders.PAIR_CAP);
          continue;
        }
        // cycle through the approved samples so that pairs differ in both sides
        JudgedSample c = chosen.get(i % chosen.size());
        JudgedSample r = distinctRejected.get(i);
        pairs.add(new PreferencePair(
            c.solution().key(),
            r.solution().key(),
            c.solution().prompt(),
            c.solution().completion().text(),
            r.solution().completion().text()));
      }
    }
    return new TrainingExamples(sft, pairs, counts, flagged);
  }

  private static boolean isWrongAnswer(JudgedSample s) {
    return s.solution().hasCode()
        && s.execution().outcome().isSuccess()
        && !s.execution().answer().isBlank();
  }

  private static void count(Map<String, Integer> counts, String key) {
    counts.merge(key, 1, Integer::sum);
  }

  /** A seed for this problem that does not depend on the order problems come in. */
  private long mix(JudgedProblem problem) {
    long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits: stable across JVMs, unlike String.hashCode's spread
    for (byte b : problem.problem().id().getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= problem.samples().get(0).solution().key().iteration();
    h *= 0x100000001b3L;
    return h ^ (seed * 0x9E3779B97F4A7C15L);
  }

  @Override
  public String toString() {
    return "PreferenceBuilders.paper[minConfidence=" + minConfidence + ", maxSft=" + maxSft
        + ", maxPairs=" + maxPairs + ", rejectedOrder=" + rejectedOrder + ", quality=" + quality
        + ", seed=" + seed + "]";
  }
}
