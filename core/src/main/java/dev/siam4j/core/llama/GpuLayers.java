package dev.siam4j.core.llama;

/**
 * How many of a model's layers llama.cpp offloads to a GPU.
 *
 * <p>{@link #auto()} (the default) offloads all layers when the bundled llama.cpp build supports
 * GPU offload (the {@code cuda} Maven profile's CUDA natives) and none otherwise.
 */
public final class GpuLayers {
  private static final int AUTO = -2;
  private static final int ALL = -1;
  private static final GpuLayers AUTO_INSTANCE = new GpuLayers(AUTO);
  private static final GpuLayers ALL_INSTANCE = new GpuLayers(ALL);
  private static final GpuLayers NONE_INSTANCE = new GpuLayers(0);

  private final int count;

  private GpuLayers(int count) {
    this.count = count;
  }

  /** @return all layers where the build supports offload, none otherwise */
  public static GpuLayers auto() {
    return AUTO_INSTANCE;
  }

  /** @return every layer */
  public static GpuLayers all() {
    return ALL_INSTANCE;
  }

  /** @return no layer: CPU only */
  public static GpuLayers none() {
    return NONE_INSTANCE;
  }

  /**
   * @param count layers to offload, zero or more
   * @return that many layers
   */
  public static GpuLayers of(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("gpu layers must not be negative, was " + count);
    }
    return count == 0 ? NONE_INSTANCE : new GpuLayers(count);
  }

  /**
   * @param offloadSupported whether the native build can offload
   * @return the layer count to pass to llama.cpp
   */
  int resolve(boolean offloadSupported) {
    if (count == AUTO) {
      return offloadSupported ? 999 : 0;
    }
    return count == ALL ? 999 : count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GpuLayers && ((GpuLayers) o).count == count;
  }

  @Override
  public int hashCode() {
    return count;
  }

  /** @return {@code auto}, {@code all}, {@code none} or the count */
  @Override
  public String toString() {
    return count == AUTO ? "auto" : count == ALL ? "all" : count == 0 ? "none" : Integer.toString(count);
  }
}
