package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every template's reference program, run by real python3, prints its reference answer. */
final class ReferenceProgramTest {

  @Test
  void oneProgramPerTemplateAndLanguage_printsTheReferenceAnswer() throws Exception {
    List<WordProblem> sample = onePerTemplateAndLanguage(MathWorld.withSeed(11));
    List<String> printed = runAll(sample.stream().map(p -> p.program().orElseThrow()).toList());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      if (!agrees(sample.get(i), printed.get(i))) {
        failures.add(describe(sample.get(i), printed.get(i)));
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  @Tag("slow")
  void oneProgramPerTemplateAndLanguage_printsTheReferenceAnswer_inAFreshPythonProcess() throws Exception {
    List<String> failures = new ArrayList<>();
    for (WordProblem p : onePerTemplateAndLanguage(MathWorld.withSeed(12))) {
      String printed = runAlone(p.program().orElseThrow());
      if (!agrees(p, printed)) {
        failures.add(describe(p, printed));
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  @Tag("slow")
  void everyProgramOfTwoWorlds_printsItsReferenceAnswer() throws Exception {
    for (long seed : new long[] {1, 2}) {
      MathWorld world = MathWorld.withSeed(seed);
      List<WordProblem> all = new ArrayList<>();
      for (Split split : Split.values()) {
        all.addAll(world.problems(split));
      }
      List<String> printed = runAll(all.stream().map(p -> p.program().orElseThrow()).toList());
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (!agrees(all.get(i), printed.get(i))) {
          failures.add(describe(all.get(i), printed.get(i)));
        }
      }
      assertThat(failures).as("seed " + seed).isEmpty();
    }
  }

  @Test
  void comparisonRejectsWrongValues() {
    assertThat(AnswerValue.parse("x = 3, y = -1").matches(AnswerValue.parse("x = 3.0 y = 1.0"), false)).isFalse();
    assertThat(AnswerValue.parse("(1, 3]").matches(AnswerValue.parse("(1.0, 3.0)"), false)).isFalse();
    assertThat(AnswerValue.parse("x ≥ 2").matches(AnswerValue.parse("x > 2.0"), false)).isFalse();
    assertThat(AnswerValue.parse("3/4").matches(AnswerValue.parse("0.7"), false)).isFalse();
    assertThat(AnswerValue.parse("x = ±5").matches(AnswerValue.parse("5.0 -5.0"), true)).isTrue();
    assertThat(AnswerValue.parse("[2, +∞)").matches(AnswerValue.parse("x >= 2.0"), false)).isTrue();
    assertThat(AnswerValue.parse("1 < x ≤ 3").matches(AnswerValue.parse("(1.0, 3.0]"), false)).isTrue();
    assertThat(AnswerValue.parse("12 元").matches(AnswerValue.parse("12"), false)).isTrue();
  }

  private static List<WordProblem> onePerTemplateAndLanguage(MathWorld world) {
    Map<String, WordProblem> sample = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      for (WordProblem p : world.problems(split)) {
        sample.putIfAbsent(p.template() + "/" + p.language(), p);
      }
    }
    int templates = 0;
    for (Group g : Group.values()) {
      templates += MathWorld.templates(g).size();
    }
    assertThat(sample).hasSize(templates * 2);
    return List.copyOf(sample.values());
  }

  private static String describe(WordProblem p, String printed) {
    return p.id() + " " + p.question() + " -> printed '" + printed.strip() + "', answer '" + p.answer() + "'";
  }

  private static boolean agrees(WordProblem p, String printed) {
    return AnswerValue.parse(p.answer()).matches(AnswerValue.parse(printed), p.category().equals("quadratics"));
  }

  private static String runAlone(String program) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("python3", "-c", program).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  private static List<String> runAll(List<String> programs) throws IOException, InterruptedException {
    String script;
    try (InputStream in = ReferenceProgramTest.class.getResourceAsStream("/quickstart/run_programs.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Process process = new ProcessBuilder("python3", "-c", script).start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(Json.mapper().writeValueAsBytes(programs));
    }
    byte[] stdout = process.getInputStream().readAllBytes();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(stderr).isZero();
    List<String> printed = Json.mapper().readValue(stdout, new TypeReference<List<String>>() {});
    assertThat(printed).hasSize(programs.size());
    return printed;
  }
}
