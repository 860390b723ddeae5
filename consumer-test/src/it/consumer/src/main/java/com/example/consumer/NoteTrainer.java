package com.example.consumer;

import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A user's own trainer stand-in: notes each job and writes a placeholder model file. */
public class NoteTrainer implements Trainer {
  private final List<TrainingJob> jobs = new CopyOnWriteArrayList<>();

  @Override
  public TrainingResult train(TrainingJob job) {
    jobs.add(job);
    try {
      Files.createDirectories(job.outputDirectory());
      Path model = Files.writeString(job.outputDirectory().resolve("model.bin"), job.algorithm().name());
      return new TrainingResult(Checkpoint.of(model), Map.of("loss", 0.5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the jobs trained so far */
  public List<TrainingJob> jobs() {
    return List.copyOf(jobs);
  }
}
