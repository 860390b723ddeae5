package dev.siam4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Completion;
import dev.siam4j.core.Execution;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Solution;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Invariants every {@link PreferenceBuilder} keeps. An implementation's test class implements this
 * interface and supplies the builder.
 */
public interface PreferenceBuilderContract {

  /** @return the builder under test */
  PreferenceBuilder builder();

  /** A judged sample of problem "p" whose program prints {@code printed}. */
  static JudgedSample sample(int index, String question, String code, String printed, boolean correct) {
    Prompt prompt = Prompt.raw("Question: " + question + "\n```python\n");
    String completion = code + "\n```";
    Solution s =
        new Solution(
            new SampleKey("p", index, 0),
            prompt,
            new Completion(completion, Completion.FinishReason.STOP, 10, 20),
            code);
    return new JudgedSample(
        s, Execution.ok(printed + "\n", printed, Duration.ofMillis(3)), Verdict.of(correct, "test"));
  }

  /** A problem with two correct and three wrong samples, all computing from the question. */
  static JudgedProblem mixed() {
    String q = "A shop has 200 apples and sells 80% of them. How many apples are sold?";
    Problem p = Problem.of("p", q, "160", "contract");
    List<JudgedSample> samples = new ArrayList<>();
    samples.add(sample(0, q, "apples = 200\nsold = apples * 80 / 100\nprint(int(sold))", "160", true));
    samples.add(sample(1, q, "total = 200\nrate = 80 / 100\nprint(int(total * rate))", "160", true));
    samples.add(sample(2, q, "apples = 200\nprint(apples - 80)", "120", false));
    samples.add(sample(3, q, "apples = 200\nprint(apples * 80)", "16000", false));
    samples.add(sample(4, q, "apples = 200\nprint(apples + 80)", "280", false));
    return new JudgedProblem(p, samples);
  }

  @Test
  default void build_makesNoSftExampleFromARejectedSample() {
    TrainingExamples out = builder().build(mixed());
    assertThat(out.sft()).isNotEmpty();
    for (SftExample e : out.sft()) {
      assertThat(e.key().sampleIndex()).isIn(0, 1);
    }
  }

  @Test
  default void build_pairsApprovedAgainstRejectedAndNeverEqual() {
    TrainingExamples out = builder().build(mixed());
    assertThat(out.pairs()).isNotEmpty();
    for (PreferencePair pair : out.pairs()) {
      assertThat(pair.chosenKey().sampleIndex()).isIn(0, 1);
      assertThat(pair.rejectedKey().sampleIndex()).isIn(2, 3, 4);
      assertThat(pair.chosen()).isNotEqualTo(pair.rejected());
    }
  }

  @Test
  default void build_givesNoPairsWhenEverySampleAgrees() {
    JudgedProblem all = mixed();
    List<JudgedSample> correctOnly = all.samples().subList(0, 2);
    assertThat(builder().build(new JudgedProblem(all.problem(), correctOnly)).pairs()).isEmpty();
  }

  @Test
  default void build_isDeterministic() {
    assertThat(builder().build(mixed())).isEqualTo(builder().build(mixed()));
  }
}
