package dev.siam4j.critic.evaluation;

import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Equivalence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Aggregates scored samples into metrics. Stateless apart from the equivalence used for maj@k. */
final class Scoring {
  private final AnswerEquivalence equivalence;

  Scoring(AnswerEquivalence equivalence) {
    this.equivalence = equivalence;
  }

  EvaluationReport report(List<ScoredSample> samples) {
    Map<String, List<List<ScoredSample>>> bySource = new TreeMap<>();
    Map<String, List<ScoredSample>> byProblem = new LinkedHashMap<>();
    int k = 0;
    for (ScoredSample s : samples) {
      byProblem.computeIfAbsent(s.problem().id(), id -> new ArrayList<>()).add(s);
    }
    List<List<ScoredSample>> all = new ArrayList<>();
    for (List<ScoredSample> group : byProblem.values()) {
      group.sort(java.util.Comparator.comparingInt(ScoredSample::sampleIndex));
      all.add(group);
      bySource.computeIfAbsent(group.get(0).problem().source(), x -> new ArrayList<>()).add(group);
      k = Math.max(k, group.size());
    }
    Map<String, Metrics> sources = new TreeMap<>();
    bySource.forEach((name, groups) -> sources.put(name, metrics(groups)));
    return new EvaluationReport(k, metrics(all), sources);
  }

  private Metrics metrics(List<List<ScoredSample>> problems) {
    int samples = 0;
    int[] m = new int[6];
    for (List<ScoredSample> g : problems) {
      samples += g.size();
      for (ScoredSample s : g) {
        int row = s.rules() == Equivalence.EQUAL ? 0 : s.rules() == Equivalence.NOT_EQUAL ? 2 : 4;
        m[row + (s.verdict().correct() ? 0 : 1)]++;
      }
    }
    return new Metrics(
        problems.size(),
        samples,
        scores(problems, ScoredSample::rulesCorrect),
        scores(problems, s -> s.verdict().correct()),
        new Metrics.Agreement(m[0], m[1], m[2], m[3], m[4], m[5]));
  }

  private Metrics.Scores scores(List<List<ScoredSample>> problems, Predicate<ScoredSample> correct) {
    if (problems.isEmpty()) {
      return new Metrics.Scores(0, 0, 0);
    }
    double accuracy = 0;
    double pass = 0;
    double maj = 0;
    for (List<ScoredSample> g : problems) {
      accuracy += correct.test(g.get(0)) ? 1 : 0;
      int c = 0;
      for (ScoredSample s : g) {
        c += correct.test(s) ? 1 : 0;
      }
      pass += (double) c / g.size();
      ScoredSample majority = majority(g);
      maj += majority != null && correct.test(majority) ? 1 : 0;
    }
    int n = problems.size();
    return new Metrics.Scores(accuracy / n, pass / n, maj / n);
  }

  /** @return a sample carrying the most frequent answer, or null when no sample ran to an answer */
  private ScoredSample majority(List<ScoredSample> g) {
    List<ScoredSample> representatives = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (ScoredSample s : g) {
      if (!s.execution().outcome().isSuccess() || s.execution().answer().isBlank()) {
        continue;
      }
      int found = -1;
      for (int i = 0; i < representatives.size() && found < 0; i++) {
        String a = representatives.get(i).execution().answer();
        if (a.equals(s.execution().answer())
            || equivalence.compare(a, s.execution().answer()).result() == Equivalence.EQUAL) {
          found = i;
        }
      }
      if (found < 0) {
        representatives.add(s);
        counts.add(1);
      } else {
        counts.set(found, counts.get(found) + 1);
      }
    }
    int best = -1;
    for (int i = 0; i < counts.size(); i++) {
      if (best < 0 || counts.get(i) > counts.get(best)) {
        best = i;
      }
    }
    return best < 0 ? null : representatives.get(best);
  }
}
