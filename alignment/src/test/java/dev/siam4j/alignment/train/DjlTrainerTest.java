package dev.siam4j.alignment.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.alignment.train.internal.Torch;
import dev.siam4j.alignment.train.internal.lora.GgufExport;
import dev.siam4j.alignment.train.internal.model.GgufWeights;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real PyTorch training on a tiny generated GGUF model. */
final class DjlTrainerTest {
  @TempDir Path dir;

  private Path model() {
    Path file = dir.resolve("base.gguf");
    if (!Files.exists(file)) {
      LlamaModelFactory.writeRandom(LlamaModelSpec.tiny().withBlockCount(1), 3, file);
    }
    return file;
  }

  private Path pairs(int n) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(
          Json.toLine(
              new PreferencePair(
                  new SampleKey("p" + i, 0, 0),
                  new SampleKey("p" + i, 1, 0),
                  Prompt.raw("Q" + i + ": 2+" + i + "="),
                  "answer " + (2 + i),
                  "no idea")));
    }
    return Files.write(dir.resolve("pairs.jsonl"), lines);
  }

  private Path sft(int n) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(
          Json.toLine(
              new SftExample(new SampleKey("p" + i, 0, 0), Prompt.raw("Q" + i + ":"), "abcabc", 1.0)));
    }
    return Files.write(dir.resolve("sft.jsonl"), lines);
  }

  private TrainingJob job(Algorithm a, TrainingOptions o, String out) throws IOException {
    Path empty = dir.resolve("empty.jsonl");
    if (!Files.exists(empty)) {
      Files.createFile(empty);
    }
    boolean pairs = a.usesPairs();
    return new TrainingJob(
        Checkpoint.of(model()),
        pairs ? empty : sft(4),
        pairs ? pairs(4) : empty,
        a,
        o,
        dir.resolve(out));
  }

  private static TrainingOptions options(double lr, int epochs, int loraRank) {
    return new TrainingOptions(lr, epochs, 2, 32, 0.1, 1.0, loraRank, 42);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(Json.mapper().readTree(l));
    }
    return out;
  }

  @Test
  void trainsOnAThreadOtherThanTheOneThatLoadedPyTorch() throws Exception {
    Torch.engine(); // loaded here; PyTorch's grad mode is per thread and on by default elsewhere
    TrainingJob sftJob = job(Algorithm.SFT, options(2e-2, 1, 0), "other-thread-sft");
    TrainingJob dpoJob = job(Algorithm.DPO, options(1e-2, 1, 4), "other-thread-dpo");
    java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      assertThat(other.submit(() -> DjlTrainer.create().train(sftJob)).get().metrics())
          .containsEntry("steps", 2.0);
      assertThat(other.submit(() -> DjlTrainer.create().train(dpoJob)).get().metrics())
          .containsEntry("steps", 2.0);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void sftWithLora_lowersTheLoss_andWritesAnAdapterAndMetrics() throws IOException {
    TrainingJob job = job(Algorithm.SFT, options(2e-2, 5, 4), "sft");
    TrainingResult result = DjlTrainer.create().train(job);

    assertThat(result.checkpoint())
        .isEqualTo(Checkpoint.withAdapter(model(), job.outputDirectory().resolve("adapter.gguf")));
    List<JsonNode> steps = lines(job.outputDirectory().resolve("train.jsonl"));
    assertThat(steps).hasSize(10);
    assertThat(steps.get(9).get("step").asInt()).isEqualTo(10);
    assertThat(steps.get(9).get("loss").asDouble()).isLessThan(steps.get(0).get("loss").asDouble() - 0.5);
    assertThat(steps.get(0).get("chosen_length").asDouble()).isEqualTo(6.0);
    assertThat(steps.get(0).get("rejected_logp").isNull()).isTrue();
    assertThat(result.metrics()).containsEntry("steps", 10.0).containsKey("loss");
    assertThat(GgufExport.readAdapter(job.outputDirectory().resolve("adapter.gguf")).config().rank())
        .isEqualTo(4);
  }

  @Test
  void dpoNll_startsAtZeroMargin_andLearnsToPreferTheChosen() throws IOException {
    TrainingJob job = job(Algorithm.DPO_NLL, options(2e-2, 6, 4), "dpo");
    TrainingResult result = DjlTrainer.create().train(job);

    List<JsonNode> steps = lines(job.outputDirectory().resolve("train.jsonl"));
    // LoRA's B starts at zero: at step 1 the policy is the reference, rewards are 0
    assertThat(steps.get(0).get("reward_margin").asDouble()).isCloseTo(0.0, within(1e-4));
    JsonNode last = steps.get(steps.size() - 1);
    assertThat(last.get("reward_margin").asDouble()).isGreaterThan(0.1);
    assertThat(last.get("reward_accuracy").asDouble()).isEqualTo(1.0);
    assertThat(result.metrics().get("reward_accuracy")).isGreaterThan(0.5);
    assertThat(job.outputDirectory().resolve("reference-logprobs.json")).exists();
  }

  @Test
  void sameSeed_sameLosses() throws IOException {
    DjlTrainer.create().train(job(Algorithm.DPO, options(1e-2, 1, 2), "a"));
    DjlTrainer.create().train(job(Algorithm.DPO, options(1e-2, 1, 2), "b"));
    assertThat(Files.readAllLines(dir.resolve("b/train.jsonl")))
        .isEqualTo(Files.readAllLines(dir.resolve("a/train.jsonl")));
  }

  @Test
  void interruptedRun_resumesFromItsLastCheckpoint_toTheSameResult() throws IOException {
    TrainingOptions o = options(1e-2, 3, 2);
    DjlTrainer.builder().saveEverySteps(2).build().train(job(Algorithm.DPO_NLL, o, "whole"));

    AtomicInteger seen = new AtomicInteger();
    DjlTrainer stopping =
        DjlTrainer.builder()
            .saveEverySteps(2)
            .listener(m -> {
              if (seen.incrementAndGet() == 3) {
                Thread.currentThread().interrupt();
              }
            })
            .build();
    TrainingJob job = job(Algorithm.DPO_NLL, o, "resumed");
    assertThatThrownBy(() -> stopping.train(job))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage("training interrupted after step 3; rerun to resume from the last checkpoint");
    assertThat(Thread.interrupted()).isTrue();

    List<Integer> resumedSteps = new ArrayList<>();
    DjlTrainer.builder().saveEverySteps(2).listener(m -> resumedSteps.add(m.step())).build().train(job);
    assertThat(resumedSteps).containsExactly(3, 4, 5, 6);
    assertThat(Files.readAllLines(dir.resolve("resumed/train.jsonl")))
        .isEqualTo(Files.readAllLines(dir.resolve("whole/train.jsonl")));
    assertThat(GgufExport.readAdapter(dir.resolve("resumed/adapter.gguf")).pairs().get("blk.0.attn_q.weight")[1].data())
        .containsExactly(GgufExport.readAdapter(dir.resolve("whole/adapter.gguf")).pairs().get("blk.0.attn_q.weight")[1].data());
  }

  @Test
  void fullFineTuning_writesAWholeModelThatLoadsBack() throws IOException {
    TrainingJob job = job(Algorithm.SFT, options(1e-3, 1, 0), "full");
    TrainingResult result = DjlTrainer.create().train(job);
    assertThat(result.checkpoint()).isEqualTo(Checkpoint.of(job.outputDirectory().resolve("model.gguf")));
    try (var m = Torch.newManager();
        LlamaModel trained = GgufWeights.load(result.checkpoint().model(), m);
        LlamaModel before = GgufWeights.load(model(), m)) {
      assertThat(trained.weights().get("blk.0.ffn_up.weight").toFloatArray())
          .isNotEqualTo(before.weights().get("blk.0.ffn_up.weight").toFloatArray());
    }
  }

  @Test
  void fullFineTuningOfAQ80Model_resumesExactly() throws IOException {
    Path q8 = LlamaModelFactory.writeRandom(
        LlamaModelSpec.tiny().withBlockCount(1).withWeightType(dev.siam4j.core.gguf.GgmlType.Q8_0), 5, dir.resolve("q8.gguf"));
    TrainingOptions o = options(1e-3, 2, 0);
    TrainingJob whole = job(Algorithm.SFT, o, "q8-whole");
    whole = new TrainingJob(Checkpoint.of(q8), whole.sftFile(), whole.pairsFile(), Algorithm.SFT, o, whole.outputDirectory());
    DjlTrainer.builder().saveEverySteps(1).build().train(whole);

    TrainingJob resumed = new TrainingJob(Checkpoint.of(q8), whole.sftFile(), whole.pairsFile(), Algorithm.SFT, o, dir.resolve("q8-resumed"));
    DjlTrainer stopping =
        DjlTrainer.builder().saveEverySteps(1).listener(m -> Thread.currentThread().interrupt()).build();
    assertThatThrownBy(() -> stopping.train(resumed)).isInstanceOf(TrainingFailedException.class);
    assertThat(Thread.interrupted()).isTrue();
    DjlTrainer.builder().saveEverySteps(1).build().train(resumed);
    assertThat(Files.readAllLines(dir.resolve("q8-resumed/train.jsonl")))
        .isEqualTo(Files.readAllLines(dir.resolve("q8-whole/train.jsonl")));
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void everyAlgorithm_trainsAndReportsAFiniteLoss(Algorithm a) throws IOException {
    TrainingResult r = DjlTrainer.create().train(job(a, options(1e-2, 1, 2), a.name()));
    assertThat(r.metrics().get("loss")).isFinite();
    assertThat(r.metrics()).containsEntry("steps", 2.0);
  }

  @Test
  void aDivergingRun_skipsItsNonFiniteSteps_thenFailsWithoutWritingAModel() throws IOException {
    // full fine-tuning at lr 1e30: the first step blows the weights up, every later forward pass
    // overflows and every later gradient is NaN
    TrainingJob job = job(Algorithm.SFT, options(1e30, 10, 0), "diverged");
    assertThatThrownBy(() -> DjlTrainer.create().train(job))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessageContaining("the gradients were not finite (NaN or infinite) 5 steps in a row, in ")
        .hasMessageContaining("Lower the learning rate")
        .hasMessageContaining(job.outputDirectory().resolve("train.jsonl").toString());
    List<JsonNode> steps = lines(job.outputDirectory().resolve("train.jsonl"));
    assertThat(steps.get(0).get("skipped").asBoolean()).isFalse();
    assertThat(steps.subList(steps.size() - 5, steps.size()))
        .allSatisfy(step -> assertThat(step.get("skipped").asBoolean()).isTrue());
    assertThat(job.outputDirectory().resolve("model.gguf")).doesNotExist();
  }

  @Test
  void emptyData_fails() throws IOException {
    TrainingJob j = job(Algorithm.SFT, options(1e-2, 1, 2), "x");
    TrainingJob empty =
        new TrainingJob(j.base(), j.pairsFile(), j.pairsFile(), Algorithm.SFT, j.options(), j.outputDirectory());
    assertThatThrownBy(() -> DjlTrainer.create().train(empty))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage("no SFT examples in " + j.pairsFile() + " for SFT");
  }

  @Test
  @Tag("slow")
  void memoryStaysFlat_overHundredsOfTrainingSteps() throws IOException {
    long[] rss = new long[2];
    DjlTrainer trainer =
        DjlTrainer.builder()
            .listener(m -> {
              // native memory: resident set minus the Java heap's committed size, after a GC
              if (m.step() == 40) {
                rss[0] = nativeKib();
              } else if (m.step() == 240) {
                rss[1] = nativeKib();
              }
            })
            .build();
    // 4 examples, batch 2: 2 steps an epoch
    trainer.train(job(Algorithm.DPO_NLL, options(1e-3, 120, 2), "long"));
    // a leak of one step's activations (tens of MB at 200 steps) or of AdamW state would show here
    assertThat(rss[1] - rss[0]).isLessThan(24 * 1024);
  }

  private static long nativeKib() {
    System.gc();
    return residentKib() - Runtime.getRuntime().totalMemory() / 1024;
  }

  private static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no VmRSS");
  }
}
