package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Generator;
import dev.siam4j.core.store.RunFolderLockedException;
import dev.siam4j.core.testing.ToyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LoopLockTest {
  @TempDir Path dir;

  @Test
  void aSecondRunOnTheSameFolderFailsAtOnceAndTheFirstFinishesAResumableRun() throws Exception {
    CountDownLatch generating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Generator blocking =
        request -> {
          generating.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new ToyWorld.Policy(5, Duration.ZERO).generate(request);
        };
    SelfImprovementLoop loop =
        SelfImprovementLoop.builder()
            .problems(ToyWorld.problems(3))
            .generator(blocking)
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .samplesPerProblem(2)
            .runFolder(dir.resolve("run"))
            .build();
    FutureTask<LoopResult> first = new FutureTask<>(loop::run);
    new Thread(first, "first-runner").start();
    assertThat(generating.await(30, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(loop::run)
        .isInstanceOf(RunFolderLockedException.class)
        .hasMessageStartingWith("run folder " + dir.resolve("run") + " is in use by pid " + ProcessHandle.current().pid())
        .hasMessageEndingWith(" (another thread of this process, 'first-runner'); wait for that run to finish, or stop it, then run again");

    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).iterations()).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve("run/iter-0/verdicts.jsonl"))).hasSize(6);
    // released: the same folder runs again (and finds everything done)
    assertThat(loop.run().iterations().get(0).samples()).isEqualTo(6);
  }

  @Test
  void aRunInAnotherJvmOnTheSameFolderIsNamedByItsPidAndAfterItIsKilledTheFolderResumes() throws Exception {
    Path run = dir.resolve("shared");
    Process other =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                dev.siam4j.core.testing.ToyLoopMain.class.getName(), run.toString(), "200")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("other.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(run.resolve("iter-0/solutions.jsonl")) && other.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(other.isAlive()).as("the other JVM is still running its loop").isTrue();
      SelfImprovementLoop same = dev.siam4j.core.testing.ToyLoopMain.loop(run, Duration.ZERO);
      assertThatThrownBy(same::run)
          .isInstanceOf(RunFolderLockedException.class)
          .hasMessageStartingWith("run folder " + run + " is in use by pid " + other.pid() + " on host ")
          .hasMessageContaining(" (another process holds " + run.resolve("run.lock") + ")");
    } finally {
      other.destroyForcibly();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // the killed holder's lock is taken over and the run finishes
    assertThat(dev.siam4j.core.testing.ToyLoopMain.loop(run, Duration.ZERO).run().iterations()).hasSize(2);
  }
}
