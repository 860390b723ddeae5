package dev.siam4j.core.llama;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How llama.cpp loads a model: file, context, GPU offload, threads, parallel slots, batch size,
 * flash attention, LoRA adapter and seed. Immutable; equal options share one native model in a JVM.
 *
 * <pre>{@code
 * LlamaCppOptions options = LlamaCppOptions.builder(Path.of("model.gguf"))
 *     .contextSize(8192)
 *     .parallelSlots(8)
 *     .build();
 * }</pre>
 *
 * @param model the GGUF model file
 * @param contextSize the context in tokens, shared by the slots: each slot gets {@code
 *     contextSize / parallelSlots}
 * @param gpuLayers how many layers to offload to a GPU
 * @param threads CPU threads for generation
 * @param parallelSlots how many sequences decode together (the k samples of a prompt, or several
 *     prompts)
 * @param batchSize the logical batch size for prompt processing
 * @param flashAttention whether to use flash attention
 * @param loraAdapter a LoRA adapter (GGUF) applied at its file's {@code adapter.lora.alpha}; at most
 *     one, because the binding keeps only one and its scaled variant is broken
 * @param seed the model's default sampling seed; requests set their own per sample
 */
public record LlamaCppOptions(
    Path model,
    int contextSize,
    GpuLayers gpuLayers,
    int threads,
    int parallelSlots,
    int batchSize,
    boolean flashAttention,
    Optional<Path> loraAdapter,
    long seed) {

  /** The smallest context a slot may have. */
  public static final int MIN_SLOT_CONTEXT = 32;

  /**
   * Validates. Files are checked when a model is loaded, not here.
   *
   * @param model the GGUF model file, not null
   * @param contextSize the context in tokens, positive; at least {@link #MIN_SLOT_CONTEXT} per slot
   * @param gpuLayers the GPU offload, not null
   * @param threads CPU threads, positive
   * @param parallelSlots parallel sequences, positive
   * @param batchSize the prompt batch size, positive
   * @param flashAttention whether to use flash attention
   * @param loraAdapter the adapter or empty, not null
   * @param seed the default seed, in [0, 2^32)
   * @throws IllegalArgumentException when a count is not positive, the seed is out of range or a
   *     slot would get fewer than {@link #MIN_SLOT_CONTEXT} tokens
   */
  public LlamaCppOptions {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(gpuLayers, "gpuLayers");
    Objects.requireNonNull(loraAdapter, "loraAdapter");
    positive(contextSize, "contextSize");
    positive(threads, "threads");
    positive(parallelSlots, "parallelSlots");
    positive(batchSize, "batchSize");
    if (seed < 0 || seed > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("seed must be in [0, 2^32), was " + seed);
    }
    if (contextSize / parallelSlots < MIN_SLOT_CONTEXT) {
      throw new IllegalArgumentException(
          "contextSize " + contextSize + " leaves fewer than " + MIN_SLOT_CONTEXT
              + " tokens to each of " + parallelSlots + " parallel slots");
    }
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
  }

  /** @return tokens of context each slot has */
  public int slotContextSize() {
    return contextSize / parallelSlots;
  }

  /**
   * The default thread count: 1 on machines with up to 2 cores (where one thread is several times
   * faster than two for small models), half the cores above that.
   *
   * @param cores available processors
   * @return threads to use
   */
  public static int defaultThreads(int cores) {
    return cores <= 2 ? 1 : cores / 2;
  }

  /**
   * @param model the GGUF model file
   * @return a builder with defaults: context 4096, GPU layers auto, default threads, 4 slots, batch
   *     512, no flash attention, no adapter, seed 0
   */
  public static Builder builder(Path model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /** @return a builder holding these options */
  public Builder toBuilder() {
    Builder b = new Builder(model);
    b.contextSize = contextSize;
    b.gpuLayers = gpuLayers;
    b.threads = threads;
    b.parallelSlots = parallelSlots;
    b.batchSize = batchSize;
    b.flashAttention = flashAttention;
    b.loraAdapter = loraAdapter;
    b.seed = seed;
    return b;
  }

  /** Builds {@link LlamaCppOptions}; each setter validates at once. Not thread-safe; reusable. */
  public static final class Builder {
    private Path model;
    private int contextSize = 4096;
    private GpuLayers gpuLayers = GpuLayers.auto();
    private int threads = defaultThreads(Runtime.getRuntime().availableProcessors());
    private int parallelSlots = 4;
    private int batchSize = 512;
    private boolean flashAttention;
    private Optional<Path> loraAdapter = Optional.empty();
    private long seed;

    private Builder(Path model) {
      this.model = model;
    }

    /**
     * @param value the GGUF model file, not null
     * @return this builder with another model file
     */
    public Builder model(Path value) {
      this.model = Objects.requireNonNull(value, "model");
      return this;
    }

    /**
     * @param value the context in tokens
     * @return this builder with a context size in tokens, positive
     */
    public Builder contextSize(int value) {
      positive(value, "contextSize");
      this.contextSize = value;
      return this;
    }

    /**
     * @param value how many layers to offload, not null
     * @return this builder with a GPU offload
     */
    public Builder gpuLayers(GpuLayers value) {
      this.gpuLayers = Objects.requireNonNull(value, "gpuLayers");
      return this;
    }

    /**
     * @param value CPU threads for generation
     * @return this builder with a thread count, positive
     */
    public Builder threads(int value) {
      positive(value, "threads");
      this.threads = value;
      return this;
    }

    /**
     * @param value sequences decoded together
     * @return this builder with a number of parallel slots, positive
     */
    public Builder parallelSlots(int value) {
      positive(value, "parallelSlots");
      this.parallelSlots = value;
      return this;
    }

    /**
     * @param value the logical batch size for prompt processing
     * @return this builder with a batch size, positive
     */
    public Builder batchSize(int value) {
      positive(value, "batchSize");
      this.batchSize = value;
      return this;
    }

    /**
     * @param value true to use flash attention
     * @return this builder with flash attention on or off
     */
    public Builder flashAttention(boolean value) {
      this.flashAttention = value;
      return this;
    }

    /**
     * @param value the adapter's GGUF file, not null
     * @return this builder with a LoRA adapter
     */
    public Builder loraAdapter(Path value) {
      this.loraAdapter = Optional.of(Objects.requireNonNull(value, "loraAdapter"));
      return this;
    }

    /**
     * @param value the adapter's GGUF file, or empty for none; not null
     * @return this builder with an adapter or none
     */
    public Builder loraAdapter(Optional<Path> value) {
      this.loraAdapter = Objects.requireNonNull(value, "loraAdapter");
      return this;
    }

    /**
     * @param value the seed
     * @return this builder with a default seed in [0, 2^32)
     * @throws IllegalArgumentException when {@code value} is outside [0, 2^32)
     */
    public Builder seed(long value) {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("seed must be in [0, 2^32), was " + value);
      }
      this.seed = value;
      return this;
    }

    /**
     * @return the options
     * @throws IllegalArgumentException when the combination is invalid (too little context per
     *     slot)
     */
    public LlamaCppOptions build() {
      return new LlamaCppOptions(
          model, contextSize, gpuLayers, threads, parallelSlots, batchSize, flashAttention, loraAdapter, seed);
    }
  }
}
