package dev.siam4j.core.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JSONL problem files that the tests write, good and bad. */
final class ProblemReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static List<Problem> readAll(JsonlProblemSource source) {
    try (Stream<Problem> s = source.open()) {
      return s.toList();
    }
  }

  @Test
  void plainForm_readsEveryPropertyAndKeepsOtherFieldsAsMetadata() throws IOException {
    Path file = write("data.jsonl",
        "{\"id\":\"p1\",\"question\":\"What is 6*7?\",\"answer\":\"42\",\"language\":\"en\","
            + "\"source\":\"mine\",\"level\":3,\"tags\":[\"a\"]}\n");
    assertThat(readAll(ProblemSources.plain(file)))
        .containsExactly(new Problem("p1", "What is 6*7?", "42", "mine", Locale.ENGLISH,
            Map.of("level", "3", "tags", "[\"a\"]")));
  }

  @Test
  void plainForm_spreadsAMetadataObjectIntoItsFields() throws IOException {
    Path file = write("meta.jsonl",
        "{\"id\":\"p1\",\"question\":\"q?\",\"answer\":\"1\",\"metadata\":"
            + "{\"category\":\"ratio\",\"level\":2,\"none\":null},\"extra\":\"x\"}\n");
    assertThat(readAll(ProblemSources.plain(file)).get(0).metadata())
        .isEqualTo(Map.of("category", "ratio", "level", "2", "extra", "x"));
  }

  @Test
  void plainForm_generatesIdsFromSourceAndLineAndDefaultsTheSourceToTheFileName()
      throws IOException {
    Path file = write("data.jsonl",
        "{\"question\":\"q1\",\"answer\":\"1\"}\n\n{\"question\":\"q2\",\"answer\":2}\n");
    List<Problem> problems = readAll(ProblemSources.plain(file));
    assertThat(problems).extracting(Problem::id).containsExactly("data-1", "data-3");
    assertThat(problems).extracting(Problem::source).containsOnly("data");
    assertThat(problems.get(1).referenceAnswer()).isEqualTo("2");
  }

  @Test
  void missingField_failsNamingFileLineAndField() throws IOException {
    Path file = write("data.jsonl",
        "{\"id\":\"a\",\"question\":\"q\",\"answer\":\"1\"}\n"
            + "{\"id\":\"b\",\"question\":\"q\"}\n");
    JsonlProblemSource source = ProblemSources.plain(file);
    assertThatThrownBy(() -> readAll(source))
        .isInstanceOf(BadLineException.class)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ":2: field 'answer' is missing");
  }

  @Test
  void wrongType_failsNamingTheFieldAndWhatItWas() throws IOException {
    Path file = write("data.jsonl", "{\"id\":\"a\",\"question\":[\"q\"],\"answer\":\"1\"}\n");
    assertThatThrownBy(() -> readAll(ProblemSources.plain(file)))
        .isInstanceOf(BadLineException.class)
        .hasMessage(file + ":1: field 'question' must be a string, was an array");
  }

  @Test
  void blankField_fails() throws IOException {
    Path file = write("data.jsonl", "{\"id\":\"a\",\"question\":\"  \",\"answer\":\"1\"}\n");
    assertThatThrownBy(() -> readAll(ProblemSources.plain(file)))
        .hasMessage(file + ":1: field 'question' is blank");
  }

  @Test
  void badJson_failsNamingTheLine() throws IOException {
    Path file = write("data.jsonl",
        "{\"question\":\"q\",\"answer\":\"1\"}\n{\"question\": oops}\n");
    assertThatThrownBy(() -> readAll(ProblemSources.plain(file)))
        .isInstanceOf(BadLineException.class)
        .hasMessageStartingWith(file + ":2: not valid JSON: ")
        .satisfies(e -> assertThat(((BadLineException) e).line()).isEqualTo(2));
  }

  @Test
  void notAnObject_failsNamingTheLine() throws IOException {
    Path file = write("data.jsonl", "[1, 2]\n");
    assertThatThrownBy(() -> readAll(ProblemSources.plain(file)))
        .isInstanceOf(BadLineException.class)
        .hasMessage(file + ":1: expected a JSON object, found array");
  }

  @Test
  void tornLastLine_failsByDefaultAndIsSkippedAndReportedWhenSkipping() throws IOException {
    Path file = write("data.jsonl",
        "{\"question\":\"q1\",\"answer\":\"1\"}\n{\"question\":\"q2\",\"ans");
    assertThatThrownBy(() -> readAll(ProblemSources.plain(file)))
        .hasMessageStartingWith(file + ":2: not valid JSON: ");

    JsonlProblemSource skipping = ProblemSources.plain(file).toBuilder().onBadLine(OnBadLine.SKIP).build();
    try (ProblemReader reader = skipping.reader()) {
      List<Problem> problems = new ArrayList<>();
      reader.forEach(problems::add);
      assertThat(problems).extracting(Problem::id).containsExactly("data-1");
      assertThat(reader.report().skipped()).isEqualTo(1);
      assertThat(reader.report().skippedLines().get(0).line()).isEqualTo(2);
      assertThat(reader.report().skippedLines().get(0).reason()).startsWith("not valid JSON: ");
    }
  }

  @Test
  void skipPolicy_readsTheGoodLinesAndReportsEveryBadOneWithFileLineAndReason()
      throws IOException {
    Path file = write("data.jsonl", String.join("\n",
        "{\"id\":\"a\",\"question\":\"q1\",\"answer\":\"1\"}",
        "not json",
        "{\"id\":\"b\",\"question\":\"q2\"}",
        "{\"id\":\"c\",\"question\":\"q3\",\"answer\":true}",
        "{\"id\":\"d\",\"question\":\"q4\",\"answer\":\"4\"}",
        "{\"id\":\"a\",\"question\":\"q5\",\"answer\":\"5\"}",
        "{\"id\":\"e\",\"question\":\"q6\",\"answer\":\"6\",\"language\":\"??\"}",
        "{\"id\":\"f\",\"question\":\"q7\",\"answer\":\"7\"}") + "\n");
    JsonlProblemSource source =
        JsonlProblemSource.builder(file).onBadLine(OnBadLine.SKIP).build();
    try (ProblemReader reader = source.reader()) {
      List<String> ids = new ArrayList<>();
      for (Problem p : reader) {
        ids.add(p.id());
      }
      assertThat(ids).containsExactly("a", "d", "f");
      ReadReport report = reader.report();
      assertThat(report.problems()).isEqualTo(3);
      assertThat(report.skipped()).isEqualTo(5);
      assertThat(report.skippedLines()).extracting(SkippedLine::line).containsExactly(2L, 3L, 4L, 6L, 7L);
      assertThat(report.skippedLines().get(1).toString())
          .isEqualTo(file + ":3: field 'answer' is missing");
      assertThat(report.skippedLines().get(2).reason())
          .isEqualTo("field 'answer' must be a string, was a boolean");
      assertThat(report.skippedLines().get(3).reason())
          .isEqualTo("duplicate id 'a', first on line 1");
      assertThat(report.skippedLines().get(4).reason())
          .isEqualTo("field 'language' is not a language: '??'");
      assertThat(report.summary()).isEqualTo(file + ": 3 problems, 5 lines skipped");
    }
  }

  @Test
  void duplicateIds_failNamingBothLines() throws IOException {
    Path file = write("data.jsonl", String.join("\n",
        "{\"id\":\"x\",\"question\":\"q1\",\"answer\":\"1\"}",
        "{\"id\":\"y\",\"question\":\"q2\",\"answer\":\"2\"}",
        "",
        "{\"id\":\"x\",\"question\":\"q3\",\"answer\":\"3\"}") + "\n");
    assertThatThrownBy(() -> readAll(ProblemSources.plain(file)))
        .isInstanceOf(BadLineException.class)
        .hasMessage(file + ":4: duplicate id 'x', first on line 1");
  }

  @Test
  void manyIds_areAllDistinguished() throws IOException {
    StringBuilder content = new StringBuilder();
    int n = 5_000;
    for (int i = 0; i < n; i++) {
      content.append("{\"id\":\"id-").append(i).append("\",\"question\":\"q\",\"answer\":\"1\"}\n");
    }
    content.append("{\"id\":\"id-1234\",\"question\":\"q\",\"answer\":\"1\"}\n");
    Path file = write("many.jsonl", content.toString());
    JsonlProblemSource source = ProblemSources.plain(file).toBuilder().onBadLine(OnBadLine.SKIP).build();
    try (ProblemReader reader = source.reader()) {
      long count = 0;
      for (Problem ignored : reader) {
        count++;
      }
      assertThat(count).isEqualTo(n);
      assertThat(reader.report().skippedLines()).extracting(SkippedLine::reason)
          .containsExactly("duplicate id 'id-1234', first on line 1235");
    }
  }

  @Test
  void chineseQuestion_isDetectedAsChineseAndAGivenLanguageWins() throws IOException {
    Path file = write("zh.jsonl", String.join("\n",
        "{\"id\":\"1\",\"question\":\"小明有3个苹果，又买了5个，一共有几个？\",\"answer\":\"8\"}",
        "{\"id\":\"2\",\"question\":\"What is 2+2?\",\"answer\":\"4\"}",
        "{\"id\":\"3\",\"question\":\"计算 2+2\",\"answer\":\"4\",\"language\":\"en\"}",
        "{\"id\":\"4\",\"question\":\"What is 2+2?\",\"answer\":\"4\",\"language\":\"zh-CN\"}") + "\n");
    assertThat(readAll(ProblemSources.plain(file)))
        .extracting(Problem::language)
        .containsExactly(Locale.CHINESE, Locale.ENGLISH, Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
  }

  @Test
  void fieldMapping_readsRenamedFieldsAndOnlyTheNamedMetadata() throws IOException {
    Path file = write("custom.jsonl",
        "{\"qid\":7,\"prompt\":\"How many?\",\"target\":\"12\",\"topic\":\"counting\",\"x\":1}\n"
            + "{\"prompt\":\"How many more?\",\"target\":\"13\"}\n");
    FieldMapping mapping = FieldMapping.builder()
        .id("qid").question("prompt").answer("target").fixedSource().metadata("topic").build();
    JsonlProblemSource source =
        JsonlProblemSource.builder(file).fields(mapping).source("custom-set").build();
    assertThat(readAll(source)).containsExactly(
        new Problem("7", "How many?", "12", "custom-set", Locale.ENGLISH, Map.of("topic", "counting")),
        new Problem("custom-set-2", "How many more?", "13", "custom-set", Locale.ENGLISH, Map.of()));
  }

  @Test
  void fieldMapping_missingRenamedFieldIsNamedInTheError() throws IOException {
    Path file = write("custom.jsonl", "{\"prompt\":\"How many?\"}\n");
    FieldMapping mapping = FieldMapping.builder().question("prompt").answer("target").build();
    assertThatThrownBy(() -> readAll(ProblemSources.jsonl(file, mapping)))
        .hasMessage(file + ":1: field 'target' is missing");
  }

  @Test
  void gsm8k_keepsThousandsSeparatorsAndRejectsAnAnswerWithoutHashes() throws IOException {
    Path file = write("gsm.jsonl",
        "{\"question\":\"How much?\",\"answer\":\"500 + 500 = 1,000\\n#### 1,000\"}\n"
            + "{\"question\":\"How many?\",\"answer\":\"it is 5\"}\n");
    JsonlProblemSource source = ProblemSources.gsm8k(file).toBuilder().onBadLine(OnBadLine.SKIP).build();
    try (ProblemReader reader = source.reader()) {
      List<Problem> problems = new ArrayList<>();
      reader.forEach(problems::add);
      assertThat(problems).extracting(Problem::referenceAnswer).containsExactly("1,000");
      assertThat(reader.report().skippedLines()).extracting(SkippedLine::toString)
          .containsExactly(file + ":2: field 'answer' has no '#### <answer>' line");
    }
  }

  @Test
  void math_withoutAnswerFieldTakesTheLastBoxOfTheSolution() throws IOException {
    Path file = write("math.jsonl", String.join("\n",
        "{\"problem\":\"p1\",\"solution\":\"First $\\\\boxed{1}$, then $\\\\boxed{\\\\frac{a}{b}}$.\",\"type\":\"Algebra\"}",
        "{\"problem\":\"p2\",\"solution\":\"no box here\"}",
        "{\"problem\":\"p3\"}",
        "{\"problem\":\"p4\",\"solution\":\"\\\\fbox{7}\",\"answer\":\"seven\"}") + "\n");
    JsonlProblemSource source = ProblemSources.math(file).toBuilder().onBadLine(OnBadLine.SKIP).build();
    try (ProblemReader reader = source.reader()) {
      List<Problem> problems = new ArrayList<>();
      reader.forEach(problems::add);
      assertThat(problems).extracting(Problem::id, Problem::referenceAnswer)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("math-1", "\\frac{a}{b}"),
              org.assertj.core.groups.Tuple.tuple("math-4", "seven"));
      assertThat(problems.get(0).metadata()).containsEntry("type", "Algebra");
      assertThat(reader.report().skippedLines()).extracting(SkippedLine::reason).containsExactly(
          "field 'solution' has no \\boxed{...} answer", "field 'solution' is missing");
    }
  }

  @Test
  void open_isLazy_soABadLineAfterWhatIsReadIsNeverReached() throws IOException {
    Path file = write("data.jsonl",
        "{\"question\":\"q1\",\"answer\":\"1\"}\n{\"question\":\"q2\",\"answer\":\"2\"}\nbroken\n");
    try (Stream<Problem> s = ProblemSources.plain(file).open()) {
      assertThat(s.limit(2).map(Problem::id).toList()).containsExactly("data-1", "data-2");
    }
  }

  @Test
  void missingFile_failsWhenOpenedNotWhenBuilt() {
    Path file = dir.resolve("absent.jsonl");
    JsonlProblemSource source = ProblemSources.plain(file);
    assertThatThrownBy(source::open)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void reader_canBeIteratedOnce() throws IOException {
    Path file = write("data.jsonl", "{\"question\":\"q1\",\"answer\":\"1\"}\n");
    try (ProblemReader reader = ProblemSources.plain(file).reader()) {
      reader.iterator();
      assertThatThrownBy(reader::iterator)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a ProblemReader can be iterated once");
    }
  }

  @Test
  void customFormat_errorsFromTheProblemRecordNameTheLine() throws IOException {
    Path file = write("data.jsonl", "{\"q\":\"x\"}\n");
    JsonlProblemSource source = JsonlProblemSource.builder(file)
        .format((json, where) -> Problem.of(where.generatedId(), " ", "1", where.source()))
        .build();
    assertThatThrownBy(() -> readAll(source))
        .isInstanceOf(BadLineException.class)
        .hasMessage(file + ":1: question must not be blank");
  }

  @Test
  void builder_refusesASettingTwiceButToBuilderMayChangeEachOnce() {
    Path file = dir.resolve("x.jsonl");
    JsonlProblemSource.Builder b = JsonlProblemSource.builder(file).onBadLine(OnBadLine.SKIP);
    assertThatThrownBy(() -> b.onBadLine(OnBadLine.FAIL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("onBadLine was already set to SKIP");
    JsonlProblemSource gsm = ProblemSources.gsm8k(file);
    JsonlProblemSource derived = gsm.toBuilder().source("gsm8k-train").build();
    assertThat(derived.format()).isSameAs(ProblemFormats.gsm8k());
    assertThat(derived.source()).isEqualTo("gsm8k-train");
    assertThat(derived.onBadLine()).isEqualTo(OnBadLine.FAIL);
    assertThat(gsm.source()).isEqualTo("gsm8k");
  }

  @Test
  void problemSourceOf_streamsACopy() {
    List<Problem> list = new ArrayList<>(List.of(Problem.of("a", "q", "1", "s")));
    ProblemSource source = ProblemSource.of(list);
    list.clear();
    try (Stream<Problem> s = source.open()) {
      assertThat(s.map(Problem::id)).containsExactly("a");
    }
  }

  @Test
  void asIterable_readsTheFileAfreshOnEveryIteration() throws IOException {
    Path file = write("data.jsonl", "{\"question\":\"q1\",\"answer\":\"1\"}\n");
    Iterable<Problem> problems = ProblemSources.plain(file).asIterable();
    List<String> first = new ArrayList<>();
    problems.forEach(p -> first.add(p.id()));
    Files.writeString(file, "{\"question\":\"q2\",\"answer\":\"2\"}\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    List<String> second = new ArrayList<>();
    problems.forEach(p -> second.add(p.id()));
    assertThat(first).containsExactly("data-1");
    assertThat(second).containsExactly("data-1", "data-2");
  }

  @Test
  void asIterable_passesOnABadLine() throws IOException {
    Path file = write("data.jsonl", "{\"question\":\"q1\"}\n");
    Iterable<Problem> problems = ProblemSources.plain(file).asIterable();
    assertThatThrownBy(() -> problems.iterator().hasNext())
        .isInstanceOf(BadLineException.class)
        .hasMessage(file + ":1: field 'answer' is missing");
  }

  @Test
  void report_countsEverySkippedLineButKeepsDetailsOfTheFirstThousand() throws IOException {
    StringBuilder content = new StringBuilder("{\"question\":\"q\",\"answer\":\"1\"}\n");
    for (int i = 0; i < ReadReport.MAX_DETAILS + 5; i++) {
      content.append("{\"question\":\"q\"}\n");
    }
    Path file = write("bad.jsonl", content.toString());
    JsonlProblemSource source = ProblemSources.plain(file).toBuilder().onBadLine(OnBadLine.SKIP).build();
    try (ProblemReader reader = source.reader()) {
      reader.forEach(p -> { });
      ReadReport report = reader.report();
      assertThat(report.problems()).isEqualTo(1);
      assertThat(report.skipped()).isEqualTo(ReadReport.MAX_DETAILS + 5);
      assertThat(report.skippedLines()).hasSize(ReadReport.MAX_DETAILS);
      assertThat(report.skippedLines().get(ReadReport.MAX_DETAILS - 1).line())
          .isEqualTo(ReadReport.MAX_DETAILS + 1);
    }
  }

  @Test
  void javadocExample_ofJsonlProblemSource() throws IOException {
    Path train = write("train.jsonl", "{\"question\":\"q\",\"answer\":\"#### 5\"}\nbad\n");
    // mirrors the example in JsonlProblemSource's javadoc
    JsonlProblemSource source = JsonlProblemSource.builder(train)
        .format(ProblemFormats.gsm8k())
        .source("gsm8k-train")
        .onBadLine(OnBadLine.SKIP)
        .build();
    List<Problem> read = new ArrayList<>();
    try (ProblemReader reader = source.reader()) {
      for (Problem p : reader) {
        read.add(p);
      }
      assertThat(reader.report().summary()).isEqualTo(train + ": 1 problem, 1 line skipped");
    }
    assertThat(read).extracting(Problem::id).containsExactly("gsm8k-train-1");
  }
}
