package dev.siam4j.alignment.train.internal.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Each loss on fixed log-probabilities, against values worked out by hand (the decimals were checked
 * with a calculator; the derivation is in each comment).
 */
final class LossesTest {
  // gap = (-10 - -11) - (-14 - -13) = 1 - (-1) = 2
  private static final PairLogProbs PAIR = new PairLogProbs(-10, -14, -11, -13, 5, 7);
  private static final double EPS = 1e-12;

  @Test
  void sft_isTheTokenMeanNll() {
    // (10 + 14) / (5 + 7) = 2
    assertThat(Losses.sft(new double[] {-10, -14}, new int[] {5, 7})).isCloseTo(2.0, within(EPS));
  }

  @Test
  void sft_mismatchedLengths_fails() {
    assertThatThrownBy(() -> Losses.sft(new double[] {-1}, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need as many lengths as log-probabilities, and at least one; got 1 and 2");
  }

  @Test
  void dpo_isMinusLogSigmoidOfBetaTimesGap() {
    assertThat(PAIR.logRatioGap()).isEqualTo(2.0);
    // -log sigmoid(0.1 * 2) = log(1 + e^-0.2) = log(1.8187307531) = 0.5981388694
    assertThat(Losses.dpo(PAIR, 0.1)).isCloseTo(0.5981388693815918, within(EPS));
  }

  @Test
  void dpo_atZeroGap_isLog2() {
    PairLogProbs tie = new PairLogProbs(-3, -4, -3, -4, 2, 2);
    assertThat(Losses.dpo(tie, 0.5)).isCloseTo(Math.log(2), within(EPS));
  }

  @Test
  void dpo_hugeNegativeGap_staysFinite() {
    PairLogProbs bad = new PairLogProbs(-500, -100, -100, -100, 2, 2);
    // -log sigmoid(-40) = 40 + log(1 + e^-40) = 40 to double precision
    assertThat(Losses.dpo(bad, 0.1)).isCloseTo(40.0, within(1e-9));
  }

  @Test
  void dpoNll_addsLambdaTimesChosenTokenNll() {
    // 0.5981388694 + 1.0 * (10 / 5)
    assertThat(Losses.dpoNll(PAIR, 0.1, 1.0)).isCloseTo(2.5981388693815918, within(EPS));
    assertThat(Losses.dpoNll(PAIR, 0.1, 0.0)).isCloseTo(Losses.dpo(PAIR, 0.1), within(EPS));
  }

  @Test
  void ipo_isSquaredDistanceToHalfInverseBeta() {
    // (2 - 1 / (2 * 0.5))^2 = (2 - 1)^2 = 1; with beta 0.25 the target 2 is met: 0
    assertThat(Losses.ipo(PAIR, 0.5)).isCloseTo(1.0, within(EPS));
    assertThat(Losses.ipo(PAIR, 0.25)).isCloseTo(0.0, within(EPS));
  }

  @Test
  void orpo_equalOdds_isNllPlusLambdaLog2() {
    // chosen mean -10/5 = -2 = rejected mean -14/7: odds ratio 1, -log sigmoid(0) = log 2
    assertThat(Losses.orpo(PAIR, 0.1)).isCloseTo(2.0 + 0.1 * Math.log(2), within(EPS));
  }

  @Test
  void orpo_unequalOdds() {
    // chosen mean -3/4 = -0.75: logOdds = -0.75 - log(1 - e^-0.75) = -0.1106465350
    // rejected mean -9/6 = -1.5: logOdds = -1.5 - log(1 - e^-1.5) = -1.2475175411
    // 0.75 - 0.1 * log sigmoid(1.1368710061) = 0.75 + 0.1 * 0.2782537407
    PairLogProbs p = new PairLogProbs(-3, -9, -1, -1, 4, 6);
    assertThat(Losses.orpo(p, 0.1)).isCloseTo(0.7778253740708009, within(EPS));
  }

  @Test
  void simpo_isLengthNormalisedWithMargin() {
    // 2 * (-10/5 - -14/7) = 0; -log sigmoid(0 - 0.5) = log(1 + e^0.5) = 0.9740769842
    assertThat(Losses.simpo(PAIR, 2.0, 0.5)).isCloseTo(0.9740769841801067, within(EPS));
  }

  @Test
  void kto_desirableAndUndesirable() {
    // desirable: r = -10 - -11 = 1; 1 - sigmoid(0.1 * (1 - 0.5)) = 1 - sigmoid(0.05)
    assertThat(Losses.kto(-10, -11, true, 0.5, 0.1)).isCloseTo(0.48750260351578967, within(EPS));
    // undesirable: r = -14 - -13 = -1; 1 - sigmoid(0.1 * (0.5 - -1)) = 1 - sigmoid(0.15)
    assertThat(Losses.kto(-14, -13, false, 0.5, 0.1)).isCloseTo(0.4625701546562504, within(EPS));
  }

  @Test
  void ktoReferencePoint_isClampedMean() {
    assertThat(Losses.ktoReferencePoint(new double[] {1, 2})).isEqualTo(1.5);
    assertThat(Losses.ktoReferencePoint(new double[] {1, -3})).isEqualTo(0.0);
  }

  @Test
  void nonPositiveBeta_fails() {
    assertThatThrownBy(() -> Losses.dpo(PAIR, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("beta must be positive, was 0.0");
  }

  @Test
  void positiveLogProbability_fails() {
    assertThatThrownBy(() -> new PairLogProbs(0.5, -1, -1, -1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policyChosen must be a finite log-probability, was 0.5");
  }
}
