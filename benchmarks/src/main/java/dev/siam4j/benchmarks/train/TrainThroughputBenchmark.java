package dev.siam4j.benchmarks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.siam4j.alignment.train.internal.Torch;
import dev.siam4j.alignment.train.internal.lora.LoraConfig;
import dev.siam4j.alignment.train.internal.loss.NdLosses;
import dev.siam4j.alignment.train.internal.loss.NdPairBatch;
import dev.siam4j.alignment.train.internal.model.GgufWeights;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.alignment.train.AdamWOptions;
import dev.siam4j.alignment.train.internal.optim.AdamW;
import dev.siam4j.alignment.train.internal.optim.TrainableParameter;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Training throughput (tokens per second) of the in-JVM PyTorch trainer's step on a ~10M-parameter
 * llama model, batch 8 x 128 tokens: SFT and DPO(+NLL), full fine-tuning and LoRA (rank 8, all
 * projections). Baseline in the same run: the forward pass alone (teacher-forced log-probabilities
 * without gradients), what reference scoring costs. Reports wall time and process CPU time (PyTorch's
 * native threads included), the latter being steadier on a shared machine.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Dsiam4j.torch.threads=2 -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     dev.siam4j.benchmarks.train.TrainThroughputBenchmark [steps] [warmup]
 * </pre>
 */
public final class TrainThroughputBenchmark {
  private static final int BATCH = 8;
  private static final int LENGTH = 128;
  private static final int PROMPT = 32;

  private TrainThroughputBenchmark() {}

  /** CPU time of the whole process, PyTorch's native threads included. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * @param args measured steps (default 5) and warm-up steps (default 2)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    LlamaModelSpec spec =
        new LlamaModelSpec(256, 12, 8, 4, 768, 512, GgmlType.F32, List.of(), java.util.Optional.empty());
    Path dir = Files.createTempDirectory("siam4j-train-bench");
    Path file = LlamaModelFactory.writeRandom(spec, 1, dir.resolve("m.gguf"));
    System.out.printf(
        Locale.ROOT,
        "model: %.1fM parameters, batch %d x %d tokens, %d PyTorch threads, %d measured steps%n",
        spec.parameterCount() / 1e6, BATCH, LENGTH, Torch.threads(), steps);
    System.out.printf(
        Locale.ROOT, "%-24s %9s %10s %12s %14s%n", "mode", "s/step", "tokens/s", "CPU s/step", "tokens/CPU-s");
    for (String mode :
        new String[] {"forward-only (baseline)", "SFT full", "SFT LoRA r8", "DPO+NLL full", "DPO+NLL LoRA r8"}) {
      try (NDManager manager = Torch.newManager();
          LlamaModel model = GgufWeights.load(file, manager);
          AdamW adam = new AdamW(manager, AdamWOptions.DEFAULT)) {
        boolean dpo = mode.startsWith("DPO");
        boolean forwardOnly = mode.startsWith("forward");
        List<TrainableParameter> params =
            forwardOnly ? List.of()
                : mode.contains("LoRA") ? model.addLora(LoraConfig.allLinear(8), 1) : model.trainAll();
        int sequences = dpo ? 2 * BATCH : BATCH;
        Random random = new Random(7);
        long[] ids = new long[sequences * LENGTH];
        float[] mask = new float[sequences * LENGTH];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = 3 + random.nextInt(spec.vocabularySize() - 3);
          mask[i] = i % LENGTH >= PROMPT ? 1f : 0f;
        }
        NDArray tokens = manager.create(ids, new Shape(sequences, LENGTH));
        NDArray maskArray = manager.create(mask, new Shape(sequences, LENGTH));
        float[] lengths = new float[BATCH];
        java.util.Arrays.fill(lengths, LENGTH - PROMPT);
        NDArray lengthArray = manager.create(lengths);
        NDArray reference = manager.create(new float[BATCH]).sub(400f);
        long started = 0;
        long cpuStarted = 0;
        for (int step = 0; step < warmup + steps; step++) {
          if (step == warmup) {
            started = System.nanoTime();
            cpuStarted = processCpuNanos();
          }
          if (forwardOnly) {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              model.sequenceLogProbs(tokens, maskArray).toFloatArray();
            }
            continue;
          }
          try (NDScope scope = new NDScope();
              GradientCollector collector = Torch.engine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray lp = model.sequenceLogProbs(tokens, maskArray);
            NDArray loss;
            if (dpo) {
              NDArray pc = lp.get("0:" + BATCH);
              NDArray pr = lp.get(BATCH + ":");
              loss =
                  NdLosses.dpoNll(
                      new NdPairBatch(pc, pr, reference, reference, lengthArray, lengthArray), 0.1, 1.0);
            } else {
              loss = NdLosses.sft(lp, lengthArray);
            }
            collector.backward(loss);
          }
          adam.step(params, 1e-4, 1.0);
        }
        double seconds = (System.nanoTime() - started) / 1e9 / steps;
        double cpu = (processCpuNanos() - cpuStarted) / 1e9 / steps;
        int tokensPerStep = sequences * LENGTH;
        System.out.printf(
            Locale.ROOT,
            "%-24s %9.2f %10.0f %12.2f %14.0f%n",
            mode, seconds, tokensPerStep / seconds, cpu, tokensPerStep / cpu);
      }
    }
  }
}
