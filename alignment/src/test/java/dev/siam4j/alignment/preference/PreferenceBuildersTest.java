package dev.siam4j.alignment.preference;

import static dev.siam4j.alignment.fixtures.Judged.approved;
import static dev.siam4j.alignment.fixtures.Judged.crashed;
import static dev.siam4j.alignment.fixtures.Judged.problem;
import static dev.siam4j.alignment.fixtures.Judged.ran;
import static dev.siam4j.alignment.fixtures.Judged.wrong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.alignment.fixtures.Judged;
import dev.siam4j.alignment.quality.QualityPolicy;
import dev.siam4j.core.Execution;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.jsonl.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PreferenceBuildersTest {
  private static final Problem P =
      Problem.of("p1", "Sam has 12 pens and buys 30 more. How many pens now?", "42", "test");

  private static List<Integer> indexes(List<SftExample> sft) {
    return sft.stream().map(e -> e.key().sampleIndex()).toList();
  }

  private static String code(int n) {
    return "pens = 12\nbought = 30\nresult_" + n + " = pens + bought\nprint(result_" + n + ")";
  }

  @Test
  void paper_makesSftFromApprovedAndPairsAgainstRejected() {
    TrainingExamples t = PreferenceBuilders.paper().build(problem(P,
        approved(P, 0, "print(12 + 30)", "42"),
        wrong(P, 1, "print(12 * 30)", "360"),
        crashed(P, 2, "print(12 / 0)")));
    assertThat(t.sft()).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo(new SampleKey("p1", 0, 0));
      assertThat(e.completion()).isEqualTo(Judged.completion("print(12 + 30)"));
      assertThat(e.confidence()).isEqualTo(1.0);
    });
    assertThat(t.pairs()).extracting(p -> p.rejectedKey().sampleIndex()).containsExactly(1, 2);
    assertThat(t.pairs()).allSatisfy(p -> assertThat(p.chosenKey().sampleIndex()).isZero());
    assertThat(t.dropped()).isEmpty();
  }

  @Test
  void sftNeedsConfidenceAtOrAboveTheThreshold() {
    PreferenceBuilder b = PreferenceBuilders.builder().minConfidence(0.7).build();
    TrainingExamples t = b.build(problem(P,
        ran(P, 0, "print(12 + 30)", "42", true, 0.69),
        ran(P, 1, "print(30 + 12)", "42", true, 0.7),
        ran(P, 2, "print(42 - 0)", "42", true, 0.95)));
    assertThat(indexes(t.sft())).containsExactly(2, 1);
    assertThat(t.dropped()).isEqualTo(Map.of("low-confidence", 1, "unanimous", 1));
    assertThat(t.flagged()).isEqualTo(Map.of("grounding", 1));
  }

  @Test
  void noSftExampleComesFromANoVerdict() {
    // a NO with high confidence (a critic's odd output) still never becomes SFT data
    JudgedSample no = Judged.sample(P, 0, "print(12 + 30)",
        Execution.ok("42\n", "42", Duration.ZERO), new Verdict(false, 1.0, "llm", Optional.empty()));
    TrainingExamples t = PreferenceBuilders.paper().build(problem(P, no));
    assertThat(t.sft()).isEmpty();
    assertThat(t.pairs()).isEmpty();
    assertThat(t.dropped()).isEqualTo(Map.of("unanimous", 1));
  }

  @Test
  void sftIsCappedPerProblem_fourByDefault() {
    List<JudgedSample> s = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      s.add(approved(P, i, code(i), "42"));
    }
    TrainingExamples paper = PreferenceBuilders.paper().build(new JudgedProblem(P, s));
    assertThat(paper.sft()).hasSize(4);
    assertThat(paper.dropped()).isEqualTo(Map.of("sft-cap", 3, "unanimous", 1));
    TrainingExamples two =
        PreferenceBuilders.builder().maxSftPerProblem(2).build().build(new JudgedProblem(P, s));
    assertThat(two.sft()).hasSize(2);
    assertThat(two.sft()).doesNotHaveDuplicates();
  }

  @Test
  void approvedProgramsAreDeduplicatedByNormalisedCode() {
    TrainingExamples t = PreferenceBuilders.paper().build(problem(P,
        approved(P, 0, "x = 12 + 30\nprint(x)", "42"),
        approved(P, 1, "# add them\nx  =  12 + 30   \n\n\nprint(x)  # done", "42"),
        approved(P, 2, "x = 12 + 30\nprint('x', x)", "42")));
    assertThat(t.sft()).hasSize(2);
    assertThat(t.dropped()).isEqualTo(Map.of("duplicate-code", 1, "unanimous", 1));
  }

  @Test
  void pairsAreCappedAndPreferWrongAnswersBeforeCrashes() {
    JudgedProblem jp = problem(P,
        crashed(P, 0, "print(12 / 0)"),
        approved(P, 1, "print(12 + 30)", "42"),
        crashed(P, 2, "print(pens)"),
        wrong(P, 3, "print(12 * 30)", "360"),
        wrong(P, 4, "print(30 - 12)", "18"),
        approved(P, 5, "print(30 + 12)", "42"));
    TrainingExamples wrongFirst =
        PreferenceBuilders.builder().maxPairsPerProblem(2).build().build(jp);
    assertThat(wrongFirst.pairs()).extracting(p -> p.rejectedKey().sampleIndex())
        .containsExactlyInAnyOrder(3, 4);
    assertThat(wrongFirst.pairs()).extracting(p -> p.chosenKey().sampleIndex())
        .containsExactlyInAnyOrder(1, 5);
    assertThat(wrongFirst.dropped()).containsEntry("pair-cap", 2);
    TrainingExamples crashFirst = PreferenceBuilders.builder().maxPairsPerProblem(3)
        .rejectedOrder(RejectedOrder.CRASH_FIRST).build().build(jp);
    assertThat(crashFirst.pairs()).extracting(p -> p.rejectedKey().sampleIndex())
        .hasSize(3).contains(0, 2);
    assertThat(crashFirst.dropped()).containsEntry("pair-cap", 1);
    TrainingExamples none = PreferenceBuilders.builder().maxPairsPerProblem(0).build().build(jp);
    assertThat(none.pairs()).isEmpty();
  }

  @Test
  void noPairHasChosenEqualToRejected() {
    // the same completion judged both ways (a stochastic critic) must not make a pair
    JudgedProblem jp = problem(P,
        approved(P, 0, "print(12 + 30)", "42"),
        wrong(P, 1, "print(12 + 30)", "42"),
        wrong(P, 2, "print(12 * 30)", "360"),
        wrong(P, 3, "print(12 * 30)", "360"));
    TrainingExamples t = PreferenceBuilders.paper().build(jp);
    assertThat(t.pairs()).singleElement()
        .satisfies(p -> assertThat(p.chosen()).isNotEqualTo(p.rejected()));
    assertThat(t.dropped()).isEqualTo(Map.of("duplicate-rejected", 2));
  }

  @Test
  void problemsWhoseSamplesAllAgreeGiveNoPairs() {
    TrainingExamples allWrong = PreferenceBuilders.paper().build(problem(P,
        wrong(P, 0, "print(1 + 2)", "3"), crashed(P, 1, "print(1 / 0)")));
    assertThat(allWrong.sft()).isEmpty();
    assertThat(allWrong.pairs()).isEmpty();
    assertThat(allWrong.dropped()).isEqualTo(Map.of("unanimous", 1));
  }

  @Test
  @SuppressWarnings("deprecation")
  void aVerdictWrittenBeforeTheTypedAbstentionStillMakesItsProblemUnusable() {
    JudgedSample legacy = Judged.sample(P, 1, "print(42 + 0)",
        Execution.ok("42\n", "42", Duration.ZERO),
        Verdict.of(false, 0.0, UnusableReference.ABSTAIN_JUDGE, "cannot parse the reference"));
    JudgedProblem jp = problem(P, approved(P, 0, "print(12 + 30)", "42"), legacy);
    assertThat(PreferenceBuilders.paper().build(jp))
        .isEqualTo(new TrainingExamples(List.of(), List.of(), Map.of("reference-unusable", 2)));
  }

  @Test
  void problemsWithAnUnusableReferenceAreExcludedAndCounted() {
    JudgedSample abstained = Judged.sample(P, 2, "print(42 + 0)",
        Execution.ok("42\n", "42", Duration.ZERO),
        Verdict.abstain("rules", "cannot parse the reference"));
    JudgedProblem jp = problem(P, approved(P, 0, "print(12 + 30)", "42"),
        wrong(P, 1, "print(12 * 30)", "360"), abstained);
    TrainingExamples t = PreferenceBuilders.paper().build(jp);
    assertThat(t).isEqualTo(
        new TrainingExamples(List.of(), List.of(), Map.of("reference-unusable", 3)));

    Problem blank = new Problem("p2", P.question(), " ", "test", P.language(), Map.of());
    TrainingExamples t2 = PreferenceBuilders.paper().build(
        problem(blank, approved(blank, 0, "print(12 + 30)", "42")));
    assertThat(t2.dropped()).isEqualTo(Map.of("reference-unusable", 1));

    PreferenceBuilder custom = PreferenceBuilders.builder()
        .referenceUnusable(j -> j.problem().referenceAnswer().contains("\\frac")).build();
    Problem frac = Problem.of("p3", "What is half of one?", "\\frac{1}{2}", "math");
    assertThat(custom.build(problem(frac, approved(frac, 0, "print(1/2)", "0.5"))).dropped())
        .isEqualTo(Map.of("reference-unusable", 1));
    assertThat(PreferenceBuilders.builder().referenceUnusable(UnusableReference.never()).build()
        .build(jp).sft()).hasSize(1);
  }

  @Test
  void qualityRulesDropAndFlagApprovedSamples() {
    JudgedProblem jp = problem(P,
        approved(P, 0, "print(42)", "42"),
        approved(P, 1, "a = 20\nb = 22\nprint(a + b)", "42"),
        approved(P, 2, "print(12 + 30)", "42"),
        Judged.sample(P, 3, "print(12 + 30)", Execution.sandboxFailure("no worker", Duration.ZERO),
            Verdict.of(true, "rules")),
        Judged.sample(P, 4, "x = 12 + 30", Execution.ok("", "", Duration.ZERO),
            Verdict.of(true, "rules")));
    TrainingExamples paper = PreferenceBuilders.paper().build(jp);
    assertThat(indexes(paper.sft())).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(paper.dropped()).isEqualTo(Map.of("quality.execution", 1, "sandbox-failure", 1, "unanimous", 1));
    assertThat(paper.flagged()).isEqualTo(Map.of("literal-only", 1, "grounding", 2));
    TrainingExamples strict =
        PreferenceBuilders.builder().quality(QualityPolicy.strict()).build().build(jp);
    assertThat(indexes(strict.sft())).containsExactly(2);
    assertThat(strict.dropped()).isEqualTo(Map.of(
        "quality.literal-only", 1, "quality.grounding", 1, "quality.execution", 1,
        "sandbox-failure", 1, "unanimous", 1));
    assertThat(strict.flagged()).isEmpty();
  }

  @Test
  void sameInputAndSeedGiveTheSameOutput_byteForByte() {
    JudgedProblem jp = bigProblem();
    PreferenceBuilder a = PreferenceBuilders.builder().seed(42).maxSftPerProblem(3).build();
    PreferenceBuilder b = PreferenceBuilders.builder().seed(42).maxSftPerProblem(3).build();
    String first = Json.toLine(a.build(jp));
    assertThat(Json.toLine(b.build(jp))).isEqualTo(first);
    assertThat(Json.toLine(a.build(jp))).isEqualTo(first);
    boolean someSeedDiffers = false;
    for (long seed = 0; seed < 20 && !someSeedDiffers; seed++) {
      String other =
          Json.toLine(PreferenceBuilders.builder().seed(seed).maxSftPerProblem(3).build().build(jp));
      someSeedDiffers = !other.equals(first);
    }
    assertThat(someSeedDiffers).as("the seed chooses among equally confident samples").isTrue();
  }

  @Test
  void mostConfidentApprovalsComeFirst() {
    TrainingExamples t = PreferenceBuilders.builder().maxSftPerProblem(2).build().build(problem(P,
        ran(P, 0, "print(12 + 30)", "42", true, 0.6),
        ran(P, 1, "print(30 + 12)", "42", true, 0.9),
        ran(P, 2, "print(sum([12, 30]))", "42", true, 0.8)));
    assertThat(indexes(t.sft())).containsExactly(1, 2);
  }

  @Test
  void builder_validatesEarlyAndRejectsSettingTwice() {
    PreferenceBuilders.Builder b = PreferenceBuilders.builder().seed(3);
    assertThatThrownBy(() -> b.seed(4))
        .isInstanceOf(IllegalStateException.class).hasMessage("seed was already set to 3");
    assertThatThrownBy(() -> b.minConfidence(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minConfidence must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> b.maxPairsPerProblem(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPairsPerProblem must not be negative, was -1");
    assertThatThrownBy(() -> b.quality(null))
        .isInstanceOf(NullPointerException.class).hasMessage("quality");
    assertThat(b.build().toString()).isEqualTo(b.build().toString());
  }

  @Test
  void emptyProblemGivesNothing() {
    assertThat(PreferenceBuilders.paper().build(new JudgedProblem(P, List.of())))
        .isEqualTo(TrainingExamples.EMPTY);
  }

  /** 16 samples: approved, wrong and crashed, several of each. */
  static JudgedProblem bigProblem() {
    List<JudgedSample> s = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      s.add(switch (i % 3) {
        case 0 -> approved(P, i, code(i), "42");
        case 1 -> wrong(P, i, "print(12 * 30 + " + i + ")", "36" + i);
        default -> crashed(P, i, "print(12 / 0 + " + i + ")");
      });
    }
    return new JudgedProblem(P, s);
  }

  static boolean pairOk(PreferencePair p) {
    return !p.chosen().equals(p.rejected());
  }
}
