package dev.siam4j.alignment.train;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.contract.TrainerContract;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.jsonl.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class DjlTrainerContractTest implements TrainerContract {

  @Override
  public Trainer trainer() {
    return DjlTrainer.create();
  }

  @Override
  public TrainingJob smallJob(Path folder) throws Exception {
    Path model =
        LlamaModelFactory.writeRandom(LlamaModelSpec.tiny().withBlockCount(1), 1, folder.resolve("m.gguf"));
    Path sft =
        Files.write(
            folder.resolve("sft.jsonl"),
            List.of(Json.toLine(new SftExample(new SampleKey("p", 0, 0), Prompt.raw("1+1="), "2", 1.0))));
    return new TrainingJob(
        Checkpoint.of(model),
        sft,
        Files.writeString(folder.resolve("pairs.jsonl"), ""),
        Algorithm.SFT,
        new TrainingOptions(1e-3, 1, 1, 32, 0.1, 1.0, 2, 1),
        folder.resolve("out"));
  }
}
