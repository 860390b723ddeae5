package dev.siam4j.critic.equivalence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Execution;
import dev.siam4j.critic.TestSandbox;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

final class AnswerEquivalenceTest {
  private final AnswerEquivalence rules = AnswerEquivalence.rules();

  @Test
  void builder_relativeToleranceOutOfRange_isRejected() {
    assertThatThrownBy(() -> AnswerEquivalence.builder().relativeTolerance(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relativeTolerance must be in (0, 0.1], was 0.0");
  }

  @Test
  void builder_valueSetTwice_namesTheOldValue() {
    assertThatThrownBy(() -> AnswerEquivalence.builder().relativeTolerance(1e-6).relativeTolerance(1e-7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("relativeTolerance was already set to 1.0E-6");
  }

  @Test
  void builder_timeoutWithoutExecutor_isRejectedAtBuild() {
    assertThatThrownBy(() -> AnswerEquivalence.builder().symbolicTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("symbolicTimeout needs symbolic(executor)");
  }

  @Test
  void compare_nullArgument_isRejected() {
    assertThatThrownBy(() -> rules.compare(null, "1"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reference");
  }

  @Test
  void rules_decideAndNameThemselves() {
    Comparison c = rules.compare("x = 2 or x = -2", "[-2, 2]");
    assertThat(c.result()).isEqualTo(Equivalence.EQUAL);
    assertThat(c.method()).isEqualTo("rules");
    assertThat(c.decided()).isTrue();
  }

  @Test
  void emptyPrediction_isNotEqual_emptyReference_isUnknown() {
    assertThat(rules.compare("5", "  ").result()).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(rules.compare("", "5").result()).isEqualTo(Equivalence.UNKNOWN);
  }

  @Test
  void rulesAlone_leaveWhatTheyCannotReadUnknown() {
    Comparison c = rules.compare("gamma(5)", "24");
    assertThat(c.result()).isEqualTo(Equivalence.UNKNOWN);
    assertThat(c.method()).isEqualTo("none");
  }

  @Test
  @Timeout(60)
  void towerOfPowers_isDecidedWithoutComputingIt() {
    assertThat(rules.compare("10^{10^{10}}", "10000000000").result()).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(rules.compare("10^{10^{10}}", "10**(10**10)").result()).isEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("10^{10^{10^{10}}}", "10^{10^{10^{10}}} + 1").result())
        .isIn(Equivalence.UNKNOWN, Equivalence.NOT_EQUAL);
  }

  @Test
  void factorialTrap_tellsNeighboursApartExactly() {
    assertThat(rules.compare("\\frac{1}{2004!}", "1/2006!").result()).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(rules.compare("\\frac{1}{2004!}", "1/(2004!)").result()).isEqualTo(Equivalence.EQUAL);
  }

  @Test
  void chineseWords_thatStartWithANumeral_areNotNumbers() {
    assertThat(rules.compare("三角形", "3").result()).isNotEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("一些", "1").result()).isNotEqualTo(Equivalence.EQUAL);
    assertThat(ChineseNumerals.value("九十九")).isEqualTo(new java.math.BigInteger("99"));
    assertThat(ChineseNumerals.value("一二")).isNull();
  }

  @Test
  void leadingZeros_areTheSameInteger() {
    assertThat(rules.compare("016", "16").result()).isEqualTo(Equivalence.EQUAL);
  }

  @Test
  void floatNoiseAroundZero_isZero_butATinyReferenceIsNotZero() {
    assertThat(rules.compare("0", "1.1102230246251565e-16").result()).isEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("1e-20", "0").result()).isEqualTo(Equivalence.NOT_EQUAL);
  }

  @Test
  void garbage_neverThrows() {
    for (String s : new String[] {"((((", "\\frac{", "}{", "\\boxed{", "1/0", "0^0", "sqrt(-1)", "¶", "==", "[,]", "x=", "=5", "(-oo, oo)"}) {
      assertThat(rules.compare(s, "1")).isNotNull();
      assertThat(rules.compare("1", s)).isNotNull();
    }
  }

  @Test
  @Timeout(120)
  void randomMathLikeText_neverThrowsAndAlwaysAnswers() {
    java.util.Random random = new java.util.Random(20261130);
    String alphabet = "0123456789.,+-*/^()[]{}=<>!%$ xyzabe\\_|±√π或元 ";
    String[] tokens = {"\\frac", "\\sqrt", "\\boxed{", "\\left(", "\\right)", "\\pi", "\\infty", "\\cup", "Interval(", "Matrix([[", "sqrt(", "Rational(", "\\begin{pmatrix}", "\\end{pmatrix}", " or ", "\\\\", "&", "\\text{", "e", "**"};
    for (int i = 0; i < 3000; i++) {
      StringBuilder a = new StringBuilder();
      int n = 1 + random.nextInt(30);
      for (int j = 0; j < n; j++) {
        if (random.nextInt(4) == 0) {
          a.append(tokens[random.nextInt(tokens.length)]);
        } else {
          a.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String other = random.nextBoolean() ? "2" : a.reverse().toString();
      Comparison c = rules.compare(a.toString(), other);
      assertThat(c.result()).isNotNull();
    }
  }

  @Test
  @Timeout(60)
  void hugeOutputs_areBoundedWork() {
    String longList = "[" + "1, ".repeat(50_000) + "1]";
    assertThat(rules.compare("[1, 1]", longList).result()).isNotNull();
    assertThat(rules.compare("5 cm", "5" + " cm".repeat(20_000)).result()).isNotNull();
    String nested = "(".repeat(20_000) + "1" + ")".repeat(20_000);
    assertThat(rules.compare("1", nested).result()).isNotNull();
  }

  @Test
  void symbolic_usesSympyWhereRulesCannotRead() {
    AnswerEquivalence eq = AnswerEquivalence.builder().symbolic(TestSandbox.shared()).build();
    Comparison c = eq.compare("gamma(5)", "24");
    assertThat(c.result()).isEqualTo(Equivalence.EQUAL);
    assertThat(c.method()).isEqualTo("sympy");
    assertThat(eq.compare("floor(7/2)", "4").result()).isEqualTo(Equivalence.NOT_EQUAL);
  }

  @Test
  void symbolic_refusesHugePowersInsteadOfHanging() {
    AnswerEquivalence eq = AnswerEquivalence.builder().symbolic(TestSandbox.shared()).build();
    Comparison c = eq.compare("floor(10**(10**10))", "1");
    assertThat(c.result()).isEqualTo(Equivalence.UNKNOWN);
    assertThat(c.reason()).contains("power too large");
  }

  @Test
  void symbolic_neverSendsUnsafeText() {
    AtomicInteger calls = new AtomicInteger();
    AnswerEquivalence eq =
        AnswerEquivalence.builder()
            .symbolic(code -> {
              calls.incrementAndGet();
              return Execution.ok("", "", Duration.ZERO);
            })
            .build();
    Comparison c = eq.compare("__import__('os').system('true')", "1");
    assertThat(c.result()).isEqualTo(Equivalence.UNKNOWN);
    assertThat(calls).hasValue(0);
  }

  @Test
  void symbolic_executorFailure_isUnknownNotAnException() {
    AnswerEquivalence eq =
        AnswerEquivalence.builder()
            .symbolic(code -> Execution.sandboxFailure("no python", Duration.ZERO))
            .build();
    Comparison c = eq.compare("gamma(5)", "24");
    assertThat(c.result()).isEqualTo(Equivalence.UNKNOWN);
    assertThat(c.reason()).isEqualTo("symbolic check ended SANDBOX_FAILURE");
  }
}
