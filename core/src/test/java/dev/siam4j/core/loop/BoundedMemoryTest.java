package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.testing.ToyStreamMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the loop over a million problems in a JVM whose heap is capped at 64 MiB: it can only
 * finish if every stage streams.
 */
@Tag("slow")
final class BoundedMemoryTest {
  @TempDir Path dir;

  @Test
  void aMillionProblemsStreamThroughA64MiBHeap() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                ToyStreamMain.class.getName(), dir.resolve("run").toString(), "1000000")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("finishes").isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("samples=1000000 ");
    // an OutOfMemoryError would have ended the run with a non-zero exit before this line
    try (var lines = Files.lines(dir.resolve("run/iter-0/verdicts.jsonl"))) {
      assertThat(lines.count()).isEqualTo(1_000_000);
    }
  }
}
