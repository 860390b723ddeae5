package dev.siam4j.alignment.preference;

import static dev.siam4j.alignment.fixtures.Judged.approved;
import static dev.siam4j.alignment.fixtures.Judged.crashed;
import static dev.siam4j.alignment.fixtures.Judged.problem;
import static dev.siam4j.alignment.fixtures.Judged.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.Problem;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.jsonl.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TrainingDataStatisticsTest {
  private static final Problem A = Problem.of("a", "What is 12 plus 30?", "42", "gsm8k");
  private static final Problem B = Problem.of("b", "What is 2 times 21?", "42", "math");
  private static final Problem C = Problem.of("c", "What is 6 times 7?", " ", "math");

  @Test
  void countsByReasonBySourceAndLengths() {
    PreferenceBuilder builder = PreferenceBuilders.paper();
    TrainingDataStatistics stats = TrainingDataStatistics.create();
    JudgedProblem a = problem(A, approved(A, 0, "print(12 + 30)", "42"),
        approved(A, 1, "print(42)", "42"), wrong(A, 2, "print(12 - 30)", "-18"));
    JudgedProblem b = problem(B, crashed(B, 0, "print(2 / 0)"), wrong(B, 1, "print(2 + 21)", "23"));
    JudgedProblem c = problem(C, approved(C, 0, "print(6 * 7)", "42"));
    for (JudgedProblem jp : new JudgedProblem[] {a, b, c}) {
      stats.record(jp, builder.build(jp));
    }
    stats.recordExcluded(Problem.of("d", "What is 12 plus 30?", "42", "math"), "duplicate-question");

    Map<String, Object> m = stats.toMap();
    assertThat(m.keySet()).containsExactly("problems", "samples", "approvedSamples", "sft", "pairs",
        "problemsWithSft", "problemsWithPairs", "dropped", "flagged", "excludedProblems",
        "bySource", "lengths");
    assertThat(m).containsEntry("problems", 3L).containsEntry("samples", 6L)
        .containsEntry("approvedSamples", 3L).containsEntry("sft", 2L).containsEntry("pairs", 1L)
        .containsEntry("problemsWithSft", 1L).containsEntry("problemsWithPairs", 1L);
    assertThat(m.get("dropped")).isEqualTo(Map.of(
        "reference-unusable", 1L, "unanimous", 1L, "excluded.duplicate-question", 1L));
    assertThat(m.get("flagged")).isEqualTo(Map.of("literal-only", 1L, "grounding", 1L));
    assertThat(m.get("excludedProblems"))
        .isEqualTo(Map.of("reference-unusable", 1L, "duplicate-question", 1L));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> bySource = (Map<String, Map<String, Object>>) m.get("bySource");
    assertThat(bySource.keySet()).containsExactly("gsm8k", "math");
    assertThat(bySource.get("gsm8k")).containsEntry("sft", 2L).containsEntry("pairs", 1L);
    assertThat(bySource.get("math").get("dropped")).isEqualTo(Map.of(
        "reference-unusable", 1L, "unanimous", 1L, "excluded.duplicate-question", 1L));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> lengths = (Map<String, Map<String, Object>>) m.get("lengths");
    assertThat(lengths.get("sftCompletionChars")).containsEntry("count", 2L);
    assertThat(lengths.get("chosenChars")).containsEntry("count", 1L);
    assertThat(Json.toLine(lengths.get("rejectedChars"))).isEqualTo(
        "{\"count\":1,\"min\":52,\"max\":52,\"mean\":52.0,\"buckets\":{\"0-63\":1,\"64-127\":0,"
            + "\"128-255\":0,\"256-511\":0,\"512-1023\":0,\"1024-2047\":0,\"2048-4095\":0,"
            + "\"4096-8191\":0,\"8192-16383\":0,\"16384+\":0}}");
    assertThat(stats.sft()).isEqualTo(2);
    assertThat(stats.pairs()).isEqualTo(1);
  }

  @Test
  void sameRecordsGiveTheSameJson() {
    TrainingDataStatistics s1 = TrainingDataStatistics.create();
    TrainingDataStatistics s2 = TrainingDataStatistics.create();
    JudgedProblem a = problem(A, approved(A, 0, "print(12 + 30)", "42"), wrong(A, 1, "print(1)", "1"));
    s1.record(a, PreferenceBuilders.paper().build(a));
    s2.record(a, PreferenceBuilders.paper().build(a));
    assertThat(Json.toLine(s2.toMap())).isEqualTo(Json.toLine(s1.toMap()));
  }

  @Test
  void flagsCountFromFlaggedAndFromTheOldFlaggedPrefixInDropped() {
    TrainingDataStatistics stats = TrainingDataStatistics.create();
    JudgedProblem a = problem(A, approved(A, 0, "print(12 + 30)", "42"));
    stats.record(a, new TrainingExamples(List.of(), List.of(), Map.of("flagged.grounding", 2, "unanimous", 1)));
    stats.record(a, new TrainingExamples(List.of(), List.of(), Map.of("unanimous", 1), Map.of("grounding", 1)));
    assertThat(stats.toMap().get("flagged")).isEqualTo(Map.of("grounding", 3L));
    assertThat(stats.toMap().get("dropped")).isEqualTo(Map.of("unanimous", 2L));
  }
}
