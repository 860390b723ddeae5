package dev.siam4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Trainer} must do. An implementation's test class implements this interface,
 * supplies the trainer and a small job whose output folder lies under the given folder.
 */
public interface TrainerContract {

  /** @return the trainer under test */
  Trainer trainer();

  /**
   * @param folder an empty folder for data and output
   * @return a small job that the trainer can finish quickly
   */
  TrainingJob smallJob(Path folder) throws Exception;

  @Test
  default void train_writesTheCheckpointItReturns(@TempDir Path folder) throws Exception {
    TrainingJob job = smallJob(folder);
    TrainingResult result = trainer().train(job);
    assertThat(result.checkpoint().model()).exists();
    result.checkpoint().adapter().ifPresent(a -> assertThat(a).exists());
    assertThat(Files.list(job.outputDirectory()).count()).isPositive();
  }
}
