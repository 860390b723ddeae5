package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.jsonl.JsonlWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExportCommandTest {
  private static final String EVAL_QUESTION =
      "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes "
          + "muffins for her friends every day with four.";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private static SftExample sft(String id, String question) {
    return new SftExample(new SampleKey(id, 0, 1), Prompt.raw("Question: " + question + "\n"),
        "```python\nprint(7)\n```", 1.0);
  }

  private static PreferencePair pair(String id, String question) {
    return new PreferencePair(new SampleKey(id, 0, 1), new SampleKey(id, 3, 1),
        Prompt.chat(ChatMessage.user(question)), "print(2 + 5)", "print(2 * 5)");
  }

  private Path runFolder() {
    Path run = dir.resolve("runs/demo");
    try (JsonlWriter s0 = JsonlWriter.append(run.resolve("iter-0/sft.jsonl"));
        JsonlWriter s1 = JsonlWriter.append(run.resolve("iter-1/sft.jsonl"));
        JsonlWriter p1 = JsonlWriter.append(run.resolve("iter-1/pairs.jsonl"))) {
      s0.write(sft("old", "An old question?"));
      s1.write(sft("a", "小明有2个苹果，又买了5个，一共有多少个？"));
      s1.write(sft("leak", "Copied: " + EVAL_QUESTION));
      p1.write(pair("a", "小明有2个苹果，又买了5个，一共有多少个？"));
      p1.write(pair("b", "What is 2 + 5?"));
    }
    return run;
  }

  @Test
  void exportsTheLastIterationOfARun() throws IOException {
    Path run = runFolder();
    Path output = dir.resolve("out");
    assertThat(run("export", "--run", run.toString(), "--format", "trl", "--output",
        output.toString())).isZero();
    assertThat(out.toString().strip()).isEqualTo("{\"format\":\"trl\",\"output\":\"" + output
        + "\",\"files\":[\"sft.jsonl\",\"preference.jsonl\"],\"sft\":2,\"pairs\":2}");
    List<String> sftLines = Files.readAllLines(output.resolve("sft.jsonl"), StandardCharsets.UTF_8);
    assertThat(sftLines).hasSize(2);
    assertThat(sftLines.get(0)).isEqualTo(
        "{\"prompt\":\"Question: 小明有2个苹果，又买了5个，一共有多少个？\\n\","
            + "\"completion\":\"```python\\nprint(7)\\n```\"}");
    assertThat(Files.readAllLines(output.resolve("preference.jsonl"))).hasSize(2);
  }

  @Test
  void exportsAChosenIterationInLlamaFactoryForm() throws IOException {
    Path run = runFolder();
    Path output = dir.resolve("lf");
    assertThat(run("export", "--run", run.toString(), "--iteration", "0", "--format",
        "llama-factory-sharegpt", "--output", output.toString())).isZero();
    assertThat(out.toString()).contains("\"files\":[\"sft.jsonl\",\"dataset_info.json\"],\"sft\":1,\"pairs\":0");
    assertThat(Files.readString(output.resolve("sft.jsonl"))).contains("An old question?");
    assertThat(Files.readString(output.resolve("dataset_info.json"))).contains("siam4j_sft");
  }

  @Test
  void decontaminatesAgainstEvaluationSplitsAndListsWhatItDropped() throws IOException {
    runFolder();
    Path eval = dir.resolve("gsm8k-test.jsonl");
    Files.writeString(eval, "{\"question\":\"" + EVAL_QUESTION.replace("'", "'")
        + "\",\"answer\":\"#### 18\"}\n{\"problem\":\"What is the area of a unit circle?\"}\n");
    Path output = dir.resolve("clean");
    assertThat(run("export", "--sft", dir.resolve("runs/demo/iter-1/sft.jsonl").toString(),
        "--pairs", dir.resolve("runs/demo/iter-1/pairs.jsonl").toString(),
        "--format", "openai", "--output", output.toString(),
        "--decontaminate", eval.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"sft\":1,\"pairs\":2,\"ngram\":13,"
        + "\"decontaminated\":{\"sft\":1,\"pairs\":0}");
    assertThat(Files.readAllLines(output.resolve("decontaminated.jsonl"))).singleElement()
        .satisfies(l -> assertThat(l).startsWith(
            "{\"kind\":\"sft\",\"key\":\"leak#0@1\",\"overlap\":{\"trainingId\":\"leak\","
                + "\"split\":\"gsm8k-test\",\"evaluationId\":\"1\",\"ngram\":\"janet s ducks"));
    assertThat(Files.readString(output.resolve("sft.jsonl"))).doesNotContain("Janet");
  }

  @Test
  void misuseExitsWithTwoAndOneClearLine() throws IOException {
    assertThat(run("export", "--format", "trl", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("siam4j: give --run DIR, or --sft FILE and/or --pairs FILE");
    err.getBuffer().setLength(0);
    assertThat(run("export", "--format", "csv", "--output", dir.toString(), "--sft", "x"))
        .isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: Invalid value for option '--format': 'csv' is not one "
        + "of trl, trl-conversational, llama-factory-alpaca, llama-factory-sharegpt, openai (see --help)");
    err.getBuffer().setLength(0);
    assertThat(run("export", "--format", "trl", "--output", dir.toString(), "--sft",
        dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("siam4j: " + dir.resolve("missing.jsonl") + ": no such file");
    err.getBuffer().setLength(0);
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"key\":{\"problemId\":\"p\",\"sampleIndex\":0,\"iteration\":0}}\n");
    assertThat(run("export", "--format", "trl", "--output", dir.resolve("o").toString(), "--sft",
        bad.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("siam4j: " + bad + ":1: not a valid SftExample: ");
    err.getBuffer().setLength(0);
    assertThat(run("export", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("siam4j: Missing required option: '--format=FORMAT'");
    err.getBuffer().setLength(0);
    Path run = runFolder();
    assertThat(run("export", "--run", run.toString(), "--iteration", "7", "--format", "trl",
        "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("siam4j: " + run.resolve("iter-7") + ": no sft.jsonl or pairs.jsonl");
  }
}
