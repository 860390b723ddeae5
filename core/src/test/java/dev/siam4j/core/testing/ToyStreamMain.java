package dev.siam4j.core.testing;

import dev.siam4j.core.Problem;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.loop.SelfImprovementLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;

/**
 * Runs the toy loop over {@code n} problems made on the fly (never held in a list), for the test
 * that checks the loop streams in bounded memory. Prints the samples judged and the peak heap.
 * Arguments: run folder, problem count.
 */
public final class ToyStreamMain {
  private ToyStreamMain() {}

  /** Problems made one by one as they are iterated. */
  public static Iterable<Problem> lazyProblems(int n) {
    return () ->
        new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < n;
          }

          @Override
          public Problem next() {
            int a = i % 1000;
            int b = i / 1000;
            return Problem.of("p" + i++, "What is " + a + " + " + b + "?", Integer.toString(a + b), "toy");
          }
        };
  }

  /** Entry point: {@code ToyStreamMain RUN_FOLDER N}. */
  public static void main(String[] args) {
    int n = Integer.parseInt(args[1]);
    LoopResult r =
        SelfImprovementLoop.builder()
            .problems(lazyProblems(n))
            .generator(new ToyWorld.Policy(5, Duration.ZERO))
            .executor(ToyWorld.executor(Duration.ZERO))
            .critic(ToyWorld.critic())
            .preferenceBuilder(ToyWorld.preferenceBuilder())
            .samplesPerProblem(1)
            .runFolder(Path.of(args[0]))
            .build()
            .run();
    long peak = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("samples=" + r.iterations().get(0).samples() + " peakHeapBytes=" + peak);
    System.exit(0);
  }
}
