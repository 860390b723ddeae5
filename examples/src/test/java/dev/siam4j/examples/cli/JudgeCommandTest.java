package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.jsonl.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code siam4j judge} through the command line; the symbolic case runs sympy in the real sandbox. */
final class JudgeCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String l : out.split("\n")) {
        if (!l.isBlank()) {
          nodes.add(Json.mapper().readTree(l));
        }
      }
      return nodes;
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void rulesOnly_writesOneVerdictPerLineAndASummary() throws Exception {
    Path in = Files.writeString(dir.resolve("cases.jsonl"),
        "{\"id\": \"a\", \"reference\": \"x = 2 or x = -2\", \"prediction\": \"[-2, 2]\", \"question\": \"Solve x^2=4\"}\n"
            + "{\"reference\": \"\\\\frac{3}{4}\", \"prediction\": \"0.7\"}\n"
            + "{\"reference\": \"gamma(5)\", \"prediction\": \"24\", \"code\": \"print(24)\"}\n");
    Run r = run("judge", "--input", in.toString(), "--no-symbolic");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).path("id").asText()).isEqualTo("a");
    assertThat(lines.get(0).path("result").asText()).isEqualTo("EQUAL");
    assertThat(lines.get(0).path("correct").asBoolean()).isTrue();
    assertThat(lines.get(0).path("judge").asText()).isEqualTo("rules");
    assertThat(lines.get(1).path("id").asText()).isEqualTo("2");
    assertThat(lines.get(1).path("result").asText()).isEqualTo("NOT_EQUAL");
    assertThat(lines.get(2).path("result").asText()).isEqualTo("UNKNOWN");
    assertThat(lines.get(2).path("confidence").asDouble()).isEqualTo(0.5);
    assertThat(r.err().strip()).isEqualTo("judged 3: 1 equal, 1 not equal, 1 unknown (0 by sympy)");
  }

  @Test
  void symbolic_decidesWhatRulesCannot_andWritesToOutput() throws Exception {
    Path in = Files.writeString(dir.resolve("cases.jsonl"),
        "{\"reference\": \"gamma(5)\", \"prediction\": \"24\"}\n");
    Path out = dir.resolve("v/verdicts.jsonl");
    Run r = run("judge", "--input", in.toString(), "--output", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode line = Json.mapper().readTree(Files.readAllLines(out).get(0));
    assertThat(line.path("result").asText()).isEqualTo("EQUAL");
    assertThat(line.path("judge").asText()).isEqualTo("sympy");
    assertThat(r.err().strip()).isEqualTo("judged 1: 1 equal, 0 not equal, 0 unknown (1 by sympy)");
  }

  /** Real llama.cpp on a generated model that answers YES to everything, as the LLM critic. */
  @Test
  void model_decidesWhatRulesLeaveOpen(@TempDir Path models) throws Exception {
    Path model = dev.siam4j.core.gguf.LlamaModelFactory.writeAnswering("YES", models.resolve("judge.gguf"));
    Path in = Files.writeString(dir.resolve("cases.jsonl"),
        "{\"reference\": \"gamma(5)\", \"prediction\": \"24\", \"question\": \"What is 4!?\", \"code\": \"print(24)\"}\n"
            + "{\"reference\": \"5\", \"prediction\": \"6\"}\n");
    Run r = run("judge", "--input", in.toString(), "--no-symbolic", "--model", model.toString(), "--critic-votes", "3");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> lines = r.lines();
    assertThat(lines.get(0).path("result").asText()).isEqualTo("UNKNOWN");
    assertThat(lines.get(0).path("judge").asText()).isEqualTo("llm");
    assertThat(lines.get(0).path("correct").asBoolean()).isTrue();
    assertThat(lines.get(0).path("confidence").asDouble()).isEqualTo(1.0);
    assertThat(lines.get(0).path("rationale").asText()).isEqualTo("3 of 3 votes YES");
    assertThat(lines.get(1).path("judge").asText()).isEqualTo("rules");
    assertThat(lines.get(1).path("correct").asBoolean()).isFalse();
    assertThat(r.err().strip())
        .isEqualTo("judged 2: 0 equal, 1 not equal, 1 unknown (0 by sympy, 1 by the LLM critic)");
  }

  @Test
  void missingOrNullPrediction_isNotEqualWithTheReason_andTheRunGoesOn() throws Exception {
    Path in = Files.writeString(dir.resolve("cases.jsonl"),
        "{\"reference\": \"1\"}\n"
            + "{\"reference\": \"2\", \"prediction\": null}\n"
            + "{\"reference\": \"3\", \"prediction\": \"3.0\"}\n");
    Run r = run("judge", "--input", in.toString(), "--no-symbolic");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).path("result").asText()).isEqualTo("NOT_EQUAL");
    assertThat(lines.get(0).path("rationale").asText()).isEqualTo("missing prediction");
    assertThat(lines.get(1).path("result").asText()).isEqualTo("NOT_EQUAL");
    assertThat(lines.get(1).path("correct").asBoolean()).isFalse();
    assertThat(lines.get(2).path("result").asText()).isEqualTo("EQUAL");
    assertThat(r.err().strip()).isEqualTo("judged 3: 1 equal, 2 not equal, 0 unknown (0 by sympy)");
  }

  @Test
  void aTracebackAsThePrediction_isNotEqual() throws Exception {
    Path in = Files.writeString(dir.resolve("cases.jsonl"), Json.toLine(java.util.Map.of("reference", "12",
        "prediction", "Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\n"
            + "ZeroDivisionError: division by zero")) + "\n");
    Run r = run("judge", "--input", in.toString(), "--no-symbolic");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode line = r.lines().get(0);
    assertThat(line.path("result").asText()).isEqualTo("NOT_EQUAL");
    assertThat(line.path("rationale").asText()).isEqualTo("the prediction is an error message");
  }

  @Test
  void aLineWithoutReference_orNotJson_isReportedInPlace_andTheRestIsJudged() throws Exception {
    Path in = Files.writeString(dir.resolve("cases.jsonl"),
        "{\"id\": \"a\", \"prediction\": \"1\"}\n"
            + "{not json\n"
            + "{\"id\": \"c\", \"reference\": \"[1, 2]\", \"prediction\": [1, 2]}\n");
    Run r = run("judge", "--input", in.toString(), "--no-symbolic");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).path("id").asText()).isEqualTo("a");
    assertThat(lines.get(0).path("error").asText()).isEqualTo(in + ":1: needs a field \"reference\"");
    assertThat(lines.get(1).path("id").asText()).isEqualTo("2");
    assertThat(lines.get(1).path("error").asText()).startsWith(in + ":2: not valid JSON");
    assertThat(lines.get(2).path("result").asText()).isEqualTo("EQUAL");
    assertThat(lines.get(2).path("error").isNull()).isTrue();
    assertThat(r.err().strip()).isEqualTo(
        "judged 1: 1 equal, 0 not equal, 0 unknown (0 by sympy); 2 lines not judged (see \"error\")");
  }

  @Test
  void extract_comparesTheFinalAnswersOfSolutionTexts() throws Exception {
    Path in = Files.writeString(dir.resolve("cases.jsonl"),
        Json.toLine(java.util.Map.of("reference", "$\\frac{14}{3}$",
            "prediction", "So $f(-2)+f(-1)+f(0)=2+\\frac{5}{3}+1=\\boxed{\\frac{14}{3}}$")) + "\n"
            + Json.toLine(java.util.Map.of("reference", "18", "prediction", "每人 6 个，3 人。答案是 18 个。")) + "\n"
            + Json.toLine(java.util.Map.of("reference", "18", "prediction", "I do not know.")) + "\n");
    Run plain = run("judge", "--input", in.toString(), "--no-symbolic");
    assertThat(plain.lines().get(1).path("result").asText()).isNotEqualTo("EQUAL");
    Run r = run("judge", "--input", in.toString(), "--no-symbolic", "--extract");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> lines = r.lines();
    assertThat(lines.get(0).path("result").asText()).isEqualTo("EQUAL");
    assertThat(lines.get(0).path("rationale").asText()).contains("by BOXED");
    assertThat(lines.get(1).path("result").asText()).isEqualTo("EQUAL");
    assertThat(lines.get(1).path("rationale").asText()).contains("by ANSWER_PHRASE");
    assertThat(lines.get(2).path("result").asText()).isEqualTo("NOT_EQUAL");
    assertThat(lines.get(2).path("rationale").asText()).isEqualTo("no final answer in the prediction");
  }

  @Test
  void percentScalingAndAbsoluteTolerance_areOffUnlessAsked() throws Exception {
    Path in = Files.writeString(dir.resolve("cases.jsonl"),
        "{\"reference\": \"0.7\", \"prediction\": \"70\"}\n{\"reference\": \"100\", \"prediction\": \"101\"}\n");
    Run plain = run("judge", "--input", in.toString(), "--no-symbolic");
    assertThat(plain.lines()).extracting(l -> l.path("result").asText()).containsExactly("NOT_EQUAL", "NOT_EQUAL");
    Run r = run("judge", "--input", in.toString(), "--no-symbolic", "--percent-scaling", "--absolute-tolerance", "1");
    assertThat(r.lines()).extracting(l -> l.path("result").asText()).containsExactly("EQUAL", "EQUAL");
    Run bad = run("judge", "--input", in.toString(), "--no-symbolic", "--absolute-tolerance", "-1");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("siam4j: absoluteTolerance must be positive and finite, was -1.0");
  }

  @Test
  void missingFile_isMisuse() {
    Run r = run("judge", "--input", dir.resolve("none.jsonl").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("siam4j: " + dir.resolve("none.jsonl") + ": no such file");
  }
}
