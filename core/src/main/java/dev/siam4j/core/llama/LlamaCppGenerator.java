package dev.siam4j.core.llama;

import de.kherud.llama.InferenceParameters;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The default {@link Generator}: llama.cpp in process through de.kherud:llama 4.2.0, with the k
 * samples of a prompt (and the prompts of {@link #generateAll}) decoded together in parallel slots,
 * each sample with its own seed ({@link GenerationRequest#sampleSeed(int)}), so a run is
 * reproducible.
 *
 * <pre>{@code
 * try (LlamaCppGenerator generator =
 *     LlamaCppGenerator.open(LlamaCppOptions.builder(Path.of("model.gguf")).build())) {
 *   List<Completion> five = generator.generate(
 *       new GenerationRequest(Prompt.raw("1 + 1 ="), 5, SamplingOptions.DEFAULT, 42));
 * }
 * }</pre>
 *
 * <p>Contained defects of the binding: the native model is shared by every generator on equal
 * options and stays loaded for the JVM's life (its {@code close()} frees almost nothing); the
 * binding's temp-folder cleanup is confined to a private folder; options and files are validated
 * before the native load. <strong>A loaded model starts a native non-daemon thread: a program that
 * loads one must end with {@link System#exit}.</strong>
 *
 * <p>Reproducibility: sampling is seeded per sample, so a request repeated gives the same texts as
 * long as the floating-point results are the same. With several parallel slots, llama.cpp may
 * decode a sequence in batches of different composition from run to run, and some quantized
 * kernels then round differently, which can change a sampled token; {@code parallelSlots(1)} gives
 * bit-for-bit repeatable runs at the cost of throughput.
 *
 * <p>Token counts: the binding reports neither the generated token count nor why generation
 * stopped, so {@link Completion#completionTokens()} is the completion re-tokenized (capped at the
 * token limit) and the finish reason is {@code LENGTH} when that count reaches the limit, {@code
 * STOP} otherwise. Prompt tokens are the rendered prompt tokenized without special tokens.
 *
 * <p>Thread-safe. {@link #close()} releases this handle only.
 */
public final class LlamaCppGenerator implements Generator, AutoCloseable {
  private final SharedModel shared;
  private volatile boolean closed;

  private LlamaCppGenerator(SharedModel shared) {
    this.shared = shared;
  }

  /**
   * Opens a generator, loading the model unless one is loaded on equal options.
   *
   * @param options the model and how to load it
   * @return the generator; close it when done
   * @throws dev.siam4j.core.InvalidInputException when the model or adapter file is missing or not
   *     a valid GGUF model or LoRA adapter
   * @throws GenerationFailedException when llama.cpp cannot load it
   */
  public static LlamaCppGenerator open(LlamaCppOptions options) {
    Objects.requireNonNull(options, "options");
    return new LlamaCppGenerator(NativeModels.get(options));
  }

  /** @return the options the model was loaded with (paths absolute) */
  public LlamaCppOptions options() {
    return shared.options;
  }

  /** @return whether layers are offloaded to a GPU */
  public boolean gpuOffload() {
    return shared.gpuOffload && shared.options.gpuLayers().resolve(true) > 0;
  }

  /** @return the native model shared by generators on equal options; for tests */
  Object nativeModel() {
    return shared.model;
  }

  @Override
  public List<Completion> generate(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    return generateAll(List.of(request)).get(0);
  }

  /**
   * Samples one completion with exactly this seed (where {@link #generate} derives a seed per
   * sample): for adapters whose callers choose seeds themselves.
   *
   * @param prompt the prompt
   * @param sampling the sampling options
   * @param seed the seed, in [0, 2^31)
   * @return the completion
   * @throws GenerationFailedException when llama.cpp fails or the prompt does not fit a slot
   */
  public Completion complete(Prompt prompt, SamplingOptions sampling, long seed) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(sampling, "sampling");
    if (seed < 0 || seed > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("seed must be in [0, 2^31), was " + seed);
    }
    return run(List.of(prompt), List.of(sampling), List.of(new long[] {seed})).get(0).get(0);
  }

  /** Submits every sample of every request at once, so the parallel slots stay busy. */
  @Override
  public List<List<Completion>> generateAll(List<GenerationRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    List<Prompt> prompts = new ArrayList<>(requests.size());
    List<SamplingOptions> sampling = new ArrayList<>(requests.size());
    List<long[]> seeds = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      Objects.requireNonNull(r, "request");
      prompts.add(r.prompt());
      sampling.add(r.sampling());
      long[] s = new long[r.samples()];
      for (int i = 0; i < s.length; i++) {
        s[i] = r.sampleSeed(i);
      }
      seeds.add(s);
    }
    return run(prompts, sampling, seeds);
  }

  private List<List<Completion>> run(List<Prompt> prompts, List<SamplingOptions> sampling, List<long[]> seeds) {
    if (closed) {
      throw new IllegalStateException("this generator is closed");
    }
    int[] promptTokens = new int[prompts.size()];
    List<List<Future<String>>> futures = new ArrayList<>(prompts.size());
    try {
      for (int q = 0; q < prompts.size(); q++) {
        int prompt = countPromptTokens(prompts.get(q), sampling.get(q));
        if (prompt + 1 >= shared.options.slotContextSize()) {
          throw new GenerationFailedException(
              shared.options.model() + ": the prompt has " + prompt + " tokens; a slot holds "
                  + shared.options.slotContextSize() + " (contextSize / parallelSlots)");
        }
        promptTokens[q] = prompt;
        List<Future<String>> samples = new ArrayList<>(seeds.get(q).length);
        for (long seed : seeds.get(q)) {
          InferenceParameters p = LlamaCppArgs.inference(prompts.get(q), sampling.get(q), seed);
          samples.add(shared.slots.submit(() -> shared.model.complete(p)));
        }
        futures.add(samples);
      }
      List<List<Completion>> out = new ArrayList<>(prompts.size());
      for (int q = 0; q < prompts.size(); q++) {
        List<Completion> completions = new ArrayList<>();
        for (Future<String> f : futures.get(q)) {
          completions.add(toCompletion(f.get(), promptTokens[q], sampling.get(q)));
        }
        out.add(List.copyOf(completions));
      }
      return List.copyOf(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(futures);
      throw new GenerationFailedException(shared.options.model() + ": interrupted while generating", e);
    } catch (ExecutionException | CancellationException e) {
      cancel(futures);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new GenerationFailedException(
          shared.options.model() + ": llama.cpp failed: " + cause.getMessage(), cause);
    } catch (RuntimeException e) {
      cancel(futures);
      throw e;
    }
  }

  private static void cancel(List<List<Future<String>>> futures) {
    futures.forEach(l -> l.forEach(f -> f.cancel(false)));
  }

  private int countPromptTokens(Prompt prompt, SamplingOptions s) {
    try {
      String text =
          prompt.isChat()
              ? shared.model.applyTemplate(LlamaCppArgs.inference(prompt, s, 0))
              : prompt.text();
      return shared.model.encode(text).length;
    } catch (RuntimeException e) {
      throw new GenerationFailedException(
          shared.options.model() + ": cannot tokenize the prompt: " + e.getMessage(), e);
    }
  }

  private Completion toCompletion(String text, int promptTokens, SamplingOptions s) {
    int tokens = text.isEmpty() ? 0 : shared.model.encode(text).length;
    Completion.FinishReason reason =
        tokens >= s.maxTokens() ? Completion.FinishReason.LENGTH : Completion.FinishReason.STOP;
    return new Completion(text, reason, promptTokens, Math.min(tokens, s.maxTokens()));
  }

  /** Releases this handle; the shared native model stays loaded for other generators. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "LlamaCppGenerator[" + shared.options.model() + "]";
  }
}
