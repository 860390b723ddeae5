package dev.siam4j.alignment.train.internal.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.siam4j.alignment.train.internal.model.HostTensor;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufTensorInfo;
import dev.siam4j.core.gguf.GgufValue;
import dev.siam4j.core.gguf.GgufWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hands a trained {@link LlamaModel} back to llama.cpp: as a LoRA adapter GGUF ({@code general.type
 * = adapter}, {@code adapter.type = lora}, {@code adapter.lora.alpha}; tensors {@code
 * <weight>.lora_a} with {@code ne = {n_in, r}} and {@code <weight>.lora_b} with {@code ne = {r,
 * n_out}}), or as a whole model GGUF with the adapters merged ({@code W + alpha / r * B A}) or the
 * fully fine-tuned weights. Also reads an adapter back. Stateless and thread-safe.
 */
public final class GgufExport {
  private GgufExport() {}

  /**
   * Writes the model's LoRA adapters as a llama.cpp adapter.
   *
   * @param model a model with adapters
   * @param file where to write
   * @return {@code file}
   * @throws IllegalStateException if the model has no adapters
   */
  public static Path writeAdapter(LlamaModel model, Path file) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(file, "file");
    LoraConfig lora =
        model.lora().orElseThrow(() -> new IllegalStateException("the model has no LoRA adapters"));
    GgufWriter w =
        GgufWriter.create()
            .put("general.architecture", GgufValue.string(model.config().architecture()))
            .put("general.type", GgufValue.string("adapter"))
            .put("general.name", GgufValue.string("siam4j-lora"))
            .put("adapter.type", GgufValue.string("lora"))
            .put("adapter.lora.alpha", GgufValue.float32((float) lora.alpha()));
    for (Map.Entry<String, NDArray[]> e : model.loraWeights().entrySet()) {
      NDArray a = e.getValue()[0];
      NDArray b = e.getValue()[1];
      long rank = a.getShape().get(0);
      long in = a.getShape().get(1);
      long out = b.getShape().get(0);
      w.addTensor(e.getKey() + ".lora_a", GgmlType.F32, List.of(in, rank), a.toFloatArray());
      w.addTensor(e.getKey() + ".lora_b", GgmlType.F32, List.of(rank, out), b.toFloatArray());
    }
    return write(w, file);
  }

  /**
   * Writes a whole model: the base file's metadata and tensor types, with the model's current
   * weights (adapters merged in).
   *
   * @param model the trained model
   * @param base the GGUF it was loaded from
   * @param file where to write
   * @return {@code file}
   */
  public static Path writeMerged(LlamaModel model, GgufFile base, Path file) {
    return writeMerged(model, base, file, null);
  }

  /**
   * Writes a whole model like {@link #writeMerged(LlamaModel, GgufFile, Path)}, storing every
   * tensor as {@code type} (F32 keeps the trained weights exactly, e.g. for a checkpoint to resume
   * from).
   *
   * @param model the trained model
   * @param base the GGUF it was loaded from
   * @param file where to write
   * @param type the storage type of all tensors (F32, F16, BF16 or Q8_0), or null for the base's
   * @return {@code file}
   */
  public static Path writeMerged(LlamaModel model, GgufFile base, Path file, GgmlType type) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(file, "file");
    GgufWriter w = GgufWriter.create();
    for (Map.Entry<String, GgufValue> e : base.metadata().entrySet()) {
      if (!e.getKey().equals(GgufFile.ALIGNMENT_KEY)) {
        w.put(e.getKey(), e.getValue());
      }
    }
    double scale = model.lora().map(LoraConfig::scale).orElse(0.0);
    try (NDManager scope = model.manager().newSubManager()) {
      for (GgufTensorInfo t : base.tensors()) {
        NDArray weight = model.weights().get(t.name());
        if (weight == null) {
          throw new IllegalArgumentException("the model has no tensor " + t.name());
        }
        NDArray merged = weight.duplicate();
        merged.attach(scope);
        NDArray[] ab = model.loraWeights().get(t.name());
        if (ab != null) {
          NDArray delta = ab[1].matMul(ab[0]).mul(scale);
          delta.attach(scope);
          merged = merged.add(delta);
          merged.attach(scope);
        }
        GgmlType stored =
            type != null ? type : t.type().isFloatCodec() ? t.type() : GgmlType.F32;
        if (stored.blockSize() > 1 && t.shape().get(0) % stored.blockSize() != 0) {
          stored = GgmlType.F32;
        }
        w.addTensor(t.name(), stored, t.shape(), merged.toFloatArray());
      }
    }
    return write(w, file);
  }

  /**
   * Reads a LoRA adapter GGUF (as {@link #writeAdapter} writes it) into host tensors.
   *
   * @param file the adapter
   * @return its configuration and {A, B} by adapted weight name
   * @throws TrainingFailedException when it is not a LoRA adapter
   */
  public static Adapter readAdapter(Path file) {
    GgufFile gguf;
    try {
      gguf = GgufFile.read(file);
    } catch (RuntimeException e) {
      throw new TrainingFailedException("cannot read adapter " + file + ": " + e.getMessage(), e);
    }
    String type = gguf.get("general.type").map(GgufValue::asString).orElse("");
    String adapterType = gguf.get("adapter.type").map(GgufValue::asString).orElse("");
    if (!type.equals("adapter") || !adapterType.equals("lora")) {
      throw new TrainingFailedException(file + " is not a LoRA adapter GGUF");
    }
    double alpha = gguf.get("adapter.lora.alpha").map(GgufValue::asDouble).orElse(0.0);
    Map<String, HostTensor[]> pairs = new LinkedHashMap<>();
    Set<String> targets = new HashSet<>();
    int rank = 0;
    for (GgufTensorInfo t : gguf.tensors()) {
      boolean isA = t.name().endsWith(".lora_a");
      String weight = t.name().substring(0, t.name().length() - ".lora_a".length());
      HostTensor[] pair = pairs.computeIfAbsent(weight, k -> new HostTensor[2]);
      List<Long> ne = t.shape();
      pair[isA ? 0 : 1] =
          new HostTensor(weight, new long[] {ne.get(1), ne.get(0)}, gguf.readFloats(t.name()));
      if (isA) {
        rank = Math.toIntExact(ne.get(1));
      }
      targets.add(weight.split("\\.")[2]);
    }
    List<String> incomplete = new ArrayList<>();
    pairs.forEach((k, v) -> {
      if (v[0] == null || v[1] == null) {
        incomplete.add(k);
      }
    });
    if (!incomplete.isEmpty() || rank == 0) {
      throw new TrainingFailedException(file + ": incomplete LoRA pairs " + incomplete);
    }
    return new Adapter(new LoraConfig(rank, alpha > 0 ? alpha : rank, targets), pairs);
  }

  /**
   * A LoRA adapter read from disk.
   *
   * @param config rank, alpha and targets
   * @param pairs {A (r x n_in), B (n_out x r)} by adapted weight name
   */
  public record Adapter(LoraConfig config, Map<String, HostTensor[]> pairs) {
    /** Copies. */
    public Adapter {
      Objects.requireNonNull(config, "config");
      pairs = Map.copyOf(Objects.requireNonNull(pairs, "pairs"));
    }
  }

  private static Path write(GgufWriter w, Path file) {
    try {
      return w.write(file);
    } catch (RuntimeException e) {
      throw new TrainingFailedException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
