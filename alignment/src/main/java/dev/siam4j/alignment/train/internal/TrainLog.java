package dev.siam4j.alignment.train.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.siam4j.alignment.train.StepMetrics;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A training job's {@code train.jsonl}: one line a step, written by Jackson from {@link Line}; a
 * metric that does not apply (NaN) is written as {@code null}. Not thread-safe.
 */
final class TrainLog {
  private static final ObjectWriter WRITER = Json.mapper().writerFor(Line.class);

  private final Path file;

  TrainLog(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  Path file() {
    return file;
  }

  /**
   * Drops the lines of steps after the checkpoint a run resumes from, and lines torn by a crash.
   *
   * @param upToStep the last step to keep
   */
  void keepUpTo(int upToStep) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          if (Json.mapper().readTree(line).path("step").asInt() <= upToStep) {
            kept.add(line);
          }
        } catch (IOException torn) {
          // a line torn by a crash: dropped
        }
      }
      Files.write(file, kept, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot rewrite " + file + ": " + e.getMessage(), e);
    }
  }

  /** @param metrics one step's metrics, appended as a line */
  void append(StepMetrics metrics) {
    try {
      Files.writeString(
          file,
          WRITER.writeValueAsString(Line.of(metrics)) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /** One line of {@code train.jsonl}; the names and order are the file's format. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({
    "step", "epoch", "loss", "learning_rate", "grad_norm", "skipped", "chosen_logp", "rejected_logp",
    "reward_chosen", "reward_rejected", "reward_margin", "reward_accuracy", "chosen_length",
    "rejected_length", "tokens"
  })
  record Line(
      @JsonProperty("step") int step,
      @JsonProperty("epoch") int epoch,
      @JsonProperty("loss") double loss,
      @JsonProperty("learning_rate") double learningRate,
      @JsonProperty("grad_norm") double gradNorm,
      @JsonProperty("skipped") boolean skipped,
      @JsonProperty("chosen_logp") Double chosenLogProb,
      @JsonProperty("rejected_logp") Double rejectedLogProb,
      @JsonProperty("reward_chosen") Double rewardChosen,
      @JsonProperty("reward_rejected") Double rewardRejected,
      @JsonProperty("reward_margin") Double rewardMargin,
      @JsonProperty("reward_accuracy") Double rewardAccuracy,
      @JsonProperty("chosen_length") Double chosenLength,
      @JsonProperty("rejected_length") Double rejectedLength,
      @JsonProperty("tokens") long tokens) {

    static Line of(StepMetrics m) {
      return new Line(
          m.step(),
          m.epoch(),
          m.loss(),
          m.learningRate(),
          m.gradNorm(),
          m.skipped(),
          orNull(m.chosenLogProb()),
          orNull(m.rejectedLogProb()),
          orNull(m.rewardChosen()),
          orNull(m.rewardRejected()),
          orNull(m.rewardMargin()),
          orNull(m.rewardAccuracy()),
          orNull(m.chosenLength()),
          orNull(m.rejectedLength()),
          m.tokens());
    }

    private static Double orNull(double v) {
      return Double.isNaN(v) ? null : v;
    }
  }
}
