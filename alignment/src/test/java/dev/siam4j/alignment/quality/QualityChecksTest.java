package dev.siam4j.alignment.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.alignment.fixtures.Judged;
import dev.siam4j.core.Execution;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class QualityChecksTest {
  private static final Problem APPLES =
      Problem.of("apples", "A shop has 200 apples and sells 80% of them. How many are sold?",
          "160", "test");

  private static JudgedSample program(Problem p, String code) {
    return Judged.approved(p, 0, code, "160");
  }

  private static boolean computes(String code) {
    return QualityChecks.computes().accepts(APPLES, program(APPLES, code));
  }

  private static boolean grounded(Problem p, String code) {
    return QualityChecks.grounded().accepts(p, program(p, code));
  }

  @Test
  void executesAndPrints_needsCodeSuccessAndAnAnswer() {
    QualityCheck check = QualityChecks.executesAndPrints();
    assertThat(check.accepts(APPLES, program(APPLES, "print(200*0.8)"))).isTrue();
    assertThat(check.accepts(APPLES, Judged.crashed(APPLES, 0, "print(1/0)"))).isFalse();
    JudgedSample silent = Judged.sample(APPLES, 0, "x = 200*0.8",
        Execution.ok("", "", Duration.ZERO), Verdict.of(true, "rules"));
    assertThat(check.accepts(APPLES, silent)).isFalse();
    JudgedSample noCode = Judged.sample(APPLES, 0, "",
        Execution.ok("160\n", "160", Duration.ZERO), Verdict.of(true, "rules"));
    assertThat(check.accepts(APPLES, noCode)).isFalse();
  }

  @Test
  void lengthBetween_boundsAreInclusive() {
    JudgedSample s = program(APPLES, "print(200*0.8)");
    int length = s.solution().completion().text().length();
    assertThat(QualityChecks.lengthBetween(length, length).accepts(APPLES, s)).isTrue();
    assertThat(QualityChecks.lengthBetween(length + 1, length + 5).accepts(APPLES, s)).isFalse();
    assertThat(QualityChecks.lengthBetween(0, length - 1).accepts(APPLES, s)).isFalse();
  }

  @Test
  void lengthBetween_rejectsBadBounds() {
    assertThatThrownBy(() -> QualityChecks.lengthBetween(-1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minChars must not be negative, was -1");
    assertThatThrownBy(() -> QualityChecks.lengthBetween(5, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxChars must be at least minChars (5), was 3");
  }

  @Test
  void computes_literalOnlyProgramsFail() {
    assertThat(computes("print(160)")).isFalse();
    assertThat(computes("answer = 160\nprint(answer)")).isFalse();
    assertThat(computes("print(f\"The answer is {160}\")")).isFalse();
    assertThat(computes("print(-160)")).isFalse();
    assertThat(computes("a=-160\nprint(a)")).isFalse();
    assertThat(computes("# 200 * 0.8 = 160\nprint(160)  # 200*0.8")).isFalse();
    assertThat(computes("print('200 * 0.8 = 160')")).isFalse();
    assertThat(computes("print(str(160))")).isFalse();
    assertThat(computes("\"\"\"200 - 40\"\"\"\nprint(160)")).isFalse();
  }

  @Test
  void computes_arithmeticCallsLoopsAndFStringExpressionsPass() {
    assertThat(computes("print(200*0.8)")).isTrue();
    assertThat(computes("a = 200\nb = a * 80 / 100\nprint(b)")).isTrue();
    assertThat(computes("print(f\"{200*0.8:.0f}\")")).isTrue();
    assertThat(computes("print(sum([100, 60]))")).isTrue();
    assertThat(computes("x = 0\nfor i in range(2):\n    x = 160\nprint(x)")).isTrue();
    assertThat(computes("from sympy import Rational\nprint(Rational(160))")).isTrue();
    assertThat(computes("x = 200\nx -= 40\nprint(x)")).isTrue();
    assertThat(computes("print(2**-1)")).isTrue();
    assertThat(computes("print(200 - -40)")).isTrue();
    assertThat(computes("import math\nprint(math.pi)")).isFalse();
  }

  @Test
  void computes_passesSamplesWithoutCode() {
    JudgedSample noCode = Judged.sample(APPLES, 0, "",
        Execution.ok("160\n", "160", Duration.ZERO), Verdict.of(true, "rules"));
    assertThat(QualityChecks.computes().accepts(APPLES, noCode)).isTrue();
  }

  @Test
  void grounded_flagsNumbersThatDoNotComeFromTheQuestion() {
    // the measured failure: the right number, for the wrong reason
    assertThat(grounded(APPLES, "a=20;b=8;print(a*b)")).isFalse();
    assertThat(grounded(APPLES, "print(160)")).isFalse();
  }

  @Test
  void grounded_acceptsQuestionNumbersAndImpliedConstants() {
    assertThat(grounded(APPLES, "apples = 200\nsold = apples * 80 / 100\nprint(sold)")).isTrue();
    assertThat(grounded(APPLES, "print(200 * 0.8)")).isTrue();
    assertThat(grounded(APPLES, "print(int(200 * 0.80))")).isTrue();
    assertThat(grounded(APPLES, "print(round(200 * (1 - 0.2), 0))")).isFalse();
    Problem hours = Problem.of("h", "Tom reads for 2.5 hours a day. How many minutes is that?",
        "150", "test");
    assertThat(grounded(hours, "print(2.5 * 60)")).isTrue();
    assertThat(grounded(hours, "print(2.5 * 61)")).isFalse();
    Problem words = Problem.of("w", "A dozen eggs cost $1,200 in total... for twelve boxes?",
        "100", "test");
    assertThat(grounded(words, "print(1_200 / 12)")).isTrue();
    assertThat(grounded(words, "print(1200 / 12.0)")).isTrue();
    Problem decimals = Problem.of("d", "A pen costs .5 dollars; how much do 3 pens cost?", "1.5",
        "test");
    assertThat(grounded(decimals, "print(0.5 * 3)")).isTrue();
  }

  @Test
  void grounded_readsChineseQuestions() {
    Problem zh = Problem.of("zh", "小明有两个苹果，又买了5个，一共有多少个苹果？", "7", "test");
    assertThat(grounded(zh, "print(2 + 5)")).isTrue();
    assertThat(grounded(zh, "print(3 + 4)")).isFalse();
    Problem percent = Problem.of("zh2", "商店有200个苹果，卖出了百分之八十，卖出多少个？", "160",
        "test");
    assertThat(grounded(percent, "print(200 * 80 / 100)")).isTrue();
  }

  @Test
  void grounded_ignoresCommentsStringsAndPassesProgramsWithoutLiterals() {
    assertThat(grounded(APPLES, "# 17 is not used\nprint('answer 99:', 200 * 0.8)")).isTrue();
    assertThat(grounded(APPLES, "import math\nprint(math.pi)")).isTrue();
    assertThat(grounded(APPLES, "print(0x10)")).isFalse();
    assertThat(grounded(APPLES, "print(2e2 * .8)")).isTrue();
  }
}
