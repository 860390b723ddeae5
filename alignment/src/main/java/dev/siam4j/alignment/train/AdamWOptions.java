package dev.siam4j.alignment.train;

/**
 * The hyper-parameters of {@link DjlTrainer}'s AdamW optimiser (Loshchilov and Hutter 2019, as
 * PyTorch's {@code torch.optim.AdamW}): decoupled weight decay, bias-corrected moments, global-norm
 * gradient clipping before the update. Immutable.
 *
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon added to the denominator, positive
 * @param weightDecay decoupled weight decay, not negative
 * @param maxGradNorm the global gradient norm is clipped to this; 0 turns clipping off
 */
public record AdamWOptions(
    double beta1, double beta2, double epsilon, double weightDecay, double maxGradNorm) {

  /** PyTorch's AdamW defaults, weight decay 0.01, clipping at 1.0. */
  public static final AdamWOptions DEFAULT = new AdamWOptions(0.9, 0.999, 1e-8, 0.01, 1.0);

  /**
   * Validates.
   *
   * @param beta1 in [0, 1)
   * @param beta2 in [0, 1)
   * @param epsilon positive
   * @param weightDecay not negative
   * @param maxGradNorm not negative; 0 turns clipping off
   * @throws IllegalArgumentException when a value is out of its range, naming it
   */
  public AdamWOptions {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "beta1 and beta2 must be in [0, 1), were " + beta1 + " and " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive, was " + epsilon);
    }
    if (!(weightDecay >= 0) || !(maxGradNorm >= 0)) {
      throw new IllegalArgumentException(
          "weightDecay and maxGradNorm must not be negative, were "
              + weightDecay
              + " and "
              + maxGradNorm);
    }
  }
}
