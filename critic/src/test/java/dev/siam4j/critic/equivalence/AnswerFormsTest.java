package dev.siam4j.critic.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The answer forms of relations, rounded decimals, matrices, program-printed values and error
 * text, each judged in both argument orders.
 */
final class AnswerFormsTest {
  private final AnswerEquivalence rules = AnswerEquivalence.rules();

  private void bothOrders(String a, String b, Equivalence expected) {
    assertThat(rules.compare(a, b).result()).as("'%s' vs '%s'", a, b).isEqualTo(expected);
    assertThat(rules.compare(b, a).result()).as("'%s' vs '%s'", b, a).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      x \\geq 5          | 5 \\leq x
      x \\geq 5          | x >= 5
      5 \\leq x          | x >= 5
      -x > -1           | x < 1
      -x >= -1          | x <= 1
      x \\neq 3          | x != 3
      x != 3            | (-oo, 3) U (3, oo)
      x = 5+5+1 = 11    | 11
      x = 5+5+1 = 7 =11 | x = 11
      x \\approx 11      | 11
      x = 1/3 \\approx 0.33 | 1/3
      \\frac{\\sqrt{3}}{3} \\approx 0.577 | \\frac{\\sqrt{3}}{3}
      -2 \\le x \\le 7   | x \\in [-2,7]
      1 = 2 - 1         | 1
      f(x) = 2x + 1     | 2x+1
      """)
  void relations_equal(String a, String b) {
    bothOrders(a, b, Equivalence.EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      x > 5             | x < 5
      x \\geq 5          | x \\leq 5
      x < 1             | x > -1
      x != 3            | x != 4
      7 = 11a+c         | 11a+c
      a + 3z = 0        | 0
      2x + z = 1        | 1
      """)
  void relations_notEqual(String a, String b) {
    bothOrders(a, b, Equivalence.NOT_EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      (0.6, 2.6667]                 | (\\frac{3}{5}, \\frac{8}{3}]
      33.33                         | \\frac{100}{3}
      \\frac{1}{12}                  | 0.0833333333333333
      (1, 4.5)                      | (1, \\frac{9}{2})
      """)
  void roundedDecimals_againstExactValues_equal(String a, String b) {
    bothOrders(a, b, Equivalence.EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      \\frac{1}{3}              | 0.333     | EQUAL
      \\frac{1}{3}              | 0.33      | NOT_EQUAL
      \\frac{8}{3}              | 2.6667    | EQUAL
      \\frac{8}{3}              | 2.67      | EQUAL
      \\frac{\\sqrt{3}}{3}      | 0.577     | EQUAL
      \\frac{\\sqrt{3}}{3}      | 0.58      | NOT_EQUAL
      \\frac{7}{12}             | 0.58      | NOT_EQUAL
      0.33                     | \\frac{1}{3} | EQUAL
      0.33                     | 0.333333  | EQUAL
      0.58                     | \\frac{7}{12} | EQUAL
      """)
  void aRoundedPrediction_needsThreeSignificantDigits_aRoundedReferenceTwo(
      String reference, String prediction, Equivalence expected) {
    assertThat(rules.compare(reference, prediction).result()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aReferenceMayBeRoundedToOnePlace_aPredictionNeedsTwo() {
    assertThat(rules.compare("33.3", "\\frac{100}{3}").result()).isEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("\\frac{100}{3}", "33.3").result()).isEqualTo(Equivalence.NOT_EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      0.3                           | \\frac{1}{3}
      (0.6, 2.66]                   | (\\frac{3}{5}, \\frac{8}{3}]
      1/3                           | 0.3334
      """)
  void decimalsTooCoarseOrWrong_areNotEqual(String a, String b) {
    bothOrders(a, b, Equivalence.NOT_EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} | \\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix}
      \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} | \\left[\\begin{array}{cc}1 & 2 \\\\ 3 & 4\\end{array}\\right]
      \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} | (\\begin{pmatrix}1 & 2 \\\\ 3 & 4 \\\\ \\end{pmatrix})
      \\begin{pmatrix}0.290\\\\0.196\\\\-0.186\\end{pmatrix} | \\begin{pmatrix}0.290243531202435\\\\0.196008371385084\\\\-0.186381278538813\\end{pmatrix}
      \\begin{pmatrix}\\frac{1}{2} & \\frac{1}{4}\\end{pmatrix} | \\begin{pmatrix}0.5 & 0.25\\end{pmatrix}
      """)
  void matrices_inEveryNotation_equal(String a, String b) {
    bothOrders(a, b, Equivalence.EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      \\begin{pmatrix}6 & 8 \\\\ 10 & 12\\end{pmatrix} | \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} + \\begin{pmatrix}5 & 6 \\\\ 7 & 8\\end{pmatrix}
      \\begin{pmatrix}19 & 22 \\\\ 43 & 50\\end{pmatrix} | \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} \\begin{pmatrix}5 & 6 \\\\ 7 & 8\\end{pmatrix}
      \\begin{pmatrix}20 & 24 \\\\ 46 & 54\\end{pmatrix} | \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} \\cdot \\begin{pmatrix}5 & 6 \\\\ 7 & 8\\end{pmatrix} + \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}
      """)
  void writtenMatrixArithmetic_isComputed(String a, String b) {
    bothOrders(a, b, Equivalence.EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} | \\begin{bmatrix}1 & 2 \\\\ 3 & 5\\end{bmatrix}
      \\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} | \\begin{pmatrix}1 & 3 \\\\ 2 & 4\\end{pmatrix}
      """)
  void differentMatrices_areNotEqual(String a, String b) {
    bothOrders(a, b, Equivalence.NOT_EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      3+4i                  | 3 + 4*I
      3+4i                  | (3+4j)
      3 + 4*I               | (3+4j)
      Eq(y, 2*x + 1)        | y = 2x + 1
      The total is 18       | 18
      总共有 18 个           | 18
      185\\                  | 185
      1,22                  | 1.22
      0,111                 | 0.111
      1000,99               | 1000.99
      56,\\!01,\\!78,\\!95,\\!760 | 56017895760
      11,\\! 111,\\! 111,\\! 100 | 11111111100
      1112112_3             | 1121
      Evelyn                | \\text{evelyn}
      C. x = 42             | C
      (C)                   | C
      """)
  void programPrintedAndTextForms_equal(String a, String b) {
    bothOrders(a, b, Equivalence.EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      3+4i                  | 3 - 4*I
      (3+4j)                | 3
      Eq(y, 2*x + 1)        | y = 2x - 1
      The total is 18       | 17
      1,22                  | 1.23
      32, 349               | 32349
      1112112_3             | 1112122_3
      E                     | E'
      C. x = 42             | D
      1, 2, 3, ...          | 1, 2, 3
      """)
  void programPrintedAndTextForms_notEqual(String a, String b) {
    bothOrders(a, b, Equivalence.NOT_EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      (3, 1)  | 1, 3
      (1, 3)  | 3, 1
      """)
  void aTuple_againstBareValues_keepsItsOrder(String a, String b) {
    bothOrders(a, b, Equivalence.NOT_EQUAL);
    assertThat(rules.compare("(1, 3)", "1, 3").result()).isEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("{1, 3}", "3, 1").result()).isEqualTo(Equivalence.EQUAL);
  }

  @org.junit.jupiter.api.Test
  void aSentenceThatDeniesItsNumber_isNotReadAsThatNumber() {
    assertThat(rules.compare("5", "The answer is not 5").result()).isNotEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("18", "总数不是 18").result()).isNotEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("18", "We found 3 boxes and 18 apples").result()).isNotEqualTo(Equivalence.EQUAL);
  }

  @org.junit.jupiter.api.Test
  void aTraceback_asThePrediction_isNotEqualWithTheReason() {
    String traceback = "Traceback (most recent call last):\n  File \"<string>\", line 262, in _child\n"
        + "  File \"<string>\", line 3, in <module>\nZeroDivisionError: division by zero";
    Comparison c = rules.compare("12", traceback);
    assertThat(c.result()).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(c.reason()).isEqualTo("the prediction is an error message");
    assertThat(rules.compare("12", "NameError: name 'x' is not defined").result()).isEqualTo(Equivalence.NOT_EQUAL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      40/9              | 4 4/9              | EQUAL
      -40/9             | -4 4/9             | EQUAL
      71/6              | +11 5/6            | EQUAL
      9004/9            | 1 000 4/9          | EQUAL
      40/900            | 4 4/9 percent      | EQUAL
      4                 | 4 4/9              | NOT_EQUAL
      4                 | 4 4/0              | NOT_EQUAL
      0                 | 0 0/0              | NOT_EQUAL
      12:00             | 1:00               | NOT_EQUAL
      12:00             | 12:00              | EQUAL
      (p,q)=(3,2)       | (3,2)              | EQUAL
      (p,q)=(3,2)       | (2,3)              | NOT_EQUAL
      V_{1}:V_{2}=11:21 | 11:21              | EQUAL
      AB=4,CD=5         | 4, 5               | EQUAL
      p=5,q=2;p=7,q=2   | (5,2),(7,2)        | EQUAL
      p=5,q=2;p=7,q=2   | p = 5, q = 2 \\text{ and } p = 7, q = 2 | EQUAL
      p=5,q=2;p=7,q=2   | p = 5, q = 3 \\text{ and } p = 7, q = 2 | NOT_EQUAL
      (11,7)or(7,11)    | (7,11), (11,7)     | EQUAL
      0<f(x)<1          | (0,1)              | EQUAL
      0<f(x)<1          | [0,1)              | NOT_EQUAL
      """)
  void mixedNumbers_divisionByZero_times_andNamedValues_inBothOrders(String a, String b, Equivalence expected) {
    bothOrders(a, b, expected);
  }

  @org.junit.jupiter.api.Test
  void numbersOnSeparateLines_areNotAMixedNumber() {
    assertThat(rules.compare("71/6", "11\n5/6").result()).isNotEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("71/6", "11 5/6").result()).isEqualTo(Equivalence.EQUAL);
  }
}
