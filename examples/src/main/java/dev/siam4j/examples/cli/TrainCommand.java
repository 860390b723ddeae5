package dev.siam4j.examples.cli;

import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code siam4j train}: one training job of the default trainer ({@link DjlTrainer}) on SFT
 * examples or preference pairs in the JSONL the loop writes ({@code iter-N/sft.jsonl},
 * {@code pairs.jsonl}) or {@code siam4j export} reads. Writes the new checkpoint and {@code
 * train.jsonl} (one line a step) in the output folder and prints one JSON line: the checkpoint and
 * the final metrics. Rerun with the same arguments, it resumes from the folder's last checkpoint.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a GGUF policy on SFT examples or preference pairs (JSONL) with the built-in trainer.",
      "SFT reads --sft; DPO, DPO_NLL, IPO, ORPO, SIMPO and KTO read --pairs. Writes the new",
      "model (or LoRA adapter) and train.jsonl to --output; prints one JSON line."
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "The base model (GGUF).")
  Path model;

  @Option(names = "--adapter", paramLabel = "FILE",
      description = "A LoRA adapter (GGUF) of --model to continue training (needs --lora-rank > 0).")
  Path adapter;

  @Option(names = "--algorithm", required = true, paramLabel = "NAME",
      description = "sft, dpo, dpo-nll, ipo, orpo, simpo or kto (any case, - or _).")
  Algorithm algorithm;

  @Option(names = "--sft", paramLabel = "FILE", description = "SFT examples, one JSON a line.")
  Path sft;

  @Option(names = "--pairs", paramLabel = "FILE", description = "Preference pairs, one JSON a line.")
  Path pairs;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder.")
  Path output;

  @Mixin TrainingFlags training;

  @Option(names = "--merge", description = "With LoRA, write a merged model.gguf instead of an adapter.")
  boolean merge;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of initialisation and shuffling (default 42).")
  long seed = TrainingOptions.DEFAULT.seed();

  @Override
  public Integer call() {
    Algorithm objective = algorithm;
    Path data = data(objective);
    if (!Files.isRegularFile(model)) {
      throw new UsageException(model + ": no such model file");
    }
    if (adapter != null && !Files.isRegularFile(adapter)) {
      throw new UsageException(adapter + ": no such adapter file");
    }
    if (adapter != null && training.loraRank == 0) {
      throw new UsageException("--adapter continues LoRA training; give --lora-rank > 0");
    }
    if (merge && training.loraRank == 0) {
      throw new UsageException("--merge merges a LoRA adapter; give --lora-rank > 0");
    }
    TrainingOptions options = training.options(seed);
    long examples = check(data, objective);
    DjlTrainer.Builder trainer = DjlTrainer.builder();
    if (merge) {
      trainer.mergeAdapter();
    }
    Checkpoint base = adapter == null ? Checkpoint.of(model) : Checkpoint.withAdapter(model, adapter);
    TrainingResult result = trainer.build().train(new TrainingJob(base, data, data, objective, options, output));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("algorithm", objective.name());
    line.put("examples", examples);
    line.put("model", result.checkpoint().model().toString());
    result.checkpoint().adapter().ifPresent(a -> line.put("adapter", a.toString()));
    line.put("metrics", result.metrics());
    PrintWriter out = spec.commandLine().getOut();
    out.println(Json.toLine(line));
    out.flush();
    return 0;
  }

  /** The one file the objective reads; the other is misuse rather than silently ignored. */
  private Path data(Algorithm objective) {
    Path needed = objective.usesPairs() ? pairs : sft;
    Path other = objective.usesPairs() ? sft : pairs;
    String neededFlag = objective.usesPairs() ? "--pairs" : "--sft";
    if (other != null) {
      throw new UsageException(objective + " trains on " + neededFlag + " only; drop "
          + (objective.usesPairs() ? "--sft" : "--pairs"));
    }
    if (needed == null) {
      throw new UsageException(objective + " needs " + neededFlag + " FILE");
    }
    if (!Files.isRegularFile(needed)) {
      throw new UsageException(needed + ": no such file");
    }
    return needed;
  }

  /** Reads every line once, so a bad one is misuse naming file and line before training starts. */
  private static long check(Path file, Algorithm objective) {
    long n = 0;
    Class<?> type = objective.usesPairs() ? PreferencePair.class : SftExample.class;
    try (JsonlReader reader = JsonlReader.open(file)) {
      for (JsonlReader.Line line : reader) {
        line.as(type);
        n++;
      }
    } catch (InvalidInputException e) {
      throw new UsageException(e.getMessage());
    }
    if (n == 0) {
      throw new UsageException(file + ": no " + (objective.usesPairs() ? "preference pairs" : "SFT examples"));
    }
    return n;
  }
}
