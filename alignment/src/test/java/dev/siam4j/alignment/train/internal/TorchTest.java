package dev.siam4j.alignment.train.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

final class TorchTest {

  @Test
  void engine_loadsOfflineFromTheMavenNativesJar() {
    assertThat(Torch.engine().getEngineName()).isEqualTo("PyTorch");
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    try (NDManager manager = Torch.newManager()) {
      NDArray a = manager.create(new float[] {1, 2, 3});
      assertThat(a.mul(2).sum().getFloat()).isEqualTo(12f);
    }
  }
}
