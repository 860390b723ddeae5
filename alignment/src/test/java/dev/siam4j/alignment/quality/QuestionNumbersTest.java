package dev.siam4j.alignment.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

final class QuestionNumbersTest {

  @Test
  void hanValue_readsChineseNumerals() {
    assertThat(QuestionNumbers.hanValue("八十")).isEqualTo(80);
    assertThat(QuestionNumbers.hanValue("十五")).isEqualTo(15);
    assertThat(QuestionNumbers.hanValue("一百二十五")).isEqualTo(125);
    assertThat(QuestionNumbers.hanValue("两千零六")).isEqualTo(2006);
    assertThat(QuestionNumbers.hanValue("三万五千")).isEqualTo(35_000);
  }

  @Test
  void of_readsThousandsSeparatorsDecimalsAndPercents() {
    QuestionNumbers q = QuestionNumbers.of("He earns $1,250.50 and saves 12% of it, 3,4 or 5.");
    assertThat(q.contains(new BigDecimal("1250.5"))).isTrue();
    assertThat(q.contains(new BigDecimal("0.12"))).isTrue();
    assertThat(q.contains(new BigDecimal("100"))).isTrue();
    assertThat(q.contains(new BigDecimal("3"))).isTrue();
    assertThat(q.contains(new BigDecimal("4"))).isTrue();
    assertThat(q.contains(new BigDecimal("34"))).isFalse();
    assertThat(q.contains(new BigDecimal("1"))).isTrue();
    assertThat(q.contains(new BigDecimal("0"))).isTrue();
    assertThat(q.contains(new BigDecimal("60"))).isFalse();
  }

  @Test
  void of_aSquareImpliesTheConstantsOfItsRootAndOfTheQuadraticFormula() {
    for (String question : new String[] {"Solve x² = 441.", "Solve x^2 - 5x + 6 = 0.", "Find the roots of the equation.",
        "A number squared is 81. What can the number be?", "哪些数的平方等于81？", "求方程的两个根。"}) {
      QuestionNumbers q = QuestionNumbers.of(question);
      assertThat(q.contains(new BigDecimal("0.5"))).as(question).isTrue();
      assertThat(q.contains(new BigDecimal("2"))).as(question).isTrue();
    }
    assertThat(QuestionNumbers.of("Solve x^2 - 5x + 6 = 0.").contains(new BigDecimal("4"))).isTrue();
    QuestionNumbers plain = QuestionNumbers.of("Solve 3x + 9 = 21.");
    assertThat(plain.contains(new BigDecimal("0.5"))).isFalse();
    assertThat(plain.contains(new BigDecimal("2"))).isFalse();
    assertThat(plain.contains(new BigDecimal("4"))).isFalse();
  }
}
