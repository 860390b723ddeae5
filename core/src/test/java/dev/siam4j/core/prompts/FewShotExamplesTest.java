package dev.siam4j.core.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.siam4j.core.extraction.Python3;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the few-shot templates are real programs: each, run by python3, prints
 * exactly its answer and nothing else, in every language and form.
 */
final class FewShotExamplesTest {
  private static final List<String> RESOURCES = List.of(
      "solve-few-shot.en.txt", "solve-few-shot.zh.txt",
      "solve-chat-few-shot.en.txt", "solve-chat-few-shot.zh.txt");
  private static final List<String> ANSWERS = List.of("216", "5", "1/6", "2");
  private static final Pattern BLOCK = Pattern.compile("```python\n(.*?)```", Pattern.DOTALL);

  private static String resource(String name) throws IOException {
    try (InputStream in = PromptTemplates.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @Tag("slow") // importing sympy takes seconds
  void everyExampleProgramPrintsOnlyItsAnswer() throws IOException {
    List<String> programs = new ArrayList<>();
    for (String name : RESOURCES) {
      Matcher m = BLOCK.matcher(resource(name));
      List<String> found = new ArrayList<>();
      while (m.find()) {
        found.add(m.group(1));
      }
      assertThat(found).as(name).hasSize(ANSWERS.size());
      programs.addAll(found);
    }
    // one interpreter for all programs (sympy is slow to import), each on fresh globals; a JSON
    // list of strings is also a Python literal
    String harness = "import contextlib, io, json, sys\n"
        + "programs = " + Json.toLine(programs) + "\n"
        + "out = []\n"
        + "for p in programs:\n"
        + "    buf = io.StringIO()\n"
        + "    with contextlib.redirect_stdout(buf):\n"
        + "        exec(compile(p, 'example', 'exec'), {'__name__': '__main__'})\n"
        + "    out.append(buf.getvalue())\n"
        + "print(json.dumps(out))\n";
    Python3.Run run = Python3.run(harness);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<String> outputs = Json.mapper().readValue(run.stdout(), new TypeReference<List<String>>() {});
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < RESOURCES.size(); i++) {
      for (String a : ANSWERS) {
        expected.add(a + "\n");
      }
    }
    assertThat(outputs).containsExactlyElementsOf(expected);
  }

  @Test
  void everyLanguageAndFormShowsTheSamePrograms() throws IOException {
    List<List<String>> all = new ArrayList<>();
    for (String name : RESOURCES) {
      Matcher m = BLOCK.matcher(resource(name));
      List<String> found = new ArrayList<>();
      while (m.find()) {
        found.add(m.group(1));
      }
      all.add(found);
    }
    assertThat(all).allSatisfy(programs -> assertThat(programs).isEqualTo(all.get(0)));
  }
}
