package dev.siam4j.alignment.preference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.fixtures.SyntheticProblems;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.jsonl.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The invariants of the paper builder, over thousands of generated problems. */
final class PreferenceInvariantsTest {
  private static final int PROBLEMS_PER_CONFIGURATION = 150;

  @Test
  void invariantsHoldForEveryGeneratedProblem() {
    SyntheticProblems gen = new SyntheticProblems(11, 12);
    for (int maxSft : new int[] {0, 1, 4}) {
      for (int maxPairs : new int[] {0, 2, 5}) {
        PreferenceBuilder b = PreferenceBuilders.builder().minConfidence(0.6)
            .maxSftPerProblem(maxSft).maxPairsPerProblem(maxPairs).seed(maxSft * 10L + maxPairs)
            .build();
        long sft = 0;
        long pairs = 0;
        for (int i = 0; i < PROBLEMS_PER_CONFIGURATION; i++) {
          JudgedProblem jp = gen.problem(i);
          TrainingExamples t = b.build(jp);
          check(jp, t, maxSft, maxPairs);
          sft += t.sft().size();
          pairs += t.pairs().size();
        }
        if (maxSft > 0) {
          assertThat(sft).isPositive();
        }
        if (maxPairs > 0) {
          assertThat(pairs).isPositive();
        }
      }
    }
  }

  @Test
  void sameInputAndSeedGiveTheSameBytes() {
    SyntheticProblems gen = new SyntheticProblems(5, 8);
    PreferenceBuilder a = PreferenceBuilders.builder().seed(9).build();
    PreferenceBuilder b = PreferenceBuilders.builder().seed(9).build();
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      first.append(Json.toLine(a.build(gen.problem(i)))).append('\n');
    }
    // a different order of problems gives each problem the same examples
    for (int i = 199; i >= 0; i--) {
      second.insert(0, Json.toLine(b.build(gen.problem(i))) + "\n");
    }
    assertThat(second.toString()).isEqualTo(first.toString());
  }

  private static void check(JudgedProblem jp, TrainingExamples t, int maxSft, int maxPairs) {
    Map<SampleKey, JudgedSample> byKey = new HashMap<>();
    for (JudgedSample s : jp.samples()) {
      byKey.put(s.solution().key(), s);
    }
    assertThat(t.sft()).hasSizeLessThanOrEqualTo(maxSft);
    assertThat(t.pairs()).hasSizeLessThanOrEqualTo(maxPairs);
    Set<SampleKey> sftKeys = new HashSet<>();
    for (SftExample e : t.sft()) {
      JudgedSample s = byKey.get(e.key());
      assertThat(s.verdict().correct()).as("SFT from a NO verdict: %s", e.key()).isTrue();
      assertThat(s.verdict().confidence()).isGreaterThanOrEqualTo(0.6);
      assertThat(s.execution().outcome().isSuccess()).isTrue();
      assertThat(sftKeys.add(e.key())).as("SFT example repeated: %s", e.key()).isTrue();
    }
    Set<String> pairTexts = new HashSet<>();
    for (PreferencePair p : t.pairs()) {
      assertThat(p.chosen()).isNotEqualTo(p.rejected());
      assertThat(byKey.get(p.chosenKey()).verdict().correct()).isTrue();
      assertThat(byKey.get(p.rejectedKey()).verdict().correct()).isFalse();
      assertThat(pairTexts.add(p.chosen() + "\u0000" + p.rejected())).isTrue();
    }
    if (t.dropped().containsKey(PreferenceBuilders.REFERENCE_UNUSABLE)) {
      assertThat(t.sft()).isEmpty();
      assertThat(t.pairs()).isEmpty();
    }
  }
}
