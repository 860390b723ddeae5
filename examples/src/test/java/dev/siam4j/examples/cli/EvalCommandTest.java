package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.jsonl.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code siam4j eval} through the command line. */
final class EvalCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void predictions_areScoredPerSource_withJsonAndMarkdown() throws Exception {
    Path in = Files.writeString(dir.resolve("preds.jsonl"),
        "{\"id\": \"a\", \"reference\": \"4\", \"prediction\": \"4.0\", \"source\": \"gsm8k\"}\n"
            + "{\"id\": \"b\", \"reference\": \"\\\\frac{1}{2}\", \"prediction\": \"0.4\", \"source\": \"math\"}\n"
            + "{\"id\": \"c\", \"reference\": \"7\", \"prediction\": \"\", \"outcome\": \"TIMEOUT\", \"source\": \"math\"}\n");
    Path md = dir.resolve("report.md");
    Run r = run("eval", "--predictions", in.toString(), "--no-symbolic", "--markdown", md.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode report = Json.mapper().readTree(r.out());
    assertThat(report.at("/overall/problems").asInt()).isEqualTo(3);
    assertThat(report.at("/overall/rules/accuracy").asDouble()).isEqualTo(1.0 / 3);
    assertThat(report.at("/bySource/math/rules/accuracy").asDouble()).isEqualTo(0.0);
    assertThat(Files.readString(md)).contains("| gsm8k | 1 | 1 | 100.0% |");
    assertThat(r.err().strip())
        .isEqualTo("evaluated 3 problems, 3 samples: rule accuracy 33.3%, critic accuracy 33.3%, agreement 100.0%");
  }

  @Test
  void extract_scoresTheFinalAnswersOfSolutionTexts() throws Exception {
    Path in = Files.writeString(dir.resolve("preds.jsonl"),
        Json.toLine(java.util.Map.of("id", "a", "reference", "12",
            "prediction", "There are 3 boxes of 4. Therefore, there are 12 apples in all.")) + "\n"
            + Json.toLine(java.util.Map.of("id", "b", "reference", "\\frac{1}{2}",
                "prediction", "Half of it: $\\boxed{\\frac{1}{3}}$")) + "\n");
    Run plain = run("eval", "--predictions", in.toString(), "--no-symbolic");
    assertThat(Json.mapper().readTree(plain.out()).at("/overall/rules/accuracy").asDouble()).isEqualTo(0.0);
    Run r = run("eval", "--predictions", in.toString(), "--no-symbolic", "--extract");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Json.mapper().readTree(r.out()).at("/overall/rules/accuracy").asDouble()).isEqualTo(0.5);
  }

  @Test
  void bothModes_isMisuse() {
    Run r = run("eval", "--predictions", "a.jsonl", "--model", "m.gguf");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("siam4j: eval takes --model FILE.gguf --problems FILE.jsonl, or --predictions FILE.jsonl");
  }

  @Test
  void cascadeWithoutModel_isMisuse() throws Exception {
    Path in = Files.writeString(dir.resolve("p.jsonl"), "{\"id\": \"a\", \"reference\": \"1\", \"prediction\": \"1\"}\n");
    Run r = run("eval", "--predictions", in.toString(), "--critic", "cascade");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("siam4j: --critic cascade needs --model (the model is the LLM critic)");
  }

  /**
   * Real llama.cpp on a generated model that always writes {@code print(2 + 2)} in a fence, the
   * real sandbox, and the model also as LLM critic: 2+2 is right, 3*3 is not.
   */
  @Test
  @Tag("slow")
  void model_generatesRunsAndJudges(@TempDir Path models) throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(2 + 2)\n```", models.resolve("policy.gguf"));
    Path problems = Files.writeString(dir.resolve("toy.jsonl"),
        "{\"id\": \"p1\", \"question\": \"What is 2+2?\", \"answer\": \"4\"}\n"
            + "{\"id\": \"p2\", \"question\": \"What is 3*3?\", \"answer\": \"9\"}\n");
    Path out = dir.resolve("report.json");
    Run r = run("eval", "--model", model.toString(), "--problems", problems.toString(), "--samples", "2",
        "--max-tokens", "16", "--threads", "1", "--context", "2048", "--critic", "cascade", "--critic-votes", "2",
        "--output", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode report = Json.mapper().readTree(Files.readString(out));
    assertThat(report.at("/overall/problems").asInt()).isEqualTo(2);
    assertThat(report.at("/overall/samples").asInt()).isEqualTo(4);
    assertThat(report.at("/bySource/toy/problems").asInt()).isEqualTo(2);
    assertThat(report.at("/overall/rules/accuracy").asDouble()).isEqualTo(0.5);
    assertThat(report.at("/overall/rules/passAt1").asDouble()).isEqualTo(0.5);
    assertThat(report.at("/overall/critic/majAtK").asDouble()).isEqualTo(0.5);
    assertThat(r.err()).contains("evaluated 2 problems, 4 samples");
  }
}
