package dev.siam4j.alignment.decontamination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DecontaminatorTest {
  private static final String EVAL =
      "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes "
          + "muffins for her friends every day with four.";

  private static Decontaminator index() {
    return Decontaminator.builder()
        .addAll("gsm8k-test", List.of(Problem.of("test-0", EVAL, "18", "gsm8k")))
        .build();
  }

  @Test
  void check_findsAThirteenGramSharedWithAnEvaluationQuestion() {
    // 13 tokens of the evaluation question, with different case and punctuation
    String training = "Consider this: SHE eats three, for breakfast every morning and bakes muffins "
        + "for her friends! Then what?";
    assertThat(index().check(Problem.of("train-7", training, "1", "synthetic")))
        .contains(new Contamination("train-7", "gsm8k-test", "test-0",
            "she eats three for breakfast every morning and bakes muffins for her friends"));
  }

  @Test
  void check_passesTwelveSharedTokens() {
    String training = "She eats three for breakfast every morning and bakes muffins for her cats.";
    assertThat(index().check("train-8", training)).isEmpty();
  }

  @Test
  void check_honoursTheConfiguredSize() {
    Decontaminator d = Decontaminator.builder().ngramSize(5).add("math-test", "m1",
        "Find the area of the circle with radius 3.").build();
    assertThat(d.ngramSize()).isEqualTo(5);
    assertThat(d.check("t", "Now find the AREA of the circle, quickly")).isPresent();
    assertThat(d.check("t", "find the area of a circle")).isEmpty();
  }

  @Test
  void check_readsChineseCharacterByCharacter() {
    Decontaminator d = Decontaminator.builder().ngramSize(8)
        .add("cmath-test", "c1", "小明有5个苹果，小红给了他3个，现在小明有几个苹果？").build();
    assertThat(d.check("t1", "题目：小红给了他3个，现在小明有几个？"))
        .map(Contamination::ngram).contains("小 红 给 了 他 3 个 现");
    assertThat(d.check("t2", "小红给了她3个梨")).isEmpty();
  }

  @Test
  void check_findsShortQuestionsWhenEqual() {
    Decontaminator d = Decontaminator.builder().add("s", "e1", "What is 2 + 2?").build();
    assertThat(d.check("t", "what is 2+2")).isPresent();
    assertThat(d.check("t", "what is 2+3")).isEmpty();
    assertThat(d.check("t", "")).isEmpty();
  }

  @Test
  void builder_validates() {
    assertThatThrownBy(() -> Decontaminator.builder().ngramSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ngramSize must be positive, was 0");
    assertThatThrownBy(() -> Decontaminator.builder().ngramSize(8).ngramSize(9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ngramSize was already set to 8");
    assertThat(Decontaminator.builder().build().indexedNgrams()).isZero();
    assertThat(index().indexedNgrams()).isEqualTo(25 - 13 + 1);
  }
}
