package dev.siam4j.alignment.train.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;
import dev.siam4j.core.TrainingFailedException;

/**
 * Starts DJL's PyTorch engine the way siam4j needs it: offline (the CPU natives come from the
 * {@code pytorch-native-cpu} jar on the class path and are extracted to {@code DJL_CACHE_DIR}, by
 * default {@code ~/.djl.ai}), with a capped number of threads so that PyTorch and llama.cpp can share
 * a machine.
 *
 * <p>Threads: the system property {@code siam4j.torch.threads} (default: half the available
 * processors, at least one) sets PyTorch's intra-op threads; inter-op threads are one. These are read
 * once, when the engine first loads; set them before any DJL class runs.
 *
 * <p>GPU: DJL 0.36's CUDA natives are not on Maven Central. Point {@code PYTORCH_LIBRARY_PATH} at a
 * libtorch you have (and {@code PYTORCH_FLAVOR}, e.g. {@code cu124}); never set
 * {@code PYTORCH_VERSION}. See {@code benchmarks/gpu/train-gpu.sh}.
 *
 * <p>Thread-safe; the engine is process-wide.
 */
public final class Torch {
  private static volatile Engine engine;

  private Torch() {}

  /**
   * Loads (once) and returns the PyTorch engine.
   *
   * @return the engine
   * @throws TrainingFailedException when the native library cannot be loaded
   */
  public static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (Torch.class) {
        e = engine;
        if (e == null) {
          e = load();
          engine = e;
        }
      }
    }
    return e;
  }

  /**
   * Opens a new root manager on the engine's default device; the caller closes it.
   *
   * @return a new manager
   */
  public static NDManager newManager() {
    return engine().newBaseManager();
  }

  /**
   * Runs {@code body} with autograd off on this thread, then restores the thread's mode. PyTorch's
   * grad mode is per thread and on by default; DJL turns it off only on the thread that loads the
   * engine, and a {@code GradientCollector} turns it on for its own scope. Work outside a collector
   * (optimiser updates in place, reference and scoring passes) must not depend on which thread
   * loaded the engine, so every entry point runs its work through here.
   *
   * @param body the work
   * @param <T> its result
   * @return what {@code body} returned
   */
  public static <T> T withoutGradMode(Supplier<T> body) {
    engine();
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** @return the number of intra-op threads PyTorch was (or will be) given */
  public static int threads() {
    String configured = System.getProperty("siam4j.torch.threads");
    if (configured != null) {
      try {
        int n = Integer.parseInt(configured.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the default
      }
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  private static Engine load() {
    System.setProperty("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads()));
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    try {
      return Engine.getEngine("PyTorch");
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new TrainingFailedException(
          "cannot load PyTorch through DJL (offline: the natives come from pytorch-native-cpu on the"
              + " class path, or from PYTORCH_LIBRARY_PATH): "
              + e.getMessage()
              + ". "
              + DjlRuntime.whatToAdd(System.getProperty("os.name", ""), System.getProperty("os.arch", "")),
          e);
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
