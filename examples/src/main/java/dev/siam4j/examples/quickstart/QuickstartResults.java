package dev.siam4j.examples.quickstart;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.loop.Exploration;
import dev.siam4j.core.loop.IterationMetrics;
import dev.siam4j.core.loop.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a quickstart measured, for {@link QuickstartReport} and {@code metrics.json}: per seed run
 * and per iteration (0 is the seed model), accuracy on each test split and group, rule-scored and
 * critic-scored, with the share of correct programs grounded in the question; per iteration the
 * loop's counts and seconds per stage; and the ablations.
 *
 * @param title the report's title
 * @param configuration what was run (model, iterations, samples per problem, ...), shown as given
 *     and kept sorted by key
 * @param runs one per seed, at least one
 * @param ablations comparisons of two or more arms; may be empty
 * @param seedPassAtK the seed model's pass@k on each problem type outside the seed split
 *     (paraphrase, reachable and new), as measured before the loop; empty when not measured for this seed
 *     model or when the file has no such field
 */
public record QuickstartResults(
    String title, Map<String, String> configuration, List<SeedRun> runs, List<Ablation> ablations,
    List<TypePassAtK> seedPassAtK) {

  /**
   * Validates and copies.
   *
   * @param title the title, not null
   * @param configuration what was run, not null; copied sorted by key
   * @param runs one per seed, not empty; copied
   * @param ablations the comparisons, not null; copied
   * @param seedPassAtK the seed model's pass@k per type; {@code null} is read as empty; copied
   * @throws IllegalArgumentException when {@code runs} is empty
   */
  public QuickstartResults {
    Objects.requireNonNull(title, "title");
    configuration = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(configuration, "configuration")));
    runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
    ablations = List.copyOf(Objects.requireNonNull(ablations, "ablations"));
    seedPassAtK = seedPassAtK == null ? List.of() : List.copyOf(seedPassAtK);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("runs must not be empty");
    }
  }

  /**
   * Results without the seed model's pass@k per type.
   *
   * @param title the title, not null
   * @param configuration what was run, not null
   * @param runs one per seed, not empty
   * @param ablations the comparisons, not null
   */
  public QuickstartResults(String title, Map<String, String> configuration, List<SeedRun> runs, List<Ablation> ablations) {
    this(title, configuration, runs, ablations, List.of());
  }

  /**
   * A model's pass@k on one problem type in one language: k programs sampled per problem at the
   * sampling temperature, counted correct when the answer rules accept the printed answer and the
   * program is grounded in the question. pass@1 and pass@5 are the unbiased estimates from the k
   * samples ({@code 1 - C(n - c, j) / C(n, j)} per problem, averaged).
   *
   * @param template the template ({@code "percentages.of-sum"})
   * @param group its group's label ({@code "reachable"})
   * @param language {@code "en"} or {@code "zh"}
   * @param problems problems measured
   * @param k samples per problem
   * @param temperature the sampling temperature
   * @param passAt1 share of correct samples
   * @param passAt5 estimated chance that 5 samples hold a correct one (the loop's k)
   * @param passAtK share of problems with a correct sample among the k
   */
  public record TypePassAtK(
      String template, String group, String language, int problems, int k, double temperature, double passAt1,
      double passAt5, double passAtK) {
    /**
     * Validates.
     *
     * @param template the template, not null
     * @param group the group's label, not null
     * @param language the language, not null
     * @param problems problems measured, positive
     * @param k samples per problem, positive
     * @param temperature the sampling temperature
     * @param passAt1 in [0, 1]
     * @param passAt5 in [0, 1]
     * @param passAtK in [0, 1]
     * @throws IllegalArgumentException when a count is not positive or a pass@ value is outside [0,
     *     1]
     */
    public TypePassAtK {
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(language, "language");
      if (problems <= 0 || k <= 0) {
        throw new IllegalArgumentException("problems and k must be positive, were " + problems + " and " + k);
      }
      for (double v : new double[] {passAt1, passAt5, passAtK}) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("pass@ values must be from 0 to 1, were " + passAt1 + ", " + passAt5 + ", " + passAtK);
        }
      }
    }

    /** @return whether no sample of any problem was right: no self-training can learn this type from these samples */
    public boolean unreached() {
      return passAtK == 0;
    }
  }

  /**
   * One run of the loop from one seed.
   *
   * @param seed its seed
   * @param iterations in order, the first usually iteration 0 (the seed model, no loop stats)
   */
  public record SeedRun(long seed, List<IterationResult> iterations) {
    /**
     * Validates and copies.
     *
     * @param seed the seed
     * @param iterations the iterations, not empty; copied
     * @throws IllegalArgumentException when {@code iterations} is empty
     */
    public SeedRun {
      iterations = List.copyOf(Objects.requireNonNull(iterations, "iterations"));
      if (iterations.isEmpty()) {
        throw new IllegalArgumentException("iterations must not be empty");
      }
    }
  }

  /**
   * The model after one iteration (0: the seed model), evaluated.
   *
   * @param iteration 0 for the seed model, then 1, 2, ...
   * @param scores one per (split, group)
   * @param loop what the loop did in this iteration; empty for iteration 0
   */
  public record IterationResult(int iteration, List<Score> scores, Optional<LoopStats> loop) {
    /**
     * Validates and copies.
     *
     * @param iteration not negative; 0 for the seed model
     * @param scores the scores, not null; copied
     * @param loop the loop's stats or empty, not null
     * @throws IllegalArgumentException when {@code iteration} is negative
     */
    public IterationResult {
      if (iteration < 0) {
        throw new IllegalArgumentException("iteration must not be negative, was " + iteration);
      }
      scores = List.copyOf(Objects.requireNonNull(scores, "scores"));
      Objects.requireNonNull(loop, "loop");
    }
  }

  /**
   * Evaluation of one group of one split.
   *
   * @param split {@code "test-id"} or {@code "test-ood"} (any name is shown as given)
   * @param group {@code "seen"}, {@code "paraphrase"}, {@code "new"} (any name is shown as given)
   * @param evaluated answers evaluated (problems times samples per problem)
   * @param ruleCorrect judged correct by the answer-equivalence rules alone
   * @param criticCorrect judged correct by the critic cascade
   * @param groundedCorrect judged correct by the cascade and whose program is grounded in the
   *     question (its numbers come from the question)
   * @param meanResponseTokens mean length of the responses, in tokens
   */
  public record Score(
      String split,
      String group,
      long evaluated,
      long ruleCorrect,
      long criticCorrect,
      long groundedCorrect,
      double meanResponseTokens) {

    /**
     * Validates: counts not negative, none above {@code evaluated}, grounded within critic-correct.
     *
     * @param split the split's name, not null
     * @param group the group's name, not null
     * @param evaluated answers evaluated, not negative
     * @param ruleCorrect at most {@code evaluated}
     * @param criticCorrect at most {@code evaluated}
     * @param groundedCorrect at most {@code criticCorrect}
     * @param meanResponseTokens finite and not negative
     * @throws IllegalArgumentException when a count is out of range
     */
    public Score {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(group, "group");
      if (evaluated < 0 || ruleCorrect < 0 || criticCorrect < 0 || groundedCorrect < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
      if (ruleCorrect > evaluated || criticCorrect > evaluated) {
        throw new IllegalArgumentException("correct answers cannot outnumber the " + evaluated + " evaluated");
      }
      if (groundedCorrect > criticCorrect) {
        throw new IllegalArgumentException(
            "groundedCorrect (" + groundedCorrect + ") cannot exceed criticCorrect (" + criticCorrect + ")");
      }
      if (!(meanResponseTokens >= 0) || Double.isInfinite(meanResponseTokens)) {
        throw new IllegalArgumentException("meanResponseTokens must be finite and not negative, was " + meanResponseTokens);
      }
    }

    /** @return share judged correct by the rules; 0 when nothing was evaluated */
    public double ruleAccuracy() {
      return share(ruleCorrect, evaluated);
    }

    /** @return share judged correct by the critic cascade; 0 when nothing was evaluated */
    public double criticAccuracy() {
      return share(criticCorrect, evaluated);
    }

    /** @return share correct by the critic and grounded: what the claims rest on */
    public double groundedAccuracy() {
      return share(groundedCorrect, evaluated);
    }

    /** @return share of critic-correct answers whose program is grounded; 0 when none is correct */
    public double groundedShare() {
      return share(groundedCorrect, criticCorrect);
    }

    private static double share(long part, long whole) {
      return whole == 0 ? 0.0 : (double) part / whole;
    }
  }

  /**
   * What the loop did in one iteration.
   *
   * @param samples solutions sampled
   * @param approved samples the critic judged correct
   * @param sftExamples SFT examples built
   * @param pairs preference pairs built
   * @param stageSeconds seconds per stage ({@code "generate"}, {@code "execute"}, ...), in order
   * @param gate the gate's measurements and decision ({@code "accepted"} 1 or 0); empty without a gate
   * @param exploration what exploration added beyond the k samples: {@code "explored"} problems,
   *     {@code "samples"}, {@code "approved"} samples and {@code "solved"} problems; empty without
   *     exploration
   */
  public record LoopStats(
      long samples, long approved, long sftExamples, long pairs, Map<String, Double> stageSeconds, Map<String, Double> gate,
      Map<String, Long> exploration) {
    /**
     * Validates and copies, keeping the stages' order; no gate or exploration (null, when a file
     * has no such field) is an empty map.
     *
     * @param samples not negative
     * @param approved not negative
     * @param sftExamples not negative
     * @param pairs not negative
     * @param stageSeconds seconds per stage, not null; copied in order
     * @param gate the gate's values; {@code null} is read as empty; copied sorted
     * @param exploration exploration's counts; {@code null} is read as empty; copied in order
     * @throws IllegalArgumentException when a count is negative
     */
    public LoopStats {
      exploration = exploration == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(exploration));
      if (samples < 0 || approved < 0 || sftExamples < 0 || pairs < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
      stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(stageSeconds, "stageSeconds")));
      gate = gate == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(gate));
    }

    /**
     * Without a gate.
     *
     * @param samples not negative
     * @param approved not negative
     * @param sftExamples not negative
     * @param pairs not negative
     * @param stageSeconds seconds per stage, not null
     */
    public LoopStats(long samples, long approved, long sftExamples, long pairs, Map<String, Double> stageSeconds) {
      this(samples, approved, sftExamples, pairs, stageSeconds, Map.of(), Map.of());
    }

    /**
     * Without exploration.
     *
     * @param samples not negative
     * @param approved not negative
     * @param sftExamples not negative
     * @param pairs not negative
     * @param stageSeconds seconds per stage, not null
     * @param gate the gate's values, or empty
     */
    public LoopStats(
        long samples, long approved, long sftExamples, long pairs, Map<String, Double> stageSeconds, Map<String, Double> gate) {
      this(samples, approved, sftExamples, pairs, stageSeconds, gate, Map.of());
    }

    /**
     * The loop's own metrics of one iteration and what its exploration did.
     *
     * @param metrics what {@code SelfImprovementLoop} wrote for the iteration
     * @param exploration {@code Exploration.summary} of the iteration's files
     * @return the stats, with exploration's counts when it explored anything
     */
    public static LoopStats from(IterationMetrics metrics, Exploration.Summary exploration) {
      Objects.requireNonNull(exploration, "exploration");
      LoopStats base = from(metrics);
      Map<String, Long> e = new LinkedHashMap<>();
      if (!exploration.equals(Exploration.Summary.NONE)) {
        e.put("explored", exploration.explored());
        e.put("samples", exploration.samples());
        e.put("approved", exploration.approved());
        e.put("solved", exploration.solved());
      }
      return new LoopStats(base.samples, base.approved, base.sftExamples, base.pairs, base.stageSeconds, base.gate, e);
    }

    /** @return whether the gate kept the model this iteration trained; empty when there was no gate */
    public Optional<Boolean> kept() {
      Double a = gate.get("accepted");
      return a == null ? Optional.empty() : Optional.of(a > 0);
    }

    /**
     * The loop's own metrics of one iteration, as the report shows them: stages in their order,
     * named in lower case ({@code "build data"}).
     *
     * @param metrics what {@code SelfImprovementLoop} wrote for the iteration
     * @return samples, approved, SFT examples, pairs and seconds per stage
     */
    public static LoopStats from(IterationMetrics metrics) {
      Objects.requireNonNull(metrics, "metrics");
      Map<String, Double> seconds = new LinkedHashMap<>();
      for (Stage stage : Stage.values()) {
        Double s = metrics.stageSeconds().get(stage);
        if (s != null) {
          seconds.put(stage.name().toLowerCase(Locale.ROOT).replace('_', ' '), s);
        }
      }
      Map<String, Double> gate = new TreeMap<>();
      metrics.gate().ifPresent(d -> {
        gate.putAll(d.metrics());
        gate.put("accepted", d.accept() ? 1.0 : 0.0);
      });
      return new LoopStats(metrics.samples(), metrics.approved(), metrics.sftExamples(), metrics.pairs(), seconds, gate);
    }

    /** @return seconds of all stages together */
    public double totalSeconds() {
      return stageSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /**
   * A comparison of arms (rule-only against cascade, DPO against DPO+NLL, ...), as series of one
   * metric per iteration.
   *
   * @param name short title ({@code "DPO vs DPO+NLL"})
   * @param description what was compared and how, one or two sentences
   * @param series one per (arm, metric); arms with the same metric are drawn in one chart
   */
  public record Ablation(String name, String description, List<Series> series) {
    /**
     * Validates and copies.
     *
     * @param name the title, not null
     * @param description the description, not null
     * @param series the series, not null; copied
     */
    public Ablation {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      series = List.copyOf(Objects.requireNonNull(series, "series"));
    }
  }

  /**
   * One arm's values of one metric, per iteration starting at 0.
   *
   * @param arm the arm ({@code "DPO+NLL"})
   * @param metric what the values are ({@code "mean response tokens"}, {@code "grounded accuracy, test-ood"});
   *     a metric whose name contains "accuracy" or "share" is drawn on a 0–100% axis
   * @param perIteration values for iterations 0, 1, ...
   */
  public record Series(String arm, String metric, List<Double> perIteration) {
    /**
     * Validates and copies.
     *
     * @param arm the arm, not null
     * @param metric the metric, not null
     * @param perIteration values per iteration, not null; copied
     */
    public Series {
      Objects.requireNonNull(arm, "arm");
      Objects.requireNonNull(metric, "metric");
      perIteration = List.copyOf(Objects.requireNonNull(perIteration, "perIteration"));
    }
  }

  /**
   * Writes these results as pretty-printed JSON ({@code metrics.json}).
   *
   * @param file replaced if it exists; its folder is created
   * @throws RunStoreException when it cannot be written
   */
  public void write(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RunStoreException("cannot write quickstart results to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads results {@link #write(Path)} wrote.
   *
   * @param file a {@code metrics.json}
   * @return the results
   * @throws InvalidInputException when it is missing or does not hold results
   */
  public static QuickstartResults read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return Json.mapper().readValue(file.toFile(), QuickstartResults.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(file + ": not quickstart results: " + e.getMessage(), e);
    }
  }
}
