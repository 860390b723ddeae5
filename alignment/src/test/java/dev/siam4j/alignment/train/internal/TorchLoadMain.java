package dev.siam4j.alignment.train.internal;

import dev.siam4j.core.TrainingFailedException;

/** Loads the PyTorch engine in a child JVM and prints the failure's message, for {@link TorchWithoutNativesTest}. */
public final class TorchLoadMain {
  private TorchLoadMain() {}

  /** @param args none */
  public static void main(String[] args) {
    try {
      Torch.engine();
      System.out.println("loaded");
    } catch (TrainingFailedException e) {
      System.out.println("failed: " + e.getMessage());
    }
  }
}
