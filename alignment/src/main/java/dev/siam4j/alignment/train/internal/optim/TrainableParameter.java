package dev.siam4j.alignment.train.internal.optim;

import ai.djl.ndarray.NDArray;
import dev.siam4j.core.internal.Checks;
import java.util.Objects;

/**
 * A tensor the optimiser updates, with its name (the GGUF tensor name, or that name plus {@code
 * .lora_a} / {@code .lora_b}) and whether weight decay applies to it (not to norms and biases).
 *
 * @param name a unique name
 * @param value the tensor; it requires a gradient
 * @param decay whether decoupled weight decay applies
 */
public record TrainableParameter(String name, NDArray value, boolean decay) {

  /** Validates. */
  public TrainableParameter {
    Checks.nonBlank(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Names the usual convention: one-dimensional tensors (norm weights, biases) get no decay.
   *
   * @param name a unique name
   * @param value the tensor
   * @return a parameter that decays if and only if it has two or more dimensions
   */
  public static TrainableParameter of(String name, NDArray value) {
    return new TrainableParameter(name, value, value.getShape().dimension() >= 2);
  }
}
