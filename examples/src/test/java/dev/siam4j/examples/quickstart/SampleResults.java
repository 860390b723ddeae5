package dev.siam4j.examples.quickstart;

import dev.siam4j.examples.quickstart.QuickstartResults.Ablation;
import dev.siam4j.examples.quickstart.QuickstartResults.IterationResult;
import dev.siam4j.examples.quickstart.QuickstartResults.LoopStats;
import dev.siam4j.examples.quickstart.QuickstartResults.Score;
import dev.siam4j.examples.quickstart.QuickstartResults.SeedRun;
import dev.siam4j.examples.quickstart.QuickstartResults.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Results shaped like a quickstart's, with known numbers, for the report tests. */
final class SampleResults {
  private SampleResults() {}

  /** {@code seeds} runs of {@code iterations} loop iterations; seed s adds s points of noise. */
  static QuickstartResults of(int seeds, int iterations) {
    List<SeedRun> runs = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      List<IterationResult> its = new ArrayList<>();
      for (int i = 0; i <= iterations; i++) {
        List<Score> scores = new ArrayList<>();
        // seen: 40% + 15 per iteration (+s); paraphrase 30% + 10 per iteration; new stays at 2%.
        scores.add(score("test-id", "seen", 200, 40 + 15 * i + s, i));
        scores.add(score("test-ood", "paraphrase", 100, 30 + 10 * i + s, i));
        scores.add(score("test-ood", "new", 100, 2, i));
        Optional<LoopStats> loop =
            i == 0
                ? Optional.empty()
                : Optional.of(new LoopStats(3000, 900 + 100 * i, 700 + 90 * i, 400 + 10 * i, stages(i)));
        its.add(new IterationResult(i, scores, loop));
      }
      runs.add(new SeedRun(100 + s, its));
    }
    List<Ablation> ablations = new ArrayList<>();
    ablations.add(new Ablation(
        "Rule-only filtering vs cascade",
        "The same loop, keeping samples the rules approve against samples the cascade approves.",
        List.of(
            new Series("cascade", "grounded accuracy, test-ood", line(0.16, 0.06, iterations)),
            new Series("rules only", "grounded accuracy, test-ood", line(0.16, 0.03, iterations)))));
    ablations.add(new Ablation(
        "DPO vs DPO+NLL",
        "Preference training with and without the NLL term on the chosen response.",
        List.of(
            new Series("DPO", "mean response tokens", line(44, 9, iterations)),
            new Series("DPO+NLL", "mean response tokens", line(44, 1, iterations)),
            new Series("DPO", "grounded accuracy, test-id", line(0.4, 0.08, iterations)),
            new Series("DPO+NLL", "grounded accuracy, test-id", line(0.4, 0.15, iterations)))));
    ablations.add(new Ablation(
        "Grounding filter",
        "Keeping only grounded approved programs, against keeping every approved program.",
        List.of(
            new Series("with grounding filter", "grounded share, test-id", line(0.8, 0.04, iterations)),
            new Series("without", "grounded share, test-id", line(0.8, -0.05, iterations)))));
    Map<String, String> config = new LinkedHashMap<>();
    config.put("model", "embedded tiny llama (0.8M parameters)");
    config.put("samples per problem", "5");
    config.put("iterations", "" + iterations);
    return new QuickstartResults("siam4j quickstart <sample>", config, runs, ablations);
  }

  private static Score score(String split, String group, int n, int percent, int iteration) {
    long correct = Math.min(n, (long) n * percent / 100);
    long rule = correct * 9 / 10;
    long grounded = correct * 95 / 100;
    return new Score(split, group, n, rule, correct, grounded, 44 + 2.0 * iteration);
  }

  private static Map<String, Double> stages(int i) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("generate", 120.0 + i);
    m.put("execute", 20.0);
    m.put("critique", 15.5);
    m.put("build data", 1.5);
    m.put("train", 60.0);
    return m;
  }

  private static List<Double> line(double start, double step, int iterations) {
    List<Double> v = new ArrayList<>();
    for (int i = 0; i <= iterations; i++) {
      v.add(start + step * i);
    }
    return v;
  }
}
