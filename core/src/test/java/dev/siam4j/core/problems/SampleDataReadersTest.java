package dev.siam4j.core.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Problem;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ready readers on unchanged samples of the public data sets. */
final class SampleDataReadersTest {

  @Test
  void gsm8kSample_readsEveryProblemWithTheAnswerAfterTheHashes() {
    JsonlProblemSource source = ProblemSources.gsm8k(SampleData.dir().resolve("gsm8k-test-sample.jsonl"));
    List<Problem> problems;
    try (Stream<Problem> s = source.open()) {
      problems = s.toList();
    }
    assertThat(problems).hasSize(20);
    Problem first = problems.get(0);
    assertThat(first.id()).isEqualTo("gsm8k-1");
    assertThat(first.question()).startsWith("Janet\u2019s ducks lay 16 eggs per day.");
    assertThat(first.referenceAnswer()).isEqualTo("18");
    assertThat(first.source()).isEqualTo("gsm8k");
    assertThat(first.language()).isEqualTo(Locale.ENGLISH);
    assertThat(first.metadata().get("solution")).endsWith("#### 18");
    assertThat(problems).extracting(Problem::referenceAnswer)
        .containsExactly("18", "3", "70000", "540", "20", "64", "260", "160", "45", "460", "366",
            "694", "13", "18", "60", "125", "230", "57500", "7", "6");
    assertThat(problems.get(19).id()).isEqualTo("gsm8k-20");
  }

  @Test
  void math500Sample_readsAnswersIdsAndMetadata() {
    JsonlProblemSource source = ProblemSources.math(SampleData.dir().resolve("math500-sample.jsonl"));
    try (ProblemReader reader = source.reader()) {
      List<Problem> problems = new java.util.ArrayList<>();
      reader.forEach(problems::add);
      assertThat(problems).hasSize(20);
      Problem first = problems.get(0);
      assertThat(first.id()).isEqualTo("test/precalculus/807.json");
      assertThat(first.question()).startsWith("Convert the point $(0,3)$");
      assertThat(first.referenceAnswer()).isEqualTo("\\left( 3, \\frac{\\pi}{2} \\right)");
      assertThat(first.source()).isEqualTo("math");
      assertThat(first.metadata())
          .containsEntry("subject", "Precalculus")
          .containsEntry("level", "2")
          .containsEntry("unique_id", "test/precalculus/807.json")
          .containsKey("solution")
          .doesNotContainKeys("problem", "answer");
      assertThat(reader.report()).isEqualTo(new ReadReport(source.file(), 20, 0, List.of()));
    }
  }

  @Test
  void math500Sample_boxedAnswerOfEverySolutionEqualsItsAnswerField() {
    // MATH-500 carries both; the original MATH has only the solution, so the box reader must agree.
    var file = SampleData.dir().resolve("math500-sample.jsonl");
    try (var lines = dev.siam4j.core.jsonl.JsonlReader.open(file)) {
      int n = 0;
      for (var line : lines) {
        String solution = line.json().get("solution").asText();
        assertThat(ReferenceAnswers.lastBoxed(solution))
            .as(line.where())
            .contains(line.json().get("answer").asText());
        n++;
      }
      assertThat(n).isEqualTo(20);
    }
  }
}
