package dev.siam4j.core.testing;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the toy loop in its own JVM, for the test that kills it with SIGKILL and resumes.
 * Arguments: run folder, delay in milliseconds per unit of work.
 */
public final class ToyLoopMain {
  private ToyLoopMain() {}

  /** Builds the toy loop used by the resume tests. */
  public static SelfImprovementLoop loop(Path runFolder, Duration delay) {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(12))
        .policy(ToyWorld.checkpoint(runFolder.resolveSibling(runFolder.getFileName() + "-seed.txt"), 3),
            ToyWorld.loader(delay))
        .executor(ToyWorld.executor(delay))
        .critic(ToyWorld.critic())
        .preferenceBuilder(ToyWorld.preferenceBuilder())
        .trainer(ToyWorld.trainer(delay.multipliedBy(10)))
        .trainingPlan(Algorithm.SFT, Algorithm.DPO_NLL)
        .samplesPerProblem(4)
        .iterations(2)
        .seed(7)
        .concurrency(Stage.GENERATE, 2)
        .concurrency(Stage.EXECUTE, 3)
        .runFolder(runFolder)
        .build();
  }

  /** Entry point: {@code ToyLoopMain RUN_FOLDER DELAY_MS}. */
  public static void main(String[] args) {
    loop(Path.of(args[0]), Duration.ofMillis(Long.parseLong(args[1]))).run();
    System.exit(0);
  }
}
