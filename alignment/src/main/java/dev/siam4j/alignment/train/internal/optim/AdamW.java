package dev.siam4j.alignment.train.internal.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.siam4j.alignment.train.AdamWOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AdamW (Loshchilov and Hutter 2019) over DJL arrays, as PyTorch's {@code torch.optim.AdamW}:
 * decoupled weight decay ({@code p -= lr * weightDecay * p}, only on parameters whose {@link
 * TrainableParameter#decay()} is true), bias-corrected moments, and global-norm gradient clipping
 * before the update.
 *
 * <p>A step whose gradients hold a NaN or an infinity is skipped, as PyTorch's {@code GradScaler}
 * skips one: nothing is updated, the moments and the step count stay as they were, the gradients
 * are zeroed, and the report says so and names the parameters whose gradients were not finite.
 * (Clipping cannot rescue such a step: it would multiply NaN into every weight and both moments.)
 *
 * <p>Gradient accumulation: PyTorch sums the gradients of successive backward passes; call {@link
 * #step} once per optimiser step with {@code gradScale = 1 / microBatches} (or scale the losses), and
 * it zeroes the gradients afterwards. Every temporary of a step is freed within the step, and the
 * moments live in this optimiser's own manager, so memory stays flat however many steps run.
 *
 * <p>Owns native memory: whoever creates it closes it. Not thread-safe.
 */
public final class AdamW implements AutoCloseable {

  /**
   * What one step did.
   *
   * @param gradNorm the global norm of the (scaled) gradients before clipping; NaN or infinite when
   *     the step was skipped
   * @param learningRate the learning rate used (or that would have been)
   * @param nonFinite the parameters whose gradients held a NaN or an infinity, in the order given;
   *     empty when the step was taken
   */
  public record StepReport(double gradNorm, double learningRate, List<String> nonFinite) {
    /** Copies the list. */
    public StepReport {
      nonFinite = List.copyOf(Objects.requireNonNull(nonFinite, "nonFinite"));
    }

    /** @return whether the step was skipped because a gradient was not finite */
    public boolean skipped() {
      return !nonFinite.isEmpty();
    }
  }

  private final AdamWOptions options;
  private final NDManager manager;
  private final Map<String, NDArray[]> moments = new HashMap<>();
  private int steps;

  /**
   * @param manager the parent manager (usually the model's); the optimiser opens a sub-manager
   * @param options hyper-parameters
   */
  public AdamW(NDManager manager, AdamWOptions options) {
    this.manager = Objects.requireNonNull(manager, "manager").newSubManager();
    this.options = Objects.requireNonNull(options, "options");
  }

  /** @return optimiser steps taken so far */
  public int steps() {
    return steps;
  }

  /**
   * Updates every parameter from its gradient, then zeroes the gradients.
   *
   * @param parameters the parameters; each has a gradient from one or more backward passes
   * @param learningRate this step's learning rate
   * @param gradScale multiplies the gradients first (e.g. {@code 1 / microBatches})
   * @return the gradient norm before clipping, and the learning rate; {@link StepReport#skipped()}
   *     when a gradient was not finite and nothing was updated
   */
  public StepReport step(List<TrainableParameter> parameters, double learningRate, double gradScale) {
    Objects.requireNonNull(parameters, "parameters");
    double norm;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double squares = 0;
      List<String> nonFinite = new ArrayList<>();
      for (TrainableParameter p : parameters) {
        // summed in float32, as before this check existed (bit-for-bit the same norms); a norm above
        // ~1.8e19 overflows it and counts as not finite, which for a gradient it practically is
        double sq = p.value().getGradient().square().sum().toType(DataType.FLOAT64, false).getDouble();
        if (!Double.isFinite(sq)) {
          nonFinite.add(p.name());
        }
        squares += sq;
      }
      norm = Math.sqrt(squares) * Math.abs(gradScale);
      if (!nonFinite.isEmpty()) {
        zeroGradients(parameters);
        return new StepReport(norm, learningRate, nonFinite);
      }
    }
    steps++;
    double b1 = options.beta1();
    double b2 = options.beta2();
    double correction1 = 1 - Math.pow(b1, steps);
    double correction2 = 1 - Math.pow(b2, steps);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double clip =
          options.maxGradNorm() > 0 && norm > options.maxGradNorm()
              ? options.maxGradNorm() / (norm + 1e-6)
              : 1.0;
      double scale = gradScale * clip;
      for (TrainableParameter p : parameters) {
        NDArray value = p.value();
        NDArray grad = value.getGradient();
        NDArray g = grad.mul(scale);
        NDArray[] mv = moments.computeIfAbsent(p.name(), name -> newMoments(value));
        mv[0].muli(b1).addi(g.mul(1 - b1));
        mv[1].muli(b2).addi(g.square().muli(1 - b2));
        if (p.decay() && options.weightDecay() > 0) {
          value.muli(1 - learningRate * options.weightDecay());
        }
        NDArray denominator = mv[1].div(correction2).sqrt().addi(options.epsilon());
        value.subi(mv[0].mul(learningRate / correction1).divi(denominator));
        grad.muli(0);
      }
    }
    return new StepReport(norm, learningRate, List.of());
  }

  /** Zeroes the gradients without updating (e.g. to drop a failed micro-batch). */
  public static void zeroGradients(List<TrainableParameter> parameters) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (TrainableParameter p : parameters) {
        zero(p.value().getGradient());
      }
    }
  }

  /** Zeroes in place; multiplying by 0 alone would leave NaN where a NaN or an infinity was. */
  private static void zero(NDArray gradient) {
    gradient.muli(0);
    gradient.set(gradient.isNaN(), 0);
  }

  private NDArray[] newMoments(NDArray value) {
    NDArray m = manager.zeros(value.getShape(), value.getDataType());
    NDArray v = manager.zeros(value.getShape(), value.getDataType());
    NDScope.unregister(m, v);
    return new NDArray[] {m, v};
  }

  /**
   * The optimiser's state, for a checkpoint.
   *
   * @param steps steps taken
   * @param moments {first, second} moment values by parameter name
   */
  public record State(int steps, Map<String, float[][]> moments) {
    /** Copies the map. */
    public State {
      moments = Map.copyOf(Objects.requireNonNull(moments, "moments"));
    }
  }

  /** @return a copy of the step count and the moments, on the heap */
  public State state() {
    Map<String, float[][]> copy = new HashMap<>();
    moments.forEach((name, mv) -> copy.put(name, new float[][] {mv[0].toFloatArray(), mv[1].toFloatArray()}));
    return new State(steps, copy);
  }

  /**
   * Restores a saved state before the first step.
   *
   * @param state what {@link #state()} returned, perhaps read back from disk
   * @param parameters the parameters the moments belong to (for their shapes)
   */
  public void restore(State state, List<TrainableParameter> parameters) {
    Objects.requireNonNull(state, "state");
    if (steps != 0) {
      throw new IllegalStateException("restore before the first step, not after " + steps);
    }
    for (TrainableParameter p : parameters) {
      float[][] mv = state.moments().get(p.name());
      if (mv == null) {
        continue;
      }
      NDArray m = manager.create(mv[0], p.value().getShape());
      NDArray v = manager.create(mv[1], p.value().getShape());
      NDScope.unregister(m, v);
      moments.put(p.name(), new NDArray[] {m, v});
    }
    steps = state.steps();
  }

  /** Frees the moments. */
  @Override
  public void close() {
    moments.clear();
    manager.close();
  }
}
