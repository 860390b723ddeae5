package dev.siam4j.benchmarks.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generation speed on a generated llama model of about 20M parameters (F32 by default), CPU:
 *
 * <ol>
 *   <li>k = 5 samples per prompt through 5 parallel slots ({@link LlamaCppGenerator#generate})
 *       versus the same 5 samples one at a time ({@link LlamaCppGenerator#complete} in a loop);
 *   <li>our generator versus the binding called directly (a bare {@code LlamaModel} with the same
 *       parameters, the same 5 requests per prompt submitted from 5 threads).
 * </ol>
 *
 * Every mode generates the same texts (same per-sample seeds), so the work is equal and the
 * tokens/s ratio is the time ratio. Tokens are counted by re-tokenizing the completions, the same
 * way for all modes. Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     dev.siam4j.benchmarks.llama.LlamaGenerationBenchmark [rounds] [threads] [cpu|gpu] [Q8_0|F16|F32] [20m|100m|300m] [maxTokens]
 * </pre>
 *
 * Defaults: 3 rounds, the default thread count, cpu, F32, 20m, 160 tokens (the length of a short
 * program; at 48 tokens the parallel mode's redundant prompt evaluations, one per slot, dominate).
 *
 * <p>Exits explicitly: a loaded model keeps a native non-daemon thread.
 */
public final class LlamaGenerationBenchmark {
  private static final int K = 5;

  private LlamaGenerationBenchmark() {}

  /**
   * Entry point; arguments as in the class description.
   *
   * @param args optional rounds, threads, device, weight type, model size and token limit
   * @throws Exception when the model cannot be written, loaded or run
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : LlamaCppOptions.defaultThreads(Runtime.getRuntime().availableProcessors());
    boolean gpu = args.length > 2 && args[2].equals("gpu");
    GgmlType weights = args.length > 3 ? GgmlType.valueOf(args[3]) : GgmlType.F32;
    String size = args.length > 4 ? args[4] : "20m";
    int maxTokens = args.length > 5 ? Integer.parseInt(args[5]) : 160;
    Path dir = Files.createTempDirectory("siam4j-llama-bench-");
    LlamaModelSpec spec;
    switch (size) {
      case "20m":
        spec = shape(512, 8, 6, 1536, weights);
        break;
      case "100m":
        spec = shape(768, 12, 12, 3072, weights);
        break;
      case "300m":
        spec = shape(1024, 16, 24, 2816, weights);
        break;
      default:
        throw new IllegalArgumentException("size is 20m, 100m or 300m, was " + size);
    }
    Path model =
        LlamaModelFactory.writeRandom(
            spec, 2024, dir.resolve("bench-" + size + "-" + weights + ".gguf"));
    System.out.printf(
        Locale.ROOT, "model: %,d parameters, %s, %,d bytes; cores %d, threads %d, load average %s%n",
        spec.parameterCount(), spec.weightType(), Files.size(model),
        Runtime.getRuntime().availableProcessors(), threads, loadAverage());

    LlamaCppOptions options =
        LlamaCppOptions.builder(model)
            .contextSize(4096)
            .parallelSlots(K)
            .threads(threads)
            .gpuLayers(gpu ? dev.siam4j.core.llama.GpuLayers.all() : dev.siam4j.core.llama.GpuLayers.auto())
            .build();
    LlamaCppGenerator generator = LlamaCppGenerator.open(options);
    System.out.println("gpu offload: " + generator.gpuOffload());
    ModelParameters direct =
        new ModelParameters()
            .setModel(model.toString())
            .setCtxSize(4096)
            .setThreads(threads)
            .setThreadsBatch(threads)
            .setParallel(K)
            .setBatchSize(512)
            .disableLog();
    if (gpu) {
      direct.setGpuLayers(999);
    }
    LlamaModel binding = new LlamaModel(direct);
    ExecutorService pool = Executors.newFixedThreadPool(K);

    SamplingOptions sampling = new SamplingOptions(0.7, 0.95, 0, maxTokens, List.of());
    List<GenerationRequest> requests = new ArrayList<>();
    String[] prompts = {
      "Question: Natalia sold clips to 48 of her friends in April. ",
      "Question: Weng earns $12 an hour for babysitting. ",
      "Question: Betty is saving money for a new wallet. ",
      "Question: Julie is reading a 120-page book. "
    };
    for (int i = 0; i < prompts.length; i++) {
      requests.add(new GenerationRequest(Prompt.raw(prompts[i]), K, sampling, 1000 + i));
    }

    // Warm-up: one pass of each mode.
    runParallel(generator, requests);
    runOneAtATime(generator, requests);
    runBinding(binding, pool, requests, sampling);

    // Each mode's tokens/s counts the tokens that mode generated: with several slots, batch
    // composition changes rounding in llama.cpp's batched kernels, so texts (and lengths) can
    // differ slightly between modes and rounds for the same seeds.
    double[] parallel = new double[rounds];
    double[] serial = new double[rounds];
    double[] bare = new double[rounds];
    double[] parallelCpu = new double[rounds];
    double[] serialCpu = new double[rounds];
    double[] bareCpu = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double c0 = cpuSeconds();
      long t0 = System.nanoTime();
      long pt = countTokens(runParallel(generator, requests));
      parallel[r] = (System.nanoTime() - t0) / 1e9;
      parallelCpu[r] = cpuSeconds() - c0;
      c0 = cpuSeconds();
      t0 = System.nanoTime();
      long st = countTokens(runOneAtATime(generator, requests));
      serial[r] = (System.nanoTime() - t0) / 1e9;
      serialCpu[r] = cpuSeconds() - c0;
      c0 = cpuSeconds();
      t0 = System.nanoTime();
      long bt = runBinding(binding, pool, requests, sampling);
      bare[r] = (System.nanoTime() - t0) / 1e9;
      bareCpu[r] = cpuSeconds() - c0;
      System.out.printf(
          Locale.ROOT,
          "round %d: wall (cpu) seconds [tokens]: parallel %.3f (%.2f) [%d], one at a time %.3f (%.2f) [%d], binding directly %.3f (%.2f) [%d]%n",
          r + 1, parallel[r], parallelCpu[r], pt, serial[r], serialCpu[r], st, bare[r], bareCpu[r], bt);
      // rates per round, so the medians below are of tokens/s
      parallelCpu[r] = pt / parallelCpu[r];
      serialCpu[r] = st / serialCpu[r];
      bareCpu[r] = bt / bareCpu[r];
      parallel[r] = pt / parallel[r];
      serial[r] = st / serial[r];
      bare[r] = bt / bare[r];
    }
    double p = median(parallel);
    double s = median(serial);
    double b = median(bare);
    double pc = median(parallelCpu);
    double sc = median(serialCpu);
    double bc = median(bareCpu);
    System.out.printf(Locale.ROOT, "per CPU-second (robust to other load), medians: parallel %.1f, one at a time %.1f, binding directly %.1f tokens; parallel/one-at-a-time %.2fx, ours/binding %.3f%n",
        pc, sc, bc, pc / sc, pc / bc);
    System.out.printf(Locale.ROOT, "requests per round: %d prompts x k=%d, at most %d tokens each%n", prompts.length, K, maxTokens);
    System.out.printf(Locale.ROOT, "k=5 parallel slots: %.1f tokens/s (median of rounds)%n", p);
    System.out.printf(Locale.ROOT, "k=5 one at a time:  %.1f tokens/s%n", s);
    System.out.printf(Locale.ROOT, "binding directly:   %.1f tokens/s%n", b);
    System.out.printf(Locale.ROOT, "speed-up parallel / one at a time: %.2fx (target >= 1.5)%n", p / s);
    System.out.printf(Locale.ROOT, "ours / binding directly: %.3f (target >= 0.95)%n", p / b);
    System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    System.exit(0);
  }

  private static LlamaModelSpec shape(int embd, int heads, int blocks, int ff, GgmlType weights) {
    return LlamaModelSpec.tiny()
        .withEmbeddingLength(embd)
        .withHeads(heads, heads)
        .withBlockCount(blocks)
        .withFeedForwardLength(ff)
        .withContextLength(2048)
        .withWeightType(weights);
  }

  private static List<List<Completion>> runParallel(LlamaCppGenerator g, List<GenerationRequest> requests) {
    List<List<Completion>> out = new ArrayList<>();
    for (GenerationRequest r : requests) {
      out.add(g.generate(r));
    }
    return out;
  }

  private static List<List<Completion>> runOneAtATime(LlamaCppGenerator g, List<GenerationRequest> requests) {
    List<List<Completion>> out = new ArrayList<>();
    for (GenerationRequest r : requests) {
      List<Completion> samples = new ArrayList<>();
      for (int i = 0; i < r.samples(); i++) {
        samples.add(g.complete(r.prompt(), r.sampling(), r.sampleSeed(i)));
      }
      out.add(samples);
    }
    return out;
  }

  /** @return the tokens generated, counted as the generator counts them (re-tokenized, capped) */
  private static long runBinding(
      LlamaModel model, ExecutorService pool, List<GenerationRequest> requests, SamplingOptions s)
      throws Exception {
    long tokens = 0;
    for (GenerationRequest r : requests) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < r.samples(); i++) {
        InferenceParameters p =
            new InferenceParameters(r.prompt().text())
                .setNPredict(s.maxTokens())
                .setTemperature((float) s.temperature())
                .setTopP((float) s.topP())
                .setTopK(s.topK())
                .setMinP(0f)
                .setSeed((int) r.sampleSeed(i));
        futures.add(pool.submit(() -> model.complete(p)));
      }
      for (Future<String> f : futures) {
        String text = f.get();
        tokens += text.isEmpty() ? 0 : Math.min(model.encode(text).length, s.maxTokens());
      }
    }
    return tokens;
  }

  private static long countTokens(List<List<Completion>> all) {
    return all.stream().flatMap(List::stream).mapToLong(Completion::completionTokens).sum();
  }

  private static double median(double[] xs) {
    double[] c = xs.clone();
    java.util.Arrays.sort(c);
    return c[c.length / 2];
  }

  /** User plus system CPU time of this process, native threads included (Linux /proc). */
  private static double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the command name: state is field 3, utime field 14, stime field 15 (1-based).
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "n/a";
    }
  }
}
