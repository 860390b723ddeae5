package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.testing.ToyLoopMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM running the loop with SIGKILL at several points, reruns it each time, and
 * checks that the finished run holds exactly the records of an uninterrupted run.
 */
@Tag("slow")
final class ResumeAfterKillTest {
  private static final List<String> FILES =
      List.of("solutions.jsonl", "executions.jsonl", "verdicts.jsonl", "data.jsonl", "sft.jsonl", "pairs.jsonl");

  @TempDir Path dir;

  @Test
  void rerunsAfterSigkillEndWithExactlyTheRecordsOfAnUninterruptedRun() throws Exception {
    Path reference = dir.resolve("reference");
    ToyLoopMain.loop(reference, Duration.ZERO).run();

    Path run = dir.resolve("run");
    killWhen(run, lines(run.resolve("iter-0/solutions.jsonl"), 9)); // mid-generation
    killWhen(run, lines(run.resolve("iter-0/executions.jsonl"), 14)); // mid-execution
    appendTornLine(run.resolve("iter-0/executions.jsonl"));
    killWhen(run, lines(run.resolve("iter-0/verdicts.jsonl"), 21)); // mid-critique
    killWhen(run, lines(run.resolve("iter-0/data.jsonl"), 5)); // mid-data
    killWhen(run, exists(run.resolve("iter-0/checkpoint/step-0-sft/model.txt"))); // mid-training
    killWhen(run, lines(run.resolve("iter-1/solutions.jsonl"), 30)); // next iteration
    Process last = start(run);
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("final run finishes").isTrue();
    assertThat(last.exitValue()).isZero();

    for (int it = 0; it < 2; it++) {
      for (String f : FILES) {
        Path expected = reference.resolve("iter-" + it).resolve(f);
        Path actual = run.resolve("iter-" + it).resolve(f);
        assertThat(Files.readString(actual)).as(actual.toString()).isEqualTo(Files.readString(expected));
      }
      for (String step : List.of("step-0-sft", "step-1-dpo_nll")) {
        Path expected = reference.resolve("iter-" + it + "/checkpoint/" + step + "/result.json");
        Path actual = run.resolve("iter-" + it + "/checkpoint/" + step + "/result.json");
        assertThat(Files.readString(actual).replace("/run/", "/X/").replace("run-seed", "X-seed"))
            .isEqualTo(Files.readString(expected).replace("/reference/", "/X/").replace("reference-seed", "X-seed"));
      }
    }
    assertThat(Files.readAllLines(run.resolve("iter-1/verdicts.jsonl"))).hasSize(48);
  }

  private static Predicate<Path> lines(Path file, int atLeast) {
    return ignored -> {
      try {
        return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).size() >= atLeast;
      } catch (IOException e) {
        return false;
      }
    };
  }

  private static Predicate<Path> exists(Path file) {
    return ignored -> Files.exists(file);
  }

  private void killWhen(Path run, Predicate<Path> condition) throws Exception {
    Process p = start(run);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.test(run) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(p.isAlive()).as("the loop is still running when the kill point is reached").isTrue();
    p.destroyForcibly(); // SIGKILL on Linux
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);
  }

  private static void appendTornLine(Path file) throws IOException {
    Files.writeString(file, "{\"key\":{\"problemId\":\"toy-9\",\"sam", StandardOpenOption.APPEND);
  }

  private static Process start(Path run) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            ToyLoopMain.class.getName(), run.toString(), "25")
        .redirectErrorStream(true)
        .redirectOutput(run.resolveSibling(run.getFileName() + ".log").toFile())
        .start();
  }
}
