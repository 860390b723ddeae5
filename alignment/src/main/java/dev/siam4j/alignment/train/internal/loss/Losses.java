package dev.siam4j.alignment.train.internal.loss;

import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * The training objectives as plain functions of per-sequence log-probabilities, in doubles: the
 * specification that {@link NdLosses} (the differentiable versions) is tested against.
 *
 * <p>All log-probabilities are sums over a completion's tokens given its prompt (never over the
 * prompt). Losses of one example; a batch's loss is the mean over its examples, except SFT which is
 * the mean over tokens. Stateless and thread-safe.
 */
public final class Losses {
  private Losses() {}

  /**
   * Negative log-likelihood per token of a batch of completions: {@code -sum(logProbs) /
   * sum(lengths)}.
   *
   * @param logProbSums each completion's summed token log-probability
   * @param lengths each completion's token count
   * @return the token-mean NLL
   */
  public static double sft(double[] logProbSums, int[] lengths) {
    Objects.requireNonNull(logProbSums, "logProbSums");
    Objects.requireNonNull(lengths, "lengths");
    if (logProbSums.length != lengths.length || lengths.length == 0) {
      throw new IllegalArgumentException(
          "need as many lengths as log-probabilities, and at least one; got "
              + logProbSums.length
              + " and "
              + lengths.length);
    }
    double sum = 0;
    long tokens = 0;
    for (int i = 0; i < lengths.length; i++) {
      sum += logProbSums[i];
      tokens += Checks.positive(lengths[i], "lengths[" + i + "]");
    }
    return -sum / tokens;
  }

  /**
   * DPO (Rafailov et al. 2023): {@code -log sigmoid(beta * gap)} with {@code gap} the log-ratio gap
   * of {@link PairLogProbs#logRatioGap()}.
   *
   * @param p the pair's log-probabilities
   * @param beta the temperature, positive
   * @return the loss
   */
  public static double dpo(PairLogProbs p, double beta) {
    positive(beta, "beta");
    return -logSigmoid(beta * p.logRatioGap());
  }

  /**
   * DPO plus lambda times the chosen completion's per-token NLL (Pang et al. 2024, the SIaM paper's
   * choice): {@code dpo + lambda * (-policyChosen / chosenLength)}.
   *
   * @param p the pair's log-probabilities
   * @param beta DPO's temperature, positive
   * @param lambda weight of the NLL term, not negative
   * @return the loss
   */
  public static double dpoNll(PairLogProbs p, double beta, double lambda) {
    Checks.nonNegative(lambda, "lambda");
    return dpo(p, beta) + lambda * (-p.policyChosen() / p.chosenLength());
  }

  /**
   * IPO (Azar et al. 2023): {@code (gap - 1 / (2 beta))^2} on summed log-probabilities.
   *
   * @param p the pair's log-probabilities
   * @param beta the regularisation strength tau, positive
   * @return the loss
   */
  public static double ipo(PairLogProbs p, double beta) {
    positive(beta, "beta");
    double d = p.logRatioGap() - 1.0 / (2.0 * beta);
    return d * d;
  }

  /**
   * ORPO (Hong et al. 2024), reference-free: the chosen completion's per-token NLL minus {@code
   * lambda * log sigmoid(logOdds(c) - logOdds(r))}, where {@code logOdds(y) = a - log(1 - e^a)} and
   * {@code a} is the per-token mean log-probability of {@code y}. Reference log-probabilities are
   * ignored.
   *
   * @param p the pair's log-probabilities
   * @param lambda weight of the odds-ratio term, not negative
   * @return the loss
   */
  public static double orpo(PairLogProbs p, double lambda) {
    Checks.nonNegative(lambda, "lambda");
    double chosenMean = p.policyChosen() / p.chosenLength();
    double rejectedMean = p.policyRejected() / p.rejectedLength();
    double ratio = logOdds(chosenMean) - logOdds(rejectedMean);
    return -chosenMean - lambda * logSigmoid(ratio);
  }

  /**
   * SimPO (Meng et al. 2024), reference-free and length-normalised: {@code -log sigmoid(beta *
   * (policyChosen / chosenLength - policyRejected / rejectedLength) - gamma)}.
   *
   * @param p the pair's log-probabilities
   * @param beta the reward scale, positive
   * @param gamma the target reward margin, not negative
   * @return the loss
   */
  public static double simpo(PairLogProbs p, double beta, double gamma) {
    positive(beta, "beta");
    Checks.nonNegative(gamma, "gamma");
    double margin =
        beta * (p.policyChosen() / p.chosenLength() - p.policyRejected() / p.rejectedLength());
    return -logSigmoid(margin - gamma);
  }

  /**
   * KTO (Ethayarajh et al. 2024) for one unpaired completion with reward {@code r = policy -
   * reference}: {@code 1 - sigmoid(beta * (r - z))} if desirable, else {@code 1 - sigmoid(beta * (z -
   * r))}, with both weights one.
   *
   * @param policy log pi(y | x), summed
   * @param reference log pi_ref(y | x), summed
   * @param desirable whether the completion is a good one
   * @param referencePoint z, see {@link #ktoReferencePoint(double[])}
   * @param beta the temperature, positive
   * @return the loss
   */
  public static double kto(
      double policy, double reference, boolean desirable, double referencePoint, double beta) {
    positive(beta, "beta");
    double r = policy - reference;
    double x = desirable ? r - referencePoint : referencePoint - r;
    return 1.0 - sigmoid(beta * x);
  }

  /**
   * KTO's reference point: the batch's mean log-ratio {@code policy - reference}, clamped at zero,
   * an estimate of KL(pi || pi_ref) that the trainer treats as a constant (no gradient).
   *
   * @param logRatios the batch's {@code policy - reference}
   * @return {@code max(0, mean(logRatios))}
   */
  public static double ktoReferencePoint(double[] logRatios) {
    Objects.requireNonNull(logRatios, "logRatios");
    if (logRatios.length == 0) {
      throw new IllegalArgumentException("logRatios must not be empty");
    }
    double sum = 0;
    for (double r : logRatios) {
      sum += r;
    }
    return Math.max(0.0, sum / logRatios.length);
  }

  /** @return {@code log(1 / (1 + e^-x))}, stable for large |x| */
  static double logSigmoid(double x) {
    return Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x)));
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** @return {@code log(p / (1 - p))} for {@code p = e^a}, a &lt; 0 */
  static double logOdds(double a) {
    return a - Math.log(-Math.expm1(a));
  }

  private static void positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
