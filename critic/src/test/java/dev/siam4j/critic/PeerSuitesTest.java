package dev.siam4j.critic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Comparison;
import dev.siam4j.critic.equivalence.Equivalence;
import dev.siam4j.critic.extraction.FinalAnswerExtractor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the rules on the public test cases of three peer graders (see
 * {@code resources/dev/siam4j/critic/peers/README.md}): math-verify's through answer extraction
 * (its cases are mostly solution texts), Qwen2.5-Math's and NeMo-Skills' (both argument orders)
 * directly. A missing side is judged as {@code siam4j judge} judges it: never EQUAL.
 */
final class PeerSuitesTest {
  private static final Logger LOG = LoggerFactory.getLogger(PeerSuitesTest.class);

  record Case(String id, String reference, String prediction, boolean equal, String quirk) {}

  record Score(int agreed, int quirks, int total, List<String> misses, List<String> staleQuirks) {
    double raw() {
      return (double) agreed / total;
    }

    double withQuirks() {
      return (double) (agreed + quirks) / total;
    }
  }

  static List<Case> suite(String name) throws IOException {
    List<Case> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        PeerSuitesTest.class.getResourceAsStream("/dev/siam4j/critic/peers/" + name), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.mapper().readTree(line);
        out.add(new Case(n.get("id").asText(), text(n, "reference"), text(n, "prediction"),
            n.get("equal").asBoolean(), n.has("quirk") ? n.get("quirk").asText() : null));
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Score score(List<Case> cases, AnswerEquivalence eq) {
    int agreed = 0;
    int quirks = 0;
    List<String> misses = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (Case c : cases) {
      Equivalence got = c.reference() == null || c.prediction() == null
          ? Equivalence.NOT_EQUAL
          : eq.compare(c.reference(), c.prediction()).result();
      boolean agrees = got == (c.equal() ? Equivalence.EQUAL : Equivalence.NOT_EQUAL);
      if (agrees) {
        agreed++;
        if (c.quirk() != null) {
          stale.add(c.id());
        }
      } else if (c.quirk() != null) {
        quirks++;
      } else {
        misses.add(c.id() + ": expected " + (c.equal() ? "EQUAL" : "NOT_EQUAL") + ", got " + got);
      }
    }
    return new Score(agreed, quirks, cases.size(), misses, stale);
  }

  private static Score report(String suite, Score s) {
    LOG.info("peer suite {}: {} cases, agreement {} ({} of {}); counting the {} marked peer quirks as met {}",
        suite, s.total(), String.format("%.3f", s.raw()), s.agreed(), s.total(), s.quirks(),
        String.format("%.3f", s.withQuirks()));
    s.misses().forEach(m -> LOG.info("{} miss: {}", suite, m));
    return s;
  }

  @Test
  void mathVerifySuite_throughExtraction_scoresAtLeast95Percent() throws IOException {
    List<Case> cases = suite("math-verify.jsonl");
    AnswerEquivalence eq = FinalAnswerExtractor.standard().wrap(AnswerEquivalence.rules());
    Score all = report("math-verify (all files)", score(cases, eq));
    List<Case> testAll = cases.stream().filter(c -> c.id().startsWith("test_")).toList();
    Score main = report("math-verify (tests/test_all.py)", score(testAll, eq));
    assertThat(cases).hasSize(354);
    assertThat(testAll).hasSize(210);
    assertThat(all.staleQuirks()).as("cases marked as quirks that siam4j agrees with").isEmpty();
    assertThat(main.withQuirks()).as("misses: %s", main.misses()).isGreaterThanOrEqualTo(0.95);
    // the other test files (numina, open_thoughts, yujianll, strict, mixed numbers, failed LaTeX spans)
    assertThat(all.withQuirks()).as("misses: %s", all.misses()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void qwenMathSuite_scoresAtLeast94Percent() throws IOException {
    List<Case> cases = suite("qwen25-math.jsonl");
    Score s = report("qwen2.5-math", score(cases, AnswerEquivalence.rules()));
    assertThat(cases).hasSize(17);
    assertThat(s.staleQuirks()).isEmpty();
    assertThat(s.withQuirks()).as("misses: %s", s.misses()).isGreaterThanOrEqualTo(0.94);
  }

  @Test
  void nemoSkillsSuite_bothArgumentOrders_scoresAtLeast95Percent() throws IOException {
    List<Case> cases = suite("nemo-skills.jsonl");
    Score s = report("nemo-skills", score(cases, AnswerEquivalence.rules()));
    assertThat(cases).hasSize(80);
    assertThat(s.staleQuirks()).isEmpty();
    assertThat(s.withQuirks()).as("misses: %s", s.misses()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void extractedAnswers_keepTheirEvidence() {
    Comparison c = FinalAnswerExtractor.standard().wrap(AnswerEquivalence.rules())
        .compare("$2-2p$", "Thus $x-p=\\boxed{2-2p}$.");
    assertThat(c.result()).isEqualTo(Equivalence.EQUAL);
    assertThat(c.reason()).contains("prediction's answer '2-2p' by BOXED at 17..21");
  }
}
