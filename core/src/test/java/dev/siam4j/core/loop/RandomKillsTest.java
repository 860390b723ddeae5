package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.testing.ToyLoopMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM running the toy loop with SIGKILL at random times, a few hundred times, resuming
 * after each kill; every run that then finishes must hold exactly the records of an uninterrupted
 * run, and no kill may leave a folder that a rerun refuses (a stale lock included). The number of
 * kills is {@code -Dsiam4j.kills=N} (default 300); the seed of the kill times is printed and can be
 * replayed with {@code -Dsiam4j.killSeed=S}.
 */
@Tag("slow")
final class RandomKillsTest {
  private static final List<String> RECORDS =
      List.of("solutions.jsonl", "executions.jsonl", "verdicts.jsonl", "data.jsonl", "sft.jsonl", "pairs.jsonl");

  @TempDir Path dir;

  @Test
  void hundredsOfKillsAtRandomTimesEachFollowedByAResumeEndWithTheRecordsOfAnUninterruptedRun() throws Exception {
    int kills = Integer.getInteger("siam4j.kills", 300);
    long seed = Long.getLong("siam4j.killSeed", System.nanoTime());
    System.out.println("RandomKillsTest: " + kills + " kills, -Dsiam4j.killSeed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);

    Path reference = dir.resolve("reference");
    ToyLoopMain.loop(reference, Duration.ZERO).run();
    // how long a whole run takes in a fresh JVM, from "ready" to exit: kills land within it
    long full = Math.max(1, runToEnd(dir.resolve("timing")));

    int killed = 0;
    int finished = 0;
    int landedEarly = 0;
    for (int round = 0; killed < kills; round++) {
      Path run = dir.resolve("round-" + round);
      while (true) {
        Process p = start(run);
        awaitReady(p);
        long delay = random.nextLong(full + 1);
        if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
          p.destroyForcibly(); // SIGKILL on Linux
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
          if (p.exitValue() == 0) {
            break; // it finished in the instant before the kill
          }
          assertThat(p.exitValue()).as("killed: " + log(run)).isEqualTo(137);
          killed++;
          if (!Files.exists(run.resolve("iter-0/solutions.jsonl"))) {
            landedEarly++;
          }
          continue;
        }
        assertThat(p.exitValue()).as("exit of a resumed run in " + run + ": " + log(run)).isZero();
        break;
      }
      assertSameRecords(reference, run);
      finished++;
      deleteRecursively(run); // keep the disk footprint flat
    }
    System.out.println(
        "RandomKillsTest: " + killed + " kills (" + landedEarly + " before the first record) in " + finished
            + " runs, each finished with the records of an uninterrupted run; a whole run takes " + full + " ms");
    assertThat(killed).isGreaterThanOrEqualTo(kills);
  }

  private static void assertSameRecords(Path reference, Path run) throws IOException {
    for (int it = 0; it < 2; it++) {
      for (String f : RECORDS) {
        Path expected = reference.resolve("iter-" + it).resolve(f);
        Path actual = run.resolve("iter-" + it).resolve(f);
        assertThat(Files.readString(actual)).as(actual.toString()).isEqualTo(Files.readString(expected));
      }
      for (String step : List.of("step-0-sft", "step-1-dpo_nll")) {
        String expected = Files.readString(reference.resolve("iter-" + it + "/checkpoint/" + step + "/result.json"));
        String actual = Files.readString(run.resolve("iter-" + it + "/checkpoint/" + step + "/result.json"));
        String name = run.getFileName().toString();
        assertThat(actual.replace("/" + name + "/", "/X/").replace(name + "-seed", "X-seed"))
            .isEqualTo(expected.replace("/reference/", "/X/").replace("reference-seed", "X-seed"));
      }
    }
    assertThat(Files.readString(run.resolve("run.lock"))).as("the lock is released").isEmpty();
  }

  private long runToEnd(Path run) throws Exception {
    Process p = start(run);
    awaitReady(p);
    long t0 = System.nanoTime();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(p.exitValue()).as(log(run)).isZero();
    return ms;
  }

  private static void awaitReady(Process p) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("ready");
  }

  private static String log(Path run) {
    try {
      return Files.readString(run.resolveSibling(run.getFileName() + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private Process start(Path run) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(
        java, "-cp", System.getProperty("java.class.path"),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
        KillableLoopMain.class.getName(), run.toString()));
    return new ProcessBuilder(cmd)
        .redirectError(run.resolveSibling(run.getFileName() + ".log").toFile())
        .start();
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
