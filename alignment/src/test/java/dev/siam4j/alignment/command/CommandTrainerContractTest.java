package dev.siam4j.alignment.command;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.contract.TrainerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class CommandTrainerContractTest implements TrainerContract {

  @Override
  public Trainer trainer() {
    return CommandTrainer.builder()
        .command(
            List.of(
                "python3",
                "-c",
                "import sys; open(sys.argv[1] + '/model.gguf', 'wb').write(b'GGUF' + bytes(20))",
                "{output}"))
        .build();
  }

  @Override
  public TrainingJob smallJob(Path folder) throws Exception {
    return new TrainingJob(
        Checkpoint.of(Files.write(folder.resolve("base.gguf"), new byte[] {'G', 'G', 'U', 'F'})),
        Files.writeString(folder.resolve("sft.jsonl"), ""),
        Files.writeString(folder.resolve("pairs.jsonl"), ""),
        Algorithm.SFT,
        TrainingOptions.DEFAULT,
        folder.resolve("out"));
  }
}
