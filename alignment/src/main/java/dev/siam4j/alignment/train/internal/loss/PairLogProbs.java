package dev.siam4j.alignment.train.internal.loss;

import dev.siam4j.core.internal.Checks;

/**
 * Log-probabilities of one preference pair: the summed log-probability of each completion's tokens
 * given the prompt, under the policy and under the frozen reference, and the completions' lengths.
 *
 * @param policyChosen log pi(chosen | prompt), summed over the chosen completion's tokens
 * @param policyRejected log pi(rejected | prompt)
 * @param referenceChosen log pi_ref(chosen | prompt)
 * @param referenceRejected log pi_ref(rejected | prompt)
 * @param chosenLength tokens in the chosen completion
 * @param rejectedLength tokens in the rejected completion
 */
public record PairLogProbs(
    double policyChosen,
    double policyRejected,
    double referenceChosen,
    double referenceRejected,
    int chosenLength,
    int rejectedLength) {

  /** Validates: log-probabilities are finite and not positive; lengths are positive. */
  public PairLogProbs {
    logProb(policyChosen, "policyChosen");
    logProb(policyRejected, "policyRejected");
    logProb(referenceChosen, "referenceChosen");
    logProb(referenceRejected, "referenceRejected");
    Checks.positive(chosenLength, "chosenLength");
    Checks.positive(rejectedLength, "rejectedLength");
  }

  /** @return (log pi(c) - log pi_ref(c)) - (log pi(r) - log pi_ref(r)), DPO's implicit reward gap */
  public double logRatioGap() {
    return (policyChosen - referenceChosen) - (policyRejected - referenceRejected);
  }

  private static void logProb(double value, String name) {
    if (!(value <= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite log-probability, was " + value);
    }
  }
}
