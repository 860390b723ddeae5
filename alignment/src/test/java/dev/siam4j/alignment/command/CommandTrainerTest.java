package dev.siam4j.alignment.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real python3 scripts as the external trainer. */
final class CommandTrainerTest {
  @TempDir Path dir;

  private TrainingJob job() throws IOException {
    Path base = Files.write(dir.resolve("base.gguf"), "GGUF....".getBytes());
    return new TrainingJob(
        Checkpoint.of(base),
        Files.writeString(dir.resolve("sft.jsonl"), ""),
        Files.writeString(dir.resolve("pairs.jsonl"), "{}\n"),
        Algorithm.DPO_NLL,
        TrainingOptions.DEFAULT,
        dir.resolve("out"));
  }

  @Test
  void train_runsTheCommand_streamsItsLog_andPicksUpTheAdapter() throws IOException {
    Path script =
        Files.writeString(
            dir.resolve("train.py"),
            String.join(
                "\n",
                "import json, sys",
                "args = dict(zip(sys.argv[1::2], sys.argv[2::2]))",
                "print('step 1 loss 0.69', flush=True)",
                "print('step 2 loss 0.52', flush=True)",
                "open(args['--out'] + '/adapter.gguf', 'wb').write(b'GGUF' + bytes(12))",
                "json.dump({'loss': 0.52, 'steps': 2, 'note': 'x'}, open(args['--out'] + '/metrics.json', 'w'))",
                "open(args['--out'] + '/args.json', 'w').write(json.dumps(args))",
                ""));
    List<String> lines = new CopyOnWriteArrayList<>();
    CommandTrainer trainer =
        CommandTrainer.builder()
            .command(
                List.of(
                    "python3", script.toString(),
                    "--pairs", "{pairs}", "--base", "{model}", "--out", "{output}",
                    "--algo", "{algorithm}", "--beta", "{beta}", "--rpo", "{nll_weight}",
                    "--lora", "r={lora_rank}"))
            .listener(lines::add)
            .timeout(Duration.ofMinutes(1))
            .build();

    TrainingJob job = job();
    TrainingResult result = trainer.train(job);

    assertThat(lines).containsExactly("step 1 loss 0.69", "step 2 loss 0.52");
    assertThat(result.checkpoint())
        .isEqualTo(Checkpoint.withAdapter(job.base().model(), dir.resolve("out/adapter.gguf")));
    assertThat(result.metrics()).containsEntry("loss", 0.52).containsEntry("steps", 2.0);
    assertThat(result.metrics()).containsKey("seconds").doesNotContainKey("note");
    assertThat(Files.readString(dir.resolve("out/args.json")))
        .contains("\"--pairs\": \"" + dir.resolve("pairs.jsonl") + "\"")
        .contains("\"--algo\": \"dpo_nll\"")
        .contains("\"--beta\": \"0.1\"")
        .contains("\"--rpo\": \"1.0\"")
        .contains("\"--lora\": \"r=8\"");
  }

  @Test
  void train_failingCommand_reportsExitCodeAndLastLines() throws IOException {
    Path script =
        Files.writeString(
            dir.resolve("fail.py"),
            "import sys\nfor i in range(30): print('line', i)\n"
                + "print('CUDA out of memory', file=sys.stderr)\nsys.exit(3)\n");
    CommandTrainer trainer =
        CommandTrainer.builder()
            .command(List.of("python3", script.toString()))
            .failureTail(3)
            .build();

    assertThatThrownBy(() -> trainer.train(job()))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage(
            "training command python3 exited with code 3; last lines:\n"
                + "line 28\nline 29\nCUDA out of memory");
  }

  @Test
  void train_successWithoutCheckpoint_fails() throws IOException {
    CommandTrainer trainer =
        CommandTrainer.builder().command(List.of("python3", "-c", "print('done')")).build();
    TrainingJob job = job();
    assertThatThrownBy(() -> trainer.train(job))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage(
            "training command python3 exited with code 0 but wrote neither adapter.gguf nor"
                + " model.gguf in "
                + job.outputDirectory());
  }

  @Test
  @Tag("slow")
  void train_pastTimeout_killsAndFailsRetriably() throws IOException {
    CommandTrainer trainer =
        CommandTrainer.builder()
            .command(List.of("python3", "-c", "import time; print('start', flush=True); time.sleep(60)"))
            .timeout(Duration.ofSeconds(5))
            .build();
    assertThatThrownBy(() -> trainer.train(job()))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessage("training command python3 ran past its timeout of PT5S; last lines:\nstart")
        .matches(e -> ((TrainingFailedException) e).isRetriable());
  }

  @Test
  void builder_unknownPlaceholder_fails() {
    assertThatThrownBy(() -> CommandTrainer.builder().command(List.of("x", "--data={dataset}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown placeholder {dataset} in '--data={dataset}'; known: [adapter,");
  }

  @Test
  void builder_commandTwice_fails() {
    CommandTrainer.Builder b = CommandTrainer.builder().command(List.of("a"));
    assertThatThrownBy(() -> b.command(List.of("b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("command was already set to [a]");
  }
}
