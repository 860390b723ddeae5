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
}
