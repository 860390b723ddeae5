package dev.siam4j.critic.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.critic.TestSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the labelled set (equivalence-cases.jsonl: English and Chinese, every category and trap)
 * through the rules with the symbolic fallback on real python3 + sympy, and reports accuracy.
 */
final class LabelledCasesTest {
  private static final Logger LOG = LoggerFactory.getLogger(LabelledCasesTest.class);

  record Case(int id, String category, String lang, String reference, String prediction, boolean equal) {}

  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                LabelledCasesTest.class.getResourceAsStream("/dev/siam4j/critic/equivalence-cases.jsonl"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.mapper().readTree(line);
        out.add(
            new Case(
                n.get("id").asInt(),
                n.get("category").asText(),
                n.get("lang").asText(),
                n.get("reference").asText(),
                n.get("prediction").asText(),
                n.get("equal").asBoolean()));
      }
    }
    return out;
  }

  /** The whole set, symbolic cases included, with sympy on real python3 (a few processes). */
  @Test
  @Tag("slow")
  void labelledSet_rulesWithSympy_reachAtLeast99Percent() throws IOException {
    AnswerEquivalence eq =
        AnswerEquivalence.builder()
            .symbolic(TestSandbox.shared())
            .symbolicTimeout(Duration.ofSeconds(10))
            .build();
    score(cases(), eq, "rules+sympy");
  }

  /** Every case meant for the rules (all but category "symbolic"), rules alone, no Python. */
  @Test
  void labelledSet_rulesAlone_reachAtLeast99PercentOfRuleCases() throws IOException {
    List<Case> cases = cases().stream().filter(c -> !c.category().equals("symbolic")).toList();
    score(cases, AnswerEquivalence.rules(), "rules");
  }

  private static void score(List<Case> cases, AnswerEquivalence eq, String name) {
    List<String> failures = new ArrayList<>();
    Map<String, int[]> byCategory = new TreeMap<>();
    int correct = 0;
    int byRules = 0;
    int bySympy = 0;
    for (Case c : cases) {
      Comparison r = eq.compare(c.reference(), c.prediction());
      boolean ok = r.result() == (c.equal() ? Equivalence.EQUAL : Equivalence.NOT_EQUAL);
      int[] counts = byCategory.computeIfAbsent(c.category(), k -> new int[2]);
      counts[1]++;
      if (ok) {
        correct++;
        counts[0]++;
      } else {
        failures.add("#" + c.id() + " [" + c.category() + "] '" + c.reference() + "' vs '" + c.prediction()
            + "': expected " + (c.equal() ? "EQUAL" : "NOT_EQUAL") + ", got " + r);
      }
      if (r.method().equals("rules")) {
        byRules++;
      } else if (r.method().equals("sympy")) {
        bySympy++;
      }
    }
    double accuracy = (double) correct / cases.size();
    LOG.info("labelled set, {}: {} cases, accuracy {} ({} decided by rules, {} by sympy); per category {}",
        name, cases.size(), String.format("%.4f", accuracy), byRules, bySympy, summary(byCategory));
    assertThat(accuracy).as("accuracy; failures:%n%s", String.join("\n", failures)).isGreaterThanOrEqualTo(0.99);
    failures.forEach(f -> LOG.info("miss: {}", f));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    assertThat(cases.stream().filter(c -> c.lang().equals("zh")).count()).isGreaterThanOrEqualTo(50);
  }

  private static String summary(Map<String, int[]> byCategory) {
    StringBuilder b = new StringBuilder();
    byCategory.forEach((k, v) -> b.append(k).append(' ').append(v[0]).append('/').append(v[1]).append(", "));
    return b.toString();
  }
}
