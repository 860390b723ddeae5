package dev.siam4j.core.llama;

import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.PolicyLoader;
import java.util.Objects;

/** Entry points to the llama.cpp backend. */
public final class LlamaCpp {
  private LlamaCpp() {}

  /**
   * A {@link PolicyLoader} that opens a {@link LlamaCppGenerator} on each checkpoint's model and
   * adapter, with the other options taken from {@code template}. Checkpoints with equal files share
   * one native model in the JVM.
   *
   * @param template options whose model and adapter each checkpoint replaces
   * @return the loader
   */
  public static PolicyLoader policyLoader(LlamaCppOptions template) {
    Objects.requireNonNull(template, "template");
    return (Checkpoint checkpoint) -> {
      Objects.requireNonNull(checkpoint, "checkpoint");
      return LlamaCppGenerator.open(
          template.toBuilder().model(checkpoint.model()).loraAdapter(checkpoint.adapter()).build());
    };
  }

  /**
   * @return whether the bundled llama.cpp build can offload layers to a GPU (true with the {@code
   *     cuda} Maven profile's natives); {@link GpuLayers#auto()} offloads all layers when it can
   */
  public static boolean gpuOffloadSupported() {
    return LlamaNatives.gpuOffloadSupported();
  }
}
