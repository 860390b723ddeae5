package dev.siam4j.critic.export;

import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.jsonl.JsonlWriter;
import dev.siam4j.critic.evaluation.ScoredSample;
import dev.siam4j.critic.llm.CriticPrompt;
import dev.siam4j.critic.llm.CriticPrompts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exports critic training data: (question, reference, code, output, label) JSONL, one
 * {@link CriticExample} a line, so users can train a dedicated critic model. Labels come from the
 * verdicts given (rules, a cascade, or human review). Examples whose verdict confidence lies
 * strictly between {@code minConfidence} and {@code 1 - minConfidence} are left out as unsure.
 */
public final class CriticDataset {
  private CriticDataset() {}

  /**
   * @param problems judged problems (a loop iteration's verdicts)
   * @param template the critic prompt examples are rendered with
   * @param minConfidence keep verdicts with confidence ≥ 1 − this or ≤ this, in [0, 0.5]; 0.5 keeps all
   * @return the examples, in order
   */
  public static List<CriticExample> fromJudged(List<JudgedProblem> problems, CriticPrompt template, double minConfidence) {
    Objects.requireNonNull(problems, "problems");
    check(minConfidence);
    List<CriticExample> out = new ArrayList<>();
    for (JudgedProblem p : problems) {
      for (JudgedSample s : p.samples()) {
        add(out, new CritiqueRequest(p.problem(), s.solution().code(), s.execution()), s.verdict(), template, minConfidence);
      }
    }
    return out;
  }

  /**
   * Like {@link #fromJudged}, from an evaluation's scored samples.
   *
   * @param samples scored samples (an evaluation's)
   * @param template the critic prompt examples are rendered with
   * @param minConfidence keep verdicts with confidence ≥ 1 − this or ≤ this, in [0, 0.5]; 0.5 keeps
   *     all
   * @return the examples, in order
   * @throws IllegalArgumentException when {@code minConfidence} is outside [0, 0.5]
   */
  public static List<CriticExample> fromScored(List<ScoredSample> samples, CriticPrompt template, double minConfidence) {
    Objects.requireNonNull(samples, "samples");
    check(minConfidence);
    List<CriticExample> out = new ArrayList<>();
    for (ScoredSample s : samples) {
      add(out, new CritiqueRequest(s.problem(), s.code(), s.execution()), s.verdict(), template, minConfidence);
    }
    return out;
  }

  /**
   * Writes examples as JSONL (appending; the file and its folders are created).
   *
   * @param examples the examples
   * @param file the JSONL file
   * @return how many lines were written
   */
  public static int write(List<CriticExample> examples, Path file) {
    Objects.requireNonNull(examples, "examples");
    Objects.requireNonNull(file, "file");
    try (JsonlWriter w = JsonlWriter.append(file)) {
      for (CriticExample e : examples) {
        w.write(e);
      }
    }
    return examples.size();
  }

  static String output(CritiqueRequest r) {
    return CriticPrompts.fill("{output}", r);
  }

  private static void add(List<CriticExample> out, CritiqueRequest r, Verdict v, CriticPrompt t, double min) {
    if (v.confidence() > min && v.confidence() < 1 - min) {
      return;
    }
    out.add(CriticExample.of(r, v, Objects.requireNonNull(t, "template")));
  }

  private static void check(double minConfidence) {
    if (!(minConfidence >= 0 && minConfidence <= 0.5)) {
      throw new IllegalArgumentException("minConfidence must be in [0, 0.5], was " + minConfidence);
    }
  }
}
