package dev.siam4j.alignment.train.internal.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.siam4j.alignment.train.internal.Scalars;
import dev.siam4j.core.internal.Checks;

/**
 * The objectives of {@link Losses} over DJL arrays, differentiable, each returning the batch's loss
 * as a scalar (the mean over pairs; SFT: the mean over tokens). Definitions, parameters and
 * conventions are those of {@link Losses}, which is their specification. Results belong to the
 * manager of the first array of the batch. Constants enter through {@link Scalars}, never DJL's
 * {@code Number} overloads, which autograd cannot use safely. Stateless and thread-safe.
 */
public final class NdLosses {
  private NdLosses() {}

  /**
   * @param logProbSums summed completion log-probabilities, shape (B)
   * @param lengths completion token counts, shape (B)
   * @return {@code -sum(logProbSums) / sum(lengths)}
   * @see Losses#sft(double[], int[])
   */
  public static NDArray sft(NDArray logProbSums, NDArray lengths) {
    return logProbSums.sum().neg().div(lengths.sum());
  }

  /**
   * @return the mean DPO loss
   * @see Losses#dpo(PairLogProbs, double)
   */
  public static NDArray dpo(NdPairBatch b, double beta) {
    positive(beta, "beta");
    return logSigmoid(Scalars.mul(b.logRatioGap(), beta)).neg().mean();
  }

  /**
   * @return the mean DPO+NLL loss
   * @see Losses#dpoNll(PairLogProbs, double, double)
   */
  public static NDArray dpoNll(NdPairBatch b, double beta, double lambda) {
    Checks.nonNegative(lambda, "lambda");
    NDArray nll = Scalars.mul(b.policyChosen().div(b.chosenLengths()).neg(), lambda);
    positive(beta, "beta");
    return logSigmoid(Scalars.mul(b.logRatioGap(), beta)).neg().add(nll).mean();
  }

  /**
   * @return the mean IPO loss
   * @see Losses#ipo(PairLogProbs, double)
   */
  public static NDArray ipo(NdPairBatch b, double beta) {
    positive(beta, "beta");
    return b.logRatioGap().sub(1.0 / (2.0 * beta)).square().mean();
  }

  /**
   * @return the mean ORPO loss
   * @see Losses#orpo(PairLogProbs, double)
   */
  public static NDArray orpo(NdPairBatch b, double lambda) {
    Checks.nonNegative(lambda, "lambda");
    NDArray chosenMean = b.policyChosen().div(b.chosenLengths());
    NDArray rejectedMean = b.policyRejected().div(b.rejectedLengths());
    NDArray ratio = logOdds(chosenMean).sub(logOdds(rejectedMean));
    return chosenMean.neg().sub(Scalars.mul(logSigmoid(ratio), lambda)).mean();
  }

  /**
   * @return the mean SimPO loss
   * @see Losses#simpo(PairLogProbs, double, double)
   */
  public static NDArray simpo(NdPairBatch b, double beta, double gamma) {
    positive(beta, "beta");
    Checks.nonNegative(gamma, "gamma");
    NDArray margin =
        Scalars.mul(
            b.policyChosen().div(b.chosenLengths()).sub(b.policyRejected().div(b.rejectedLengths())),
            beta);
    return logSigmoid(margin.sub(gamma)).neg().mean();
  }

  /**
   * @param policy summed log pi(y | x), shape (B)
   * @param reference summed log pi_ref(y | x), shape (B)
   * @param desirable 1 for a good completion, 0 for a bad one, shape (B)
   * @param referencePoint z (a constant)
   * @param beta the temperature, positive
   * @return the mean KTO loss
   * @see Losses#kto(double, double, boolean, double, double)
   */
  public static NDArray kto(
      NDArray policy, NDArray reference, NDArray desirable, double referencePoint, double beta) {
    positive(beta, "beta");
    NDArray shifted = policy.sub(reference).sub(referencePoint);
    // sign = +1 for desirable, -1 for undesirable
    NDArray sign = desirable.mul(2).sub(1);
    return Activation.sigmoid(Scalars.mul(shifted.mul(sign), beta)).neg().add(1).mean();
  }

  /** @return {@code log sigmoid(x)}, stable for large |x| */
  static NDArray logSigmoid(NDArray x) {
    return Scalars.minimum(x, 0).sub(x.abs().neg().exp().add(1).log());
  }

  /** @return {@code a - log(1 - e^a)}, with {@code 1 - e^a} kept above float's rounding */
  static NDArray logOdds(NDArray a) {
    return a.sub(Scalars.maximum(a.exp().neg().add(1), 1e-7f).log());
  }

  private static void positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
