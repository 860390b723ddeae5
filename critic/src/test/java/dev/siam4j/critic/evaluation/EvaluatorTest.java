package dev.siam4j.critic.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.TestSandbox;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Equivalence;
import dev.siam4j.critic.export.CriticDataset;
import dev.siam4j.critic.export.CriticExample;
import dev.siam4j.critic.llm.CriticPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generator (scripted) → extraction → real python3 → rules and a cascade critic. */
final class EvaluatorTest {
  private static final Map<String, List<String>> SCRIPT =
      Map.of(
          "A", List.of("```python\nprint(2 + 2)\n```", "```python\nprint(4.0)\n```", "```python\nprint(5)\n```"),
          "B", List.of("```python\nprint(1/3)\n```", "```python\nprint('1/2')\n```", "I do not know."),
          "C", List.of("```python\nprint(24)\n```", "```python\nprint(24)\n```", "```python\nprint(24)\n```"));

  private static final Generator SCRIPTED =
      request -> {
        String text = request.prompt().flatten();
        String id = text.contains("Question A") ? "A" : text.contains("Question B") ? "B" : "C";
        List<Completion> out = new ArrayList<>();
        for (int i = 0; i < request.samples(); i++) {
          out.add(new Completion(SCRIPT.get(id).get(i), Completion.FinishReason.STOP, 5, 5));
        }
        return out;
      };

  /** Says YES to everything: decides what the rules leave open. */
  private static final Critic YES = r -> Verdict.of(true, 0.9, "llm", "stand-in");

  private static List<Problem> problems() {
    return List.of(
        Problem.of("a", "Question A: 2+2?", "4", "gsm8k"),
        Problem.of("b", "Question B: half?", "\\frac{1}{2}", "math"),
        Problem.of("c", "Question C: 4!?", "gamma(5)", "math"));
  }

  private Evaluation run() {
    return Evaluator.builder()
        .generator(SCRIPTED)
        .executor(TestSandbox.shared())
        .samplesPerProblem(3)
        .critic(Critics.cascade(AnswerEquivalence.rules(), YES))
        .build()
        .evaluate(problems());
  }

  @Test
  void evaluate_scoresRulesAndCriticSideBySide(@TempDir Path dir) throws Exception {
    Evaluation e = run();
    assertThat(e.samples()).hasSize(9);
    assertThat(e.samples()).extracting(ScoredSample::rules).containsExactly(
        Equivalence.EQUAL, Equivalence.EQUAL, Equivalence.NOT_EQUAL,
        Equivalence.NOT_EQUAL, Equivalence.EQUAL, Equivalence.NOT_EQUAL,
        Equivalence.UNKNOWN, Equivalence.UNKNOWN, Equivalence.UNKNOWN);
    EvaluationReport r = e.report();
    assertThat(r.samplesPerProblem()).isEqualTo(3);
    Metrics all = r.overall();
    assertThat(all.problems()).isEqualTo(3);
    assertThat(all.rules().accuracy()).isEqualTo(1.0 / 3);
    assertThat(all.critic().accuracy()).isEqualTo(2.0 / 3);
    assertThat(all.rules().passAt1()).isCloseTo((2.0 / 3 + 1.0 / 3) / 3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(all.rules().majAtK()).isEqualTo(1.0 / 3);
    assertThat(all.critic().majAtK()).isEqualTo(2.0 / 3);
    assertThat(all.agreement()).isEqualTo(new Metrics.Agreement(3, 0, 0, 3, 3, 0));
    assertThat(r.bySource()).containsOnlyKeys("gsm8k", "math");
    java.util.Map<String, Metrics> reversed = new java.util.LinkedHashMap<>();
    reversed.put("zeta", all);
    reversed.put("alpha", all);
    assertThat(new EvaluationReport(r.samplesPerProblem(), all, reversed).bySource().keySet())
        .as("sources sorted by name").containsExactly("alpha", "zeta");
    assertThat(r.bySource().get("math").critic().accuracy()).isEqualTo(0.5);

    JsonNode json = Json.mapper().readTree(r.toJson());
    assertThat(json.at("/overall/critic/accuracy").asDouble()).isEqualTo(2.0 / 3);
    assertThat(r.toMarkdown())
        .contains("| source | problems | samples | rule acc | critic acc")
        .contains("| **all** | 3 | 9 | 33.3% | 66.7% |")
        .contains("| UNKNOWN | 3 | 0 |");

    List<CriticExample> examples = CriticDataset.fromScored(e.samples(), CriticPrompts.english(), 0.5);
    Path file = dir.resolve("critic/train.jsonl");
    assertThat(CriticDataset.write(examples, file)).isEqualTo(9);
    List<String> lines = Files.readAllLines(file);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertThat(first.get("question").asText()).isEqualTo("Question A: 2+2?");
    assertThat(first.get("reference").asText()).isEqualTo("4");
    assertThat(first.get("code").asText()).isEqualTo("print(2 + 2)\n");
    assertThat(first.get("output").asText()).isEqualTo("4");
    assertThat(first.get("label").asBoolean()).isTrue();
    assertThat(first.get("completion").asText()).isEqualTo("YES");
    assertThat(first.get("prompt").asText()).contains("Question A: 2+2?", "print(2 + 2)");
    JsonNode noProgram = Json.mapper().readTree(lines.get(5));
    assertThat(noProgram.get("output").asText()).contains("[ERROR]");
  }

  @Test
  void export_leavesUnsureVerdictsOut() {
    CritiqueRequest r = dev.siam4j.critic.Requests.printed("p", "5", "5");
    ScoredSample unsure = new ScoredSample(r.problem(), 0, r.code(), r.execution(), Equivalence.UNKNOWN, Verdict.of(false, 0.5, "rules", "undecided"));
    ScoredSample sure = new ScoredSample(r.problem(), 1, r.code(), r.execution(), Equivalence.EQUAL, Verdict.of(true, "rules"));
    assertThat(CriticDataset.fromScored(List.of(unsure, sure), CriticPrompts.english(), 0.2)).hasSize(1);
    assertThatThrownBy(() -> CriticDataset.fromScored(List.of(), CriticPrompts.english(), 0.7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minConfidence must be in [0, 0.5], was 0.7");
  }

  @Test
  void evaluate_withoutGenerator_pointsToScore() {
    assertThatThrownBy(() -> Evaluator.builder().build().evaluate(problems()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("evaluate(problems) needs a generator and an executor; use score(samples) for executed samples");
  }
}
