package dev.siam4j.alignment.preference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million judged samples stream through builder, statistics and export in a JVM whose heap is
 * capped at 48 MiB, and the heap in use after a full collection stays under 24 MiB throughout.
 */
@Tag("slow")
final class StreamingMemoryTest {
  private static final long SAMPLES = 1_000_000;

  @TempDir Path dir;

  @Test
  void aMillionJudgedSamplesStreamThroughInBoundedMemory() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("run.log");
    Path out = dir.resolve("export");
    Process p = new ProcessBuilder(List.of(java, "-Xmx48m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"),
            MillionSamplesRun.class.getName(), out.toString(), Long.toString(SAMPLES)))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean ended = p.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("ended in time; output: %s", output).isTrue();
    assertThat(p.exitValue()).as("exit status; output: %s", output).isZero();
    JsonNode r = Json.mapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
    assertThat(r.get("samples").asLong()).isEqualTo(SAMPLES);
    assertThat(r.get("maxHeapBytes").asLong()).isLessThanOrEqualTo(48L << 20);
    assertThat(r.get("maxUsedHeapAfterGcBytes").asLong()).isLessThan(24L << 20);
    assertThat(lines(out.resolve("sft.jsonl"))).isEqualTo(r.get("sft").asLong()).isPositive();
    assertThat(lines(out.resolve("preference.jsonl"))).isEqualTo(r.get("pairs").asLong())
        .isPositive();
    assertThat(r.at("/statistics/samples").asLong()).isEqualTo(SAMPLES);
    System.out.println("StreamingMemoryTest: " + SAMPLES + " samples, heap cap "
        + (r.get("maxHeapBytes").asLong() >> 20) + " MiB, max used after GC "
        + (r.get("maxUsedHeapAfterGcBytes").asLong() >> 20) + " MiB, sft " + r.get("sft")
        + ", pairs " + r.get("pairs"));
  }

  private static long lines(Path file) throws IOException {
    try (Stream<String> s = Files.lines(file, StandardCharsets.UTF_8)) {
      return s.count();
    }
  }
}
