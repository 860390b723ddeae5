package dev.siam4j.core.loop;

import dev.siam4j.core.testing.ToyLoopMain;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The toy loop in a JVM of its own, for {@link RandomKillsTest}: prints {@code ready} once its
 * classes are loaded, then runs (or resumes) the loop on the folder it is given and exits 0.
 */
public final class KillableLoopMain {
  private KillableLoopMain() {}

  /** {@code KillableLoopMain RUN_FOLDER} */
  public static void main(String[] args) {
    SelfImprovementLoop loop = ToyLoopMain.loop(Path.of(args[0]), Duration.ZERO);
    System.out.println("ready");
    System.out.flush();
    loop.run();
    System.exit(0);
  }
}
