package dev.siam4j.alignment.train.internal.loss;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A batch of preference pairs' log-probabilities as one-dimensional arrays of equal length: the
 * differentiable counterpart of {@link PairLogProbs}. Reference arrays carry no gradient; lengths are
 * floating point.
 *
 * @param policyChosen summed log pi(chosen | prompt), shape (B)
 * @param policyRejected summed log pi(rejected | prompt), shape (B)
 * @param referenceChosen summed log pi_ref(chosen | prompt), shape (B)
 * @param referenceRejected summed log pi_ref(rejected | prompt), shape (B)
 * @param chosenLengths chosen completions' token counts, shape (B)
 * @param rejectedLengths rejected completions' token counts, shape (B)
 */
public record NdPairBatch(
    NDArray policyChosen,
    NDArray policyRejected,
    NDArray referenceChosen,
    NDArray referenceRejected,
    NDArray chosenLengths,
    NDArray rejectedLengths) {

  /** Validates that all six arrays have one and the same shape. */
  public NdPairBatch {
    Objects.requireNonNull(policyChosen, "policyChosen");
    Objects.requireNonNull(policyRejected, "policyRejected");
    Objects.requireNonNull(referenceChosen, "referenceChosen");
    Objects.requireNonNull(referenceRejected, "referenceRejected");
    Objects.requireNonNull(chosenLengths, "chosenLengths");
    Objects.requireNonNull(rejectedLengths, "rejectedLengths");
    if (policyChosen.getShape().dimension() != 1) {
      throw new IllegalArgumentException(
          "log-probabilities must be one-dimensional, got shape " + policyChosen.getShape());
    }
    for (NDArray a :
        new NDArray[] {
          policyRejected, referenceChosen, referenceRejected, chosenLengths, rejectedLengths
        }) {
      if (!a.getShape().equals(policyChosen.getShape())) {
        throw new IllegalArgumentException(
            "all arrays need shape " + policyChosen.getShape() + ", got " + a.getShape());
      }
    }
  }

  /** @return the per-pair log-ratio gap, shape (B) */
  public NDArray logRatioGap() {
    return policyChosen
        .sub(referenceChosen)
        .sub(policyRejected.sub(referenceRejected));
  }
}
