package dev.siam4j.examples.quickstart;

import static dev.siam4j.examples.quickstart.Html.escape;

import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.examples.quickstart.QuickstartResults.Ablation;
import dev.siam4j.examples.quickstart.QuickstartResults.IterationResult;
import dev.siam4j.examples.quickstart.QuickstartResults.LoopStats;
import dev.siam4j.examples.quickstart.QuickstartResults.Score;
import dev.siam4j.examples.quickstart.QuickstartResults.SeedRun;
import dev.siam4j.examples.quickstart.QuickstartResults.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@link QuickstartResults} as a self-contained {@code report.html} (inline CSS, charts as
 * inline SVG, one tiny inline script that only marks the page as rendered; no external resource,
 * so it opens offline) and as a plain-text table for the console.
 *
 * <p>The report shows, for each test split, rule-scored, critic-scored and grounded accuracy per
 * iteration (iteration 0 is the seed model), as the mean across seeds with the min–max band; the
 * same per group (seen templates, paraphrases, new types) with the share of correct programs that
 * are grounded; mean response length; the loop's counts and seconds per stage; the ablations; and
 * each seed's numbers. Its verdict compares the rise of grounded accuracy with the spread across
 * seeds and says what the numbers show, whichever way they go.
 *
 * <pre>{@code
 * Path html = QuickstartReport.write(results, Path.of("runs/quickstart"));  // report.html + metrics.json
 * System.out.print(QuickstartReport.summary(results));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class QuickstartReport {
  /** The file name of the report {@link #write(QuickstartResults, Path)} writes. */
  public static final String REPORT_FILE = "report.html";
  /** The file name of the results {@link #write(QuickstartResults, Path)} writes. */
  public static final String METRICS_FILE = "metrics.json";

  private static final String ALL = "all";

  private QuickstartReport() {}

  /**
   * Writes {@code report.html} and {@code metrics.json} into {@code folder}, replacing them.
   *
   * @param results what was measured
   * @param folder created if missing
   * @return the report's path
   * @throws RunStoreException when a file cannot be written
   */
  public static Path write(QuickstartResults results, Path folder) {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(folder, "folder");
    Path report = folder.resolve(REPORT_FILE);
    try {
      Files.createDirectories(folder);
      Files.writeString(report, html(results), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RunStoreException("cannot write " + report + ": " + e.getMessage(), e);
    }
    results.write(folder.resolve(METRICS_FILE));
    return report;
  }

  /**
   * The report as one HTML document.
   *
   * @param results what was measured
   * @return a complete, self-contained HTML5 document
   */
  public static String html(QuickstartResults results) {
    Objects.requireNonNull(results, "results");
    return new HtmlReport(new View(results)).render();
  }

  /**
   * A plain-text summary for the console: grounded, rule- and critic-scored accuracy per split and
   * iteration, grounded accuracy per group, the loop's counts, and the verdict lines.
   *
   * @param results what was measured
   * @return lines ending with a line feed
   */
  public static String summary(QuickstartResults results) {
    Objects.requireNonNull(results, "results");
    View v = new View(results);
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("split", "group", "scored"));
    for (int i = 0; i < v.iterations; i++) {
      header.add(i == 0 ? "seed model" : "iteration " + i);
    }
    rows.add(header);
    for (String split : v.splits) {
      for (Metric m : Metric.values()) {
        rows.add(v.row(List.of(split, ALL, m.label), i -> v.spread(split, null, i, m.value).percent()));
      }
      for (String group : v.groups(split)) {
        rows.add(v.row(List.of(split, group, Metric.GROUNDED.label), i -> v.spread(split, group, i, Metric.GROUNDED.value).percent()));
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(results.title()).append(" — ").append(v.runs.size()).append(v.runs.size() == 1 ? " seed" : " seeds")
        .append(", mean (min–max) across seeds\n");
    out.append(table(rows, 3));
    List<List<String>> loop = new ArrayList<>();
    boolean gated = v.gated();
    List<String> loopHeader = new ArrayList<>(List.of("iteration", "samples", "approved", "SFT", "pairs", "seconds"));
    if (gated) {
      loopHeader.add("model kept");
    }
    boolean explored = v.explored();
    if (explored) {
      loopHeader.add("explored");
      loopHeader.add("solved so");
    }
    loop.add(loopHeader);
    for (int i = 1; i < v.iterations; i++) {
      int it = i;
      List<String> row = new ArrayList<>(List.of(
          "" + i,
          v.loopSpread(it, s -> s.samples()).plain(0),
          v.loopSpread(it, s -> s.approved()).plain(0),
          v.loopSpread(it, s -> s.sftExamples()).plain(0),
          v.loopSpread(it, s -> s.pairs()).plain(0),
          v.loopSpread(it, LoopStats::totalSeconds).plain(1)));
      if (gated) {
        row.add(v.kept(it));
      }
      if (explored) {
        row.add(v.loopSpread(it, s -> s.exploration().getOrDefault("explored", 0L)).plain(0));
        row.add(v.loopSpread(it, s -> s.exploration().getOrDefault("solved", 0L)).plain(0));
      }
      loop.add(row);
    }
    if (loop.size() > 1) {
      out.append('\n').append(table(loop, 1));
    }
    if (!results.seedPassAtK().isEmpty()) {
      out.append('\n').append(typesCaption(results.seedPassAtK())).append('\n').append(table(typeRows(results.seedPassAtK()), 3));
      out.append(unreachedLine(results.seedPassAtK())).append('\n');
    }
    out.append('\n');
    for (String line : v.verdicts()) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** The seed model's pass@k per type as rows, with a header row. */
  static List<List<String>> typeRows(List<QuickstartResults.TypePassAtK> types) {
    int k = types.get(0).k();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("group", "type", "language", "problems", "pass@1", "pass@5", "pass@" + k));
    for (QuickstartResults.TypePassAtK t : types) {
      rows.add(List.of(t.group(), t.template(), t.language(), "" + t.problems(),
          String.format(Locale.ROOT, "%.1f%%", 100 * t.passAt1()), String.format(Locale.ROOT, "%.1f%%", 100 * t.passAt5()),
          String.format(Locale.ROOT, "%.1f%%", 100 * t.passAtK())));
    }
    return rows;
  }

  static String typesCaption(List<QuickstartResults.TypePassAtK> types) {
    QuickstartResults.TypePassAtK first = types.get(0);
    return String.format(Locale.ROOT,
        "The seed model's pass@k on the problem types outside the seed split, before the loop (%d samples per problem at"
            + " temperature %s; grounded and correct by the answer rules):", first.k(), first.temperature());
  }

  static String unreachedLine(List<QuickstartResults.TypePassAtK> types) {
    List<String> none = new ArrayList<>();
    for (QuickstartResults.TypePassAtK t : types) {
      if (t.unreached()) {
        none.add(t.template() + " (" + t.language() + ")");
      }
    }
    return "pass@" + types.get(0).k() + " = 0, so no self-training on these samples can learn them: "
        + (none.isEmpty() ? "none" : String.join(", ", none)) + ".";
  }

  private static String table(List<List<String>> rows, int leftAligned) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> r : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = r.get(c);
        line.append(pad(cell, width[c], c >= leftAligned));
        line.append(c + 1 < columns ? "  " : "");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }

  /** The three accuracies the report shows. */
  enum Metric {
    GROUNDED("grounded", Score::groundedAccuracy),
    CRITIC("critic", Score::criticAccuracy),
    RULE("rule", Score::ruleAccuracy);

    final String label;
    final ToDoubleFunction<Score> value;

    Metric(String label, ToDoubleFunction<Score> value) {
      this.label = label;
      this.value = value;
    }
  }

  /** Results indexed for rendering: splits, groups, iterations, spreads across seeds. */
  static final class View {
    final QuickstartResults results;
    final List<SeedRun> runs;
    final List<String> splits;
    final Map<String, List<String>> groups = new LinkedHashMap<>();
    final int iterations;

    View(QuickstartResults results) {
      this.results = results;
      this.runs = results.runs();
      Set<String> splitNames = new LinkedHashSet<>();
      int max = 0;
      for (SeedRun run : runs) {
        for (IterationResult r : run.iterations()) {
          max = Math.max(max, r.iteration() + 1);
          for (Score s : r.scores()) {
            splitNames.add(s.split());
            List<String> g = groups.computeIfAbsent(s.split(), k -> new ArrayList<>());
            if (!g.contains(s.group())) {
              g.add(s.group());
            }
          }
        }
      }
      this.splits = List.copyOf(splitNames);
      this.iterations = max;
    }

    List<String> groups(String split) {
      return groups.getOrDefault(split, List.of());
    }

    Optional<IterationResult> at(SeedRun run, int iteration) {
      return run.iterations().stream().filter(r -> r.iteration() == iteration).findFirst();
    }

    /** The scores of {@code split} (and {@code group}, or every group when null) summed. */
    Optional<Score> score(SeedRun run, int iteration, String split, String group) {
      Optional<IterationResult> r = at(run, iteration);
      if (r.isEmpty()) {
        return Optional.empty();
      }
      long evaluated = 0;
      long rule = 0;
      long critic = 0;
      long grounded = 0;
      double tokens = 0;
      boolean any = false;
      for (Score s : r.get().scores()) {
        if (s.split().equals(split) && (group == null || s.group().equals(group))) {
          any = true;
          evaluated += s.evaluated();
          rule += s.ruleCorrect();
          critic += s.criticCorrect();
          grounded += s.groundedCorrect();
          tokens += s.meanResponseTokens() * s.evaluated();
        }
      }
      return any
          ? Optional.of(new Score(split, group == null ? ALL : group, evaluated, rule, critic, grounded, evaluated == 0 ? 0 : tokens / evaluated))
          : Optional.empty();
    }

    Spread spread(String split, String group, int iteration, ToDoubleFunction<Score> metric) {
      List<Double> values = new ArrayList<>();
      for (SeedRun run : runs) {
        score(run, iteration, split, group).ifPresent(s -> values.add(metric.applyAsDouble(s)));
      }
      return Spread.of(values);
    }

    Spread loopSpread(int iteration, ToDoubleFunction<LoopStats> metric) {
      List<Double> values = new ArrayList<>();
      for (SeedRun run : runs) {
        at(run, iteration).flatMap(IterationResult::loop).ifPresent(l -> values.add(metric.applyAsDouble(l)));
      }
      return Spread.of(values);
    }

    /** Whether the loop had a policy gate: some iteration of some seed has a decision. */
    boolean gated() {
      for (SeedRun run : runs) {
        for (IterationResult r : run.iterations()) {
          if (r.loop().flatMap(LoopStats::kept).isPresent()) {
            return true;
          }
        }
      }
      return false;
    }

    /** How many seeds' gates kept the model an iteration trained: {@code "2 of 3"}. */
    String kept(int iteration) {
      int kept = 0;
      int decided = 0;
      for (SeedRun run : runs) {
        Optional<Boolean> k = at(run, iteration).flatMap(IterationResult::loop).flatMap(LoopStats::kept);
        if (k.isPresent()) {
          decided++;
          kept += k.get() ? 1 : 0;
        }
      }
      return decided == 0 ? "" : kept + " of " + decided;
    }

    List<String> row(List<String> first, java.util.function.IntFunction<String> cell) {
      List<String> row = new ArrayList<>(first);
      for (int i = 0; i < iterations; i++) {
        row.add(cell.apply(i));
      }
      return row;
    }

    /** One sentence per split on grounded accuracy: seed model against the last iteration. */
    List<String> verdicts() {
      List<String> lines = new ArrayList<>();
      int last = iterations - 1;
      for (String split : splits) {
        Spread first = spread(split, null, 0, Score::groundedAccuracy);
        Spread end = spread(split, null, last, Score::groundedAccuracy);
        if (last == 0 || !first.known() || !end.known()) {
          lines.add(split + ": only the seed model was evaluated; nothing to compare.");
          continue;
        }
        double rise = 100 * (end.mean() - first.mean());
        String change = String.format(Locale.ROOT, "%s: grounded accuracy %.1f%% (seed model) → %.1f%% (iteration %d), %s%.1f points",
            split, 100 * first.mean(), 100 * end.mean(), last, rise >= 0 ? "+" : "", rise);
        if (end.n() < 2) {
          lines.add(change + "; one seed, so no spread across seeds was measured.");
        } else {
          double spreadPoints = 100 * Math.max(first.range(), end.range());
          lines.add(change + String.format(Locale.ROOT, "; spread across %d seeds up to %.1f points: the %s is %s the spread.",
              end.n(), spreadPoints, rise >= 0 ? "rise" : "fall", Math.abs(rise) > spreadPoints ? "larger than" : "not larger than"));
        }
        for (String group : groups(split)) {
          if (group.equals(Group.REACHABLE.label()) || group.equals(Group.NEW.label())) {
            Spread a = spread(split, group, 0, Score::groundedAccuracy);
            Spread b = spread(split, group, last, Score::groundedAccuracy);
            if (a.known() && b.known()) {
              double points = 100 * (b.mean() - a.mean());
              lines.add(String.format(Locale.ROOT, "%s %s: grounded accuracy %.1f%% → %.1f%%, %s%.1f points%s", split, group,
                  100 * a.mean(), 100 * b.mean(), points >= 0 ? "+" : "", points,
                  b.n() < 2 ? "" : String.format(Locale.ROOT, " (spread across seeds up to %.1f)", 100 * Math.max(a.range(), b.range()))));
            }
          }
        }
      }
      return lines;
    }

    /** Whether any iteration explored. */
    boolean explored() {
      for (SeedRun run : runs) {
        for (IterationResult r : run.iterations()) {
          if (r.loop().map(l -> !l.exploration().isEmpty()).orElse(false)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** The HTML document. */
  private static final class HtmlReport {
    private final View v;
    private final StringBuilder out = new StringBuilder();

    HtmlReport(View v) {
      this.v = v;
    }

    String render() {
      QuickstartResults r = v.results;
      out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<title>").append(escape(r.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
      out.append("<h1>").append(escape(r.title())).append("</h1>\n");
      out.append("<p class=\"lead\">").append(v.runs.size()).append(v.runs.size() == 1 ? " seed run" : " seed runs")
          .append(", iterations 0–").append(v.iterations - 1).append(" (iteration 0 is the seed model). ")
          .append("Values are means across seeds; parentheses and shaded bands give the minimum and maximum. ")
          .append("<em>Grounded</em> accuracy counts an answer only when the critic approves it and its program takes its numbers from the question: the claims rest on it.</p>\n");
      verdict();
      accuracy();
      groups();
      types();
      lengths();
      loop();
      ablations();
      seeds();
      configuration();
      out.append("<footer>Generated by siam4j. Self-contained: no scripts, fonts or images are fetched; the charts are inline SVG.</footer>\n");
      out.append("<script>(function(){var d=document.documentElement;")
          .append("d.setAttribute('data-charts',String(document.querySelectorAll('svg.chart').length));")
          .append("d.setAttribute('data-tables',String(document.querySelectorAll('table').length));")
          .append("d.setAttribute('data-ok','true');})();</script>\n");
      out.append("</body>\n</html>\n");
      return out.toString();
    }

    private void verdict() {
      out.append("<section id=\"verdict\">\n<h2>What it shows</h2>\n<ul class=\"verdict\">\n");
      for (String line : v.verdicts()) {
        out.append("<li>").append(escape(line)).append("</li>\n");
      }
      out.append("</ul>\n");
      table(
          "headline",
          List.of("split", "scored by", "seed model", "iteration " + (v.iterations - 1), "change (points)"),
          headlineRows());
      out.append("</section>\n");
    }

    private List<List<String>> headlineRows() {
      List<List<String>> rows = new ArrayList<>();
      int last = v.iterations - 1;
      for (String split : v.splits) {
        for (Metric m : Metric.values()) {
          Spread a = v.spread(split, null, 0, m.value);
          Spread b = v.spread(split, null, last, m.value);
          String change = a.known() && b.known() ? String.format(Locale.ROOT, "%+.1f", 100 * (b.mean() - a.mean())) : "–";
          rows.add(List.of(split, m.label, a.percent(), b.percent(), change));
        }
      }
      return rows;
    }

    private void accuracy() {
      out.append("<section id=\"accuracy\">\n<h2>Accuracy per iteration</h2>\n")
          .append("<p>Rule-scored: the answer-equivalence rules alone. Critic-scored: the cascade (rules, then the critic model for what the rules leave unknown). Grounded: critic-approved and grounded in the question.</p>\n<div class=\"charts\">\n");
      for (String split : v.splits) {
        SvgChart chart = new SvgChart("Accuracy on " + split, true);
        int c = 0;
        for (Metric m : Metric.values()) {
          chart.line(band(m.label, split, null, m.value, m != Metric.GROUNDED, SvgChart.COLORS[c++]));
        }
        figure(chart, "Accuracy on " + split);
      }
      out.append("</div>\n");
      List<List<String>> rows = new ArrayList<>();
      for (String split : v.splits) {
        for (Metric m : Metric.values()) {
          rows.add(v.row(List.of(split, m.label), i -> v.spread(split, null, i, m.value).percent()));
        }
      }
      table("accuracy", header("split", "scored by"), rows);
      out.append("</section>\n");
    }

    private void groups() {
      out.append("<section id=\"groups\">\n<h2>By group</h2>\n")
          .append("<p><em>seen</em>: seed templates with new numbers; <em>paraphrase</em>: seed skills in new phrasings; <em>reachable</em>: problem types the seed split never shows whose programs combine seed skills; <em>new</em>: problem types that need an operation no seed program has (the control). Self-training can only reinforce what the model sometimes gets right.</p>\n<div class=\"charts\">\n");
      for (String split : v.splits) {
        SvgChart chart = new SvgChart("Grounded accuracy by group, " + split, true);
        int c = 0;
        for (String group : v.groups(split)) {
          chart.line(band(group, split, group, Score::groundedAccuracy, false, SvgChart.COLORS[(c++ + 3) % SvgChart.COLORS.length]));
        }
        figure(chart, "Grounded accuracy by group on " + split);
      }
      out.append("</div>\n");
      List<List<String>> rows = new ArrayList<>();
      for (String split : v.splits) {
        for (String group : v.groups(split)) {
          rows.add(v.row(List.of(split, group, "grounded accuracy"), i -> v.spread(split, group, i, Score::groundedAccuracy).percent()));
          rows.add(v.row(List.of(split, group, "critic-scored"), i -> v.spread(split, group, i, Score::criticAccuracy).percent()));
          rows.add(v.row(List.of(split, group, "rule-scored"), i -> v.spread(split, group, i, Score::ruleAccuracy).percent()));
          rows.add(v.row(List.of(split, group, "grounded share of correct"), i -> v.spread(split, group, i, Score::groundedShare).percent()));
        }
      }
      table("groups", header("split", "group", "measure"), rows);
      out.append("</section>\n");
    }

    private void types() {
      List<QuickstartResults.TypePassAtK> types = v.results.seedPassAtK();
      out.append("<section id=\"types\">\n<h2>The seed model's reach beyond the seed split</h2>\n");
      if (types.isEmpty()) {
        out.append("<p>Not measured for this seed model (<code>QuickstartModels types MODEL.gguf</code> measures it).</p>\n</section>\n");
        return;
      }
      out.append("<p>").append(escape(typesCaption(types))).append(" ")
          .append(escape(unreachedLine(types))).append(" A type with pass@k above 0 and a low pass@1 is where the loop, and exploration, can lift it.</p>\n");
      List<List<String>> rows = typeRows(types);
      table("types", rows.get(0), rows.subList(1, rows.size()));
      out.append("</section>\n");
    }

    private void lengths() {
      out.append("<section id=\"lengths\">\n<h2>Response length</h2>\n<div class=\"charts\">\n");
      SvgChart chart = new SvgChart("Mean response length (tokens)", false);
      int c = 0;
      for (String split : v.splits) {
        chart.line(band(split, split, null, Score::meanResponseTokens, false, SvgChart.COLORS[c++ % SvgChart.COLORS.length]));
      }
      figure(chart, "Mean response length in tokens");
      out.append("</div>\n");
      List<List<String>> rows = new ArrayList<>();
      for (String split : v.splits) {
        rows.add(v.row(List.of(split), i -> v.spread(split, null, i, Score::meanResponseTokens).plain(1)));
      }
      table("lengths", header("split"), rows);
      out.append("</section>\n");
    }

    private void loop() {
      out.append("<section id=\"loop\">\n<h2>The loop, per iteration</h2>\n");
      if (v.iterations < 2) {
        out.append("<p>No iteration of the loop ran.</p>\n</section>\n");
        return;
      }
      Set<String> stages = new LinkedHashSet<>();
      for (Stage stage : Stage.values()) {
        stages.add(stage.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      Set<String> seen = new LinkedHashSet<>();
      for (SeedRun run : v.runs) {
        for (IterationResult r : run.iterations()) {
          r.loop().ifPresent(l -> seen.addAll(l.stageSeconds().keySet()));
        }
      }
      stages.retainAll(seen); // the loop's stages in their order (metrics.json sorts keys), then any others
      stages.addAll(seen);
      List<String> head = new ArrayList<>(List.of("iteration", "samples", "approved", "SFT examples", "pairs"));
      for (String s : stages) {
        head.add(s + " (s)");
      }
      head.add("total (s)");
      boolean gated = v.gated();
      if (gated) {
        head.add("model kept by the gate");
      }
      boolean explored = v.explored();
      if (explored) {
        head.addAll(List.of("problems explored", "exploration samples", "approved among them", "problems solved by exploration"));
      }
      List<List<String>> rows = new ArrayList<>();
      for (int i = 1; i < v.iterations; i++) {
        int it = i;
        List<String> row = new ArrayList<>(List.of(
            "" + i,
            v.loopSpread(it, LoopStats::samples).plain(0),
            v.loopSpread(it, LoopStats::approved).plain(0),
            v.loopSpread(it, LoopStats::sftExamples).plain(0),
            v.loopSpread(it, LoopStats::pairs).plain(0)));
        for (String s : stages) {
          row.add(v.loopSpread(it, l -> l.stageSeconds().getOrDefault(s, 0.0)).plain(1));
        }
        row.add(v.loopSpread(it, LoopStats::totalSeconds).plain(1));
        if (gated) {
          row.add(v.kept(it));
        }
        if (explored) {
          for (String key : List.of("explored", "samples", "approved", "solved")) {
            row.add(v.loopSpread(it, l -> l.exploration().getOrDefault(key, 0L)).plain(0));
          }
        }
        rows.add(row);
      }
      table("loop", head, rows);
      out.append("</section>\n");
    }

    private void ablations() {
      out.append("<section id=\"ablations\">\n<h2>Ablations</h2>\n");
      if (v.results.ablations().isEmpty()) {
        out.append("<p>No ablation was run.</p>\n</section>\n");
        return;
      }
      int n = 0;
      for (Ablation a : v.results.ablations()) {
        n++;
        out.append("<h3>").append(escape(a.name())).append("</h3>\n<p>").append(escape(a.description())).append("</p>\n<div class=\"charts\">\n");
        Map<String, List<Series>> byMetric = new LinkedHashMap<>();
        int points = 0;
        for (Series s : a.series()) {
          byMetric.computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(s);
          points = Math.max(points, s.perIteration().size());
        }
        for (Map.Entry<String, List<Series>> e : byMetric.entrySet()) {
          String metric = e.getKey();
          boolean percent = metric.contains("accuracy") || metric.contains("share");
          SvgChart chart = new SvgChart(a.name() + ": " + metric, percent);
          int c = 0;
          for (Series s : e.getValue()) {
            chart.line(new SvgChart.Line(s.arm(), s.perIteration(), null, null, c % 2 == 1, SvgChart.COLORS[c++ % SvgChart.COLORS.length]));
          }
          figure(chart, a.name() + ": " + metric);
        }
        out.append("</div>\n");
        List<String> head = new ArrayList<>(List.of("metric", "arm"));
        for (int i = 0; i < points; i++) {
          head.add(i == 0 ? "seed model" : "iteration " + i);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Series s : a.series()) {
          boolean percent = s.metric().contains("accuracy") || s.metric().contains("share");
          List<String> row = new ArrayList<>(List.of(s.metric(), s.arm()));
          for (int i = 0; i < points; i++) {
            row.add(i < s.perIteration().size() ? value(s.perIteration().get(i), percent) : "–");
          }
          rows.add(row);
        }
        table("ablation-" + n, head, rows);
      }
      out.append("</section>\n");
    }

    private void seeds() {
      out.append("<section id=\"seeds\">\n<h2>Each seed</h2>\n");
      List<List<String>> rows = new ArrayList<>();
      for (SeedRun run : v.runs) {
        for (String split : v.splits) {
          for (Metric m : Metric.values()) {
            rows.add(v.row(List.of("" + run.seed(), split, m.label), i -> v.score(run, i, split, null)
                .map(s -> value(m.value.applyAsDouble(s), true) + " of " + s.evaluated()).orElse("–")));
          }
        }
      }
      table("seeds", header("seed", "split", "scored by"), rows);
      out.append("</section>\n");
    }

    private void configuration() {
      out.append("<section id=\"configuration\">\n<h2>Configuration</h2>\n");
      List<List<String>> rows = new ArrayList<>();
      v.results.configuration().forEach((k, val) -> rows.add(List.of(k, val)));
      table("configuration", List.of("setting", "value"), rows);
      out.append("</section>\n");
    }

    private SvgChart.Line band(String label, String split, String group, ToDoubleFunction<Score> metric, boolean dashed, String color) {
      List<Double> mean = new ArrayList<>();
      List<Double> low = new ArrayList<>();
      List<Double> high = new ArrayList<>();
      for (int i = 0; i < v.iterations; i++) {
        Spread s = v.spread(split, group, i, metric);
        mean.add(s.mean());
        low.add(s.min());
        high.add(s.max());
      }
      boolean several = v.runs.size() > 1;
      return new SvgChart.Line(label, mean, several ? low : null, several ? high : null, dashed, color);
    }

    private List<String> header(String... first) {
      List<String> head = new ArrayList<>(List.of(first));
      for (int i = 0; i < v.iterations; i++) {
        head.add(i == 0 ? "seed model" : "iteration " + i);
      }
      return head;
    }

    private void figure(SvgChart chart, String caption) {
      out.append("<figure>").append(chart.render()).append("<figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    private void table(String id, List<String> head, List<List<String>> rows) {
      out.append("<table id=\"t-").append(escape(id)).append("\">\n<thead><tr>");
      for (String h : head) {
        out.append("<th>").append(escape(h)).append("</th>");
      }
      out.append("</tr></thead>\n<tbody>\n");
      for (List<String> row : rows) {
        out.append("<tr>");
        for (String cell : row) {
          out.append("<td>").append(escape(cell)).append("</td>");
        }
        out.append("</tr>\n");
      }
      out.append("</tbody>\n</table>\n");
    }

    private static String value(double v, boolean percent) {
      if (Double.isNaN(v)) {
        return "–";
      }
      return percent ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : SvgChart.format(v);
    }
  }

  private static final String CSS =
      "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#222;max-width:1180px;margin:24px auto;padding:0 20px}\n"
          + "h1{font-size:26px;margin:0 0 6px}h2{font-size:20px;margin:28px 0 8px;border-bottom:1px solid #e3e3e3;padding-bottom:4px}h3{font-size:16px;margin:18px 0 4px}\n"
          + ".lead{color:#444}.verdict li{margin:4px 0}\n"
          + "table{border-collapse:collapse;margin:10px 0 16px;font-size:13px}th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}\n"
          + "th{background:#f6f7f9;font-weight:600}th:first-child,td:first-child,td:nth-child(2),th:nth-child(2){text-align:left}tbody tr:hover{background:#fafbff}\n"
          + ".charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0;border:1px solid #eee;border-radius:6px;padding:6px}figcaption{font-size:12px;color:#666;text-align:center}\n"
          + "svg.chart{max-width:100%;height:auto;font-family:inherit}footer{margin:32px 0 8px;color:#777;font-size:12px}\n";
}
