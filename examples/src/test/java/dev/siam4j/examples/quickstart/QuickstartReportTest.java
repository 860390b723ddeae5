package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.loop.IterationMetrics;
import dev.siam4j.core.loop.PolicyGate;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.core.loop.TrainingStepMetrics;
import dev.siam4j.examples.quickstart.QuickstartResults.IterationResult;
import dev.siam4j.examples.quickstart.QuickstartResults.LoopStats;
import dev.siam4j.examples.quickstart.QuickstartResults.Score;
import dev.siam4j.examples.quickstart.QuickstartResults.SeedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class QuickstartReportTest {
  private static final QuickstartResults THREE_SEEDS = SampleResults.of(3, 3);

  @Test
  void reportIsOneValidDocumentWithItsSectionsTablesAndCharts() {
    String html = QuickstartReport.html(THREE_SEEDS);
    Parser parser = Parser.htmlParser().setTrackErrors(50);
    Document doc = Jsoup.parse(html, "", parser);
    assertThat(parser.getErrors()).isEmpty();
    assertThat(doc.title()).isEqualTo("siam4j quickstart <sample>");
    assertThat(doc.select("section").eachAttr("id"))
        .containsExactly("verdict", "accuracy", "groups", "types", "lengths", "loop", "ablations", "seeds", "configuration");
    // accuracy x2 splits, groups x2, lengths, ablation charts 1 + 2 + 1
    assertThat(doc.select("svg.chart")).hasSize(9);
    assertThat(doc.select("table")).hasSize(10);
    for (Element svg : doc.select("svg.chart")) {
      assertThat(svg.select("polyline.series")).isNotEmpty();
    }
    assertThat(doc.select("#accuracy svg.chart").first().select("polygon.band")).hasSize(3);
  }

  @Test
  void accuracyTableShowsMeanAndMinMaxAcrossSeeds() {
    Document doc = Jsoup.parse(QuickstartReport.html(THREE_SEEDS));
    List<String> header = doc.select("#t-accuracy thead th").eachText();
    assertThat(header).containsExactly("split", "scored by", "seed model", "iteration 1", "iteration 2", "iteration 3");
    Element critic = row(doc, "#t-accuracy", "test-id", "critic");
    // test-id seen: 40% + 15 per iteration + seed noise 0,1,2 points -> mean 41%, min 40, max 42
    assertThat(critic.select("td").eachText())
        .containsExactly("test-id", "critic", "41.0% (40.0–42.0)", "56.0% (55.0–57.0)", "71.0% (70.0–72.0)", "86.0% (85.0–87.0)");
  }

  @Test
  void groupsTableKeepsNewTypesApartAndReportsTheGroundedShare() {
    Document doc = Jsoup.parse(QuickstartReport.html(THREE_SEEDS));
    assertThat(row(doc, "#t-groups", "test-ood", "new").select("td").eachText())
        .containsExactly("test-ood", "new", "grounded accuracy", "1.0%", "1.0%", "1.0%", "1.0%");
    assertThat(doc.select("#t-groups tbody tr").eachText())
        .anyMatch(t -> t.startsWith("test-id seen grounded share of correct"));
  }

  @Test
  void verdictComparesTheRiseWithTheSpreadAcrossSeeds() {
    Document doc = Jsoup.parse(QuickstartReport.html(THREE_SEEDS));
    assertThat(doc.select("#verdict li").eachText())
        .containsExactly(
            "test-id: grounded accuracy 38.7% (seed model) → 81.5% (iteration 3), +42.8 points; spread across 3 seeds up to 2.0 points: the rise is larger than the spread.",
            "test-ood: grounded accuracy 15.0% (seed model) → 29.2% (iteration 3), +14.2 points; spread across 3 seeds up to 1.0 points: the rise is larger than the spread.",
            "test-ood new: grounded accuracy 1.0% → 1.0%, +0.0 points (spread across seeds up to 0.0)");
  }

  @Test
  void loopAndAblationTablesCarryTheirNumbers() {
    Document doc = Jsoup.parse(QuickstartReport.html(THREE_SEEDS));
    assertThat(doc.select("#t-loop thead th").eachText())
        .containsExactly("iteration", "samples", "approved", "SFT examples", "pairs", "generate (s)", "execute (s)", "critique (s)", "build data (s)", "train (s)", "total (s)");
    assertThat(doc.select("#t-loop tbody tr").first().select("td").eachText())
        .containsExactly("1", "3000", "1000", "790", "410", "121.0", "20.0", "15.5", "1.5", "60.0", "218.0");
    assertThat(doc.select("#ablations h3").eachText()).containsExactly("Rule-only filtering vs cascade", "DPO vs DPO+NLL", "Grounding filter");
    assertThat(row(doc, "#t-ablation-2", "mean response tokens", "DPO").select("td").eachText())
        .containsExactly("mean response tokens", "DPO", "44", "53", "62", "71");
  }

  @Test
  void reportFetchesNothing() {
    Document doc = Jsoup.parse(QuickstartReport.html(THREE_SEEDS));
    assertThat(doc.select("[src], link, img, iframe, object, embed")).isEmpty();
    assertThat(doc.select("a[href]")).isEmpty();
    assertThat(doc.select("script").outerHtml()).doesNotContain("http", "fetch", "XMLHttpRequest");
    assertThat(doc.select("style").html()).doesNotContain("url(", "@import");
  }

  @Test
  void textIsEscaped() {
    String html = QuickstartReport.html(THREE_SEEDS);
    assertThat(html).contains("<title>siam4j quickstart &lt;sample&gt;</title>").doesNotContain("<sample>");
  }

  @Test
  void oneSeedOneIteration_stillRenders_andSaysNoSpreadWasMeasured() {
    QuickstartResults one = SampleResults.of(1, 1);
    Document doc = Jsoup.parse(QuickstartReport.html(one));
    assertThat(doc.select("svg.chart")).isNotEmpty();
    assertThat(doc.select("polygon.band")).isEmpty();
    assertThat(doc.select("#verdict li").first().text()).endsWith("38.0% (seed model) → 52.0% (iteration 1), +14.0 points; one seed, so no spread across seeds was measured.");
  }

  @Test
  void seedModelOnly_saysThereIsNothingToCompare() {
    QuickstartResults seedOnly =
        new QuickstartResults(
            "t", Map.of(),
            List.of(new SeedRun(1, List.of(new IterationResult(0, List.of(new Score("test-id", "seen", 10, 3, 4, 4, 40)), Optional.empty())))),
            List.of());
    Document doc = Jsoup.parse(QuickstartReport.html(seedOnly));
    assertThat(doc.select("#verdict li").eachText()).containsExactly("test-id: only the seed model was evaluated; nothing to compare.");
    assertThat(doc.select("#loop p").text()).isEqualTo("No iteration of the loop ran.");
    assertThat(doc.select("#ablations p").text()).isEqualTo("No ablation was run.");
  }

  @Test
  void summaryIsAnAlignedTableWithTheVerdicts() {
    String summary = QuickstartReport.summary(THREE_SEEDS);
    List<String> lines = summary.lines().toList();
    assertThat(lines.get(0)).isEqualTo("siam4j quickstart <sample> — 3 seeds, mean (min–max) across seeds");
    assertThat(lines.get(1)).startsWith("split     group       scored    ").contains("seed model", "iteration 3");
    assertThat(lines).contains("test-id   all         critic    41.0% (40.0–42.0)  56.0% (55.0–57.0)  71.0% (70.0–72.0)  86.0% (85.0–87.0)");
    assertThat(lines).anyMatch(l -> l.startsWith("test-ood  new         grounded") && l.endsWith("  1.0%"));
    assertThat(lines).anyMatch(l -> l.startsWith("test-ood: grounded accuracy 15.0% (seed model) → 29.2%"));
    assertThat(lines).contains("iteration  samples  approved  SFT  pairs  seconds", "1             3000      1000  790    410    218.0");
  }

  @Test
  void writeWritesReportAndMetricsThatReadBack(@TempDir Path dir) throws Exception {
    Path report = QuickstartReport.write(THREE_SEEDS, dir.resolve("run"));
    assertThat(report).isEqualTo(dir.resolve("run/report.html"));
    assertThat(Files.readString(report)).isEqualTo(QuickstartReport.html(THREE_SEEDS));
    QuickstartResults back = QuickstartResults.read(dir.resolve("run/metrics.json"));
    assertThat(back).isEqualTo(THREE_SEEDS);
    assertThat(QuickstartReport.html(back)).isEqualTo(QuickstartReport.html(THREE_SEEDS));
  }

  @Test
  void loopStatsFromTheLoopsMetricsNameStagesInOrder() {
    IterationMetrics m =
        new IterationMetrics(
            1, 10, 50, 48, Map.of(Outcome.OK, 40L), 20, 0.4, 0.7, Map.of(), 18, 6, Map.of(), Map.of(),
            Map.of(Stage.TRAIN, 3.0, Stage.GENERATE, 5.0, Stage.BUILD_DATA, 0.5), List.of(), Optional.empty());
    LoopStats stats = LoopStats.from(m);
    assertThat(stats.samples()).isEqualTo(50);
    assertThat(stats.approved()).isEqualTo(20);
    assertThat(stats.sftExamples()).isEqualTo(18);
    assertThat(stats.pairs()).isEqualTo(6);
    assertThat(stats.stageSeconds().keySet()).containsExactly("generate", "build data", "train");
    assertThat(stats.totalSeconds()).isEqualTo(8.5);
  }

  /**
   * With a policy gate, the loop tables say per iteration how many seeds kept the model it trained;
   * the gate's numbers come from the loop's training metrics and survive metrics.json.
   */
  @Test
  void aGatedLoopShowsHowManySeedsKeptEachIterationsModel(@TempDir Path dir) throws Exception {
    IterationMetrics rejected =
        new IterationMetrics(
            2, 10, 50, 48, Map.of(Outcome.OK, 40L), 20, 0.4, 0.7, Map.of(), 18, 6, Map.of(), Map.of(),
            Map.of(Stage.TRAIN, 3.0), List.of(new TrainingStepMetrics(0, Algorithm.SFT, Map.of("loss", 0.3))),
            Optional.of(new PolicyGate.Decision(false, Map.of("current", 0.41, "candidate", 0.39), "worse")));
    LoopStats no = LoopStats.from(rejected);
    assertThat(no.kept()).contains(false);
    assertThat(no.gate()).containsOnlyKeys("accepted", "current", "candidate").containsEntry("candidate", 0.39);
    LoopStats yes = new LoopStats(50, 20, 18, 6, Map.of("train", 3.0), Map.of("accepted", 1.0, "current", 0.4, "candidate", 0.41));
    QuickstartResults base = SampleResults.of(2, 2);
    List<SeedRun> runs = new java.util.ArrayList<>();
    for (SeedRun run : base.runs()) {
      List<IterationResult> its = new java.util.ArrayList<>();
      for (IterationResult r : run.iterations()) {
        // the first seed's gate turned down iteration 2's model; every other model was kept
        LoopStats stats = r.iteration() == 2 && run.seed() == base.runs().get(0).seed() ? no : yes;
        its.add(new IterationResult(r.iteration(), r.scores(), r.iteration() == 0 ? Optional.empty() : Optional.of(stats)));
      }
      runs.add(new SeedRun(run.seed(), its));
    }
    QuickstartResults gated = new QuickstartResults(base.title(), base.configuration(), runs, base.ablations());

    assertThat(QuickstartReport.summary(gated).lines().toList())
        .anyMatch(l -> l.startsWith("iteration  samples") && l.endsWith("model kept"))
        .anyMatch(l -> l.startsWith("1 ") && l.endsWith("2 of 2"))
        .anyMatch(l -> l.startsWith("2 ") && l.endsWith("1 of 2"));
    Document doc = Jsoup.parse(QuickstartReport.html(gated));
    assertThat(doc.select("#t-loop thead th").eachText()).last().isEqualTo("model kept by the gate");
    assertThat(doc.select("#t-loop tbody tr").get(1).select("td").eachText()).last().isEqualTo("1 of 2");
    QuickstartReport.write(gated, dir);
    assertThat(QuickstartResults.read(dir.resolve("metrics.json"))).isEqualTo(gated);
    // without a gate there is no such column
    assertThat(QuickstartReport.summary(base)).doesNotContain("model kept");
  }

  /**
   * Reachable new types are their own group, the seed model's pass@k stands beside each type, and
   * exploration's counts join the loop table; all of it survives metrics.json.
   */
  @Test
  void reachableTypesShowAsTheirOwnGroupWithTheSeedModelsPassAtK(@TempDir Path dir) throws Exception {
    QuickstartResults base = SampleResults.of(2, 2);
    List<SeedRun> runs = new java.util.ArrayList<>();
    for (SeedRun run : base.runs()) {
      List<IterationResult> its = new java.util.ArrayList<>();
      for (IterationResult r : run.iterations()) {
        List<QuickstartResults.Score> scores = new java.util.ArrayList<>(r.scores());
        // reachable: 2% for the seed model, then 8 points per iteration
        long right = 2 + 8L * r.iteration();
        scores.add(new QuickstartResults.Score("test-ood", "reachable", 100, right, right, right, 30));
        Optional<LoopStats> loop = r.loop().map(l -> new LoopStats(l.samples(), l.approved(), l.sftExamples(), l.pairs(),
            l.stageSeconds(), Map.of(), Map.of("explored", 300L, "samples", 4800L, "approved", 90L, "solved", 40L + r.iteration())));
        its.add(new IterationResult(r.iteration(), scores, loop));
      }
      runs.add(new SeedRun(run.seed(), its));
    }
    List<QuickstartResults.TypePassAtK> types = List.of(
        new QuickstartResults.TypePassAtK("percentages.of-sum", "reachable", "en", 6, 64, 0.7, 0.02, 0.09, 0.5),
        new QuickstartResults.TypePassAtK("counting.arrange", "new", "zh", 6, 64, 0.7, 0, 0, 0));
    QuickstartResults results = new QuickstartResults(base.title(), base.configuration(), runs, base.ablations(), types);

    String summary = QuickstartReport.summary(results);
    assertThat(summary.lines().toList())
        .anyMatch(l -> l.matches("test-ood\\s+reachable\\s+grounded\\s+2\\.0%\\s+10\\.0%\\s+18\\.0%"))
        .anyMatch(l -> l.startsWith("test-ood reachable: grounded accuracy 2.0% → 18.0%, +16.0 points"))
        .anyMatch(l -> l.matches("reachable\\s+percentages\\.of-sum\\s+en\\s+6\\s+2\\.0%\\s+9\\.0%\\s+50\\.0%"))
        .anyMatch(l -> l.startsWith("iteration  samples") && l.endsWith("explored  solved so"))
        .contains("pass@64 = 0, so no self-training on these samples can learn them: counting.arrange (zh).");
    Document doc = Jsoup.parse(QuickstartReport.html(results));
    assertThat(row(doc, "#t-groups", "test-ood", "reachable").select("td").eachText())
        .containsExactly("test-ood", "reachable", "grounded accuracy", "2.0%", "10.0%", "18.0%");
    assertThat(doc.select("#t-types tbody tr").get(0).select("td").eachText())
        .containsExactly("reachable", "percentages.of-sum", "en", "6", "2.0%", "9.0%", "50.0%");
    assertThat(doc.select("#t-loop thead th").eachText()).endsWith("problems solved by exploration");
    assertThat(doc.select("#t-loop tbody tr").get(1).select("td").eachText()).last().isEqualTo("42");
    QuickstartReport.write(results, dir);
    assertThat(QuickstartResults.read(dir.resolve("metrics.json"))).isEqualTo(results);
    assertThat(Files.readString(dir.resolve("metrics.json"))).contains("\"seedPassAtK\"", "\"passAt5\" : 0.09");
  }

  @Test
  void passAtKIsTheUnbiasedEstimate() {
    assertThat(TypeReach.passAt(64, 0, 5)).isEqualTo(0.0);
    assertThat(TypeReach.passAt(64, 64, 5)).isEqualTo(1.0);
    assertThat(TypeReach.passAt(64, 1, 1)).isCloseTo(1.0 / 64, org.assertj.core.data.Offset.offset(1e-12));
    // one correct in 64: 5 samples hold it with chance 5/64
    assertThat(TypeReach.passAt(64, 1, 5)).isCloseTo(5.0 / 64, org.assertj.core.data.Offset.offset(1e-12));
    // 1 - C(62, 5) / C(64, 5)
    assertThat(TypeReach.passAt(64, 2, 5)).isCloseTo(1 - (59.0 * 58) / (64.0 * 63), org.assertj.core.data.Offset.offset(1e-12));
    assertThatThrownBy(() -> TypeReach.passAt(4, 1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 0 < j <= n and 0 <= c <= n, were n 4, c 1, j 5");
  }

  @Test
  void scoresRejectImpossibleCounts() {
    assertThatThrownBy(() -> new Score("test-id", "seen", 10, 11, 3, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("correct answers cannot outnumber the 10 evaluated");
    assertThatThrownBy(() -> new Score("test-id", "seen", 10, 3, 3, 4, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("groundedCorrect (4) cannot exceed criticCorrect (3)");
    assertThatThrownBy(() -> new QuickstartResults("t", Map.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runs must not be empty");
  }

  private static Element row(Document doc, String table, String first, String second) {
    return doc.select(table + " tbody tr").stream()
        .filter(tr -> tr.child(0).text().equals(first) && tr.child(1).text().equals(second))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + first + " / " + second + " in " + table));
  }
}
