package dev.siam4j.alignment.train.internal.model;

import ai.djl.ndarray.NDManager;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufTensorInfo;
import dev.siam4j.core.gguf.GgufValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a llama-family model's shape and weights from GGUF (F32, F16, BF16 or Q8_0 tensors, decoded
 * to float32), for {@link LlamaModel}. Supports the {@code llama} and {@code qwen2} architectures.
 * Stateless and thread-safe.
 */
public final class GgufWeights {
  private GgufWeights() {}

  /**
   * Loads a model.
   *
   * @param file a GGUF model
   * @param parent the model's weights live in a sub-manager of this one
   * @return the model; the caller closes it
   * @throws TrainingFailedException when the file is not a supported llama-family model
   */
  public static LlamaModel load(Path file, NDManager parent) {
    Objects.requireNonNull(file, "file");
    GgufFile gguf = read(file);
    try {
      return LlamaModel.create(config(gguf), tensors(gguf), parent);
    } catch (IllegalArgumentException e) {
      throw new TrainingFailedException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param file the GGUF file to read
   * @return its header and tensor table
   * @throws TrainingFailedException when it cannot be read
   */
  public static GgufFile read(Path file) {
    try {
      return GgufFile.read(file);
    } catch (RuntimeException e) {
      throw new TrainingFailedException("cannot read GGUF model " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The model's shape from its metadata ({@code <arch>.embedding_length} and so on; RoPE dimensions
   * default to the head size, the base to 10000).
   *
   * @param gguf a llama-family GGUF
   * @return its configuration
   * @throws TrainingFailedException when a key is missing or the architecture is unsupported
   */
  public static LlamaConfig config(GgufFile gguf) {
    String arch = string(gguf, "general.architecture");
    RopeStyle style;
    switch (arch) {
      case "llama":
        style = RopeStyle.NORMAL;
        break;
      case "qwen2":
        style = RopeStyle.NEOX;
        break;
      default:
        throw new TrainingFailedException(
            gguf.path() + ": architecture '" + arch + "' is not supported; llama and qwen2 are");
    }
    int width = integer(gguf, arch + ".embedding_length");
    int heads = integer(gguf, arch + ".attention.head_count");
    int kvHeads =
        gguf.get(arch + ".attention.head_count_kv").map(GgufValue::asInt).orElse(heads);
    GgufTensorInfo embedding =
        gguf.tensor("token_embd.weight")
            .orElseThrow(
                () -> new TrainingFailedException(gguf.path() + ": no tensor token_embd.weight"));
    try {
      return new LlamaConfig(
          arch,
          Math.toIntExact(embedding.shape().get(1)),
          width,
          integer(gguf, arch + ".block_count"),
          heads,
          kvHeads,
          integer(gguf, arch + ".feed_forward_length"),
          gguf.get(arch + ".rope.freq_base").map(GgufValue::asDouble).orElse(10000.0),
          gguf.get(arch + ".rope.dimension_count").map(GgufValue::asInt).orElse(width / heads),
          style,
          gguf.get(arch + ".attention.layer_norm_rms_epsilon")
              .map(GgufValue::asDouble)
              .orElse(1e-5));
    } catch (IllegalArgumentException e) {
      throw new TrainingFailedException(gguf.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * All tensors as floats, each with PyTorch's shape (GGUF's dimensions reversed).
   *
   * @param gguf the file
   * @return its tensors, in file order
   */
  public static List<HostTensor> tensors(GgufFile gguf) {
    List<HostTensor> tensors = new ArrayList<>();
    for (GgufTensorInfo t : gguf.tensors()) {
      List<Long> ne = t.shape();
      long[] shape = new long[ne.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = ne.get(ne.size() - 1 - i);
      }
      float[] data;
      try {
        data = gguf.readFloats(t.name());
      } catch (IllegalArgumentException e) {
        throw new TrainingFailedException(e.getMessage(), e);
      }
      tensors.add(new HostTensor(t.name(), shape, data));
    }
    return tensors;
  }

  private static String string(GgufFile gguf, String key) {
    return gguf.get(key)
        .map(GgufValue::asString)
        .orElseThrow(() -> new TrainingFailedException(gguf.path() + ": no metadata " + key));
  }

  private static int integer(GgufFile gguf, String key) {
    return gguf.get(key)
        .map(GgufValue::asInt)
        .orElseThrow(() -> new TrainingFailedException(gguf.path() + ": no metadata " + key));
  }
}
