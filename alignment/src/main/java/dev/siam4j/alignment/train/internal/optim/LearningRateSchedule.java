package dev.siam4j.alignment.train.internal.optim;

/** The learning rate as a function of the optimiser step. */
@FunctionalInterface
public interface LearningRateSchedule {

  /**
   * @param step the optimiser step, from 0
   * @return the learning rate for that step
   */
  double at(int step);

  /**
   * Linear warm-up from {@code peak / warmupSteps} to {@code peak} over the first {@code
   * warmupSteps} steps, then cosine decay to {@code peak * minRatio} at {@code totalSteps}; constant
   * after that.
   *
   * @param peak the peak learning rate, positive
   * @param warmupSteps steps of warm-up, not negative
   * @param totalSteps all steps, at least {@code warmupSteps}
   * @param minRatio the floor as a fraction of the peak, in [0, 1]
   * @return the schedule
   */
  static LearningRateSchedule warmupCosine(
      double peak, int warmupSteps, int totalSteps, double minRatio) {
    if (!(peak > 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("peak must be positive, was " + peak);
    }
    if (warmupSteps < 0 || totalSteps < warmupSteps || totalSteps < 1) {
      throw new IllegalArgumentException(
          "need 0 <= warmupSteps <= totalSteps and totalSteps >= 1, got "
              + warmupSteps
              + " and "
              + totalSteps);
    }
    if (!(minRatio >= 0 && minRatio <= 1)) {
      throw new IllegalArgumentException("minRatio must be in [0, 1], was " + minRatio);
    }
    return step -> {
      if (step < warmupSteps) {
        return peak * (step + 1) / warmupSteps;
      }
      int decaySteps = totalSteps - warmupSteps;
      if (decaySteps == 0 || step >= totalSteps) {
        return decaySteps == 0 ? peak : peak * minRatio;
      }
      double progress = (double) (step - warmupSteps) / decaySteps;
      double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
      return peak * (minRatio + (1 - minRatio) * cosine);
    };
  }
}
