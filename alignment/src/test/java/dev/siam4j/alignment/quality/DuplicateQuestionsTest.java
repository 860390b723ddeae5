package dev.siam4j.alignment.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class DuplicateQuestionsTest {

  @Test
  void duplicateOf_findsTheSameQuestionAcrossSourcesAfterNormalisation() {
    DuplicateQuestions d = DuplicateQuestions.create();
    assertThat(d.duplicateOf(Problem.of("a1", "Tom has 3 apples. How many?", "3", "gsm8k"))).isEmpty();
    assertThat(d.duplicateOf(Problem.of("b1", "tom has 3 apples -- how many", "3", "mix")))
        .contains("gsm8k");
    assertThat(d.duplicateOf(Problem.of("b2", "Tom has 4 apples. How many?", "4", "mix"))).isEmpty();
    assertThat(d.duplicateOf(Problem.of("a2", "Tom  has 3 apples. How many?", "3", "gsm8k")))
        .contains("gsm8k");
    assertThat(d.duplicateOf(Problem.of("c1", "小明有３个苹果。", "3", "cmath"))).isEmpty();
    assertThat(d.duplicateOf(Problem.of("c2", "小明有3个苹果", "3", "mix"))).contains("cmath");
    assertThat(d.distinct()).isEqualTo(3);
    assertThat(d.droppedBySource()).isEqualTo(Map.of("mix", 2, "gsm8k", 1));
  }

  @Test
  void normalize_keepsLettersAndDigitsOnly() {
    assertThat(DuplicateQuestions.normalize("  What is 2+2?\nAnswer: ")).isEqualTo("what is 2 2 answer");
  }
}
