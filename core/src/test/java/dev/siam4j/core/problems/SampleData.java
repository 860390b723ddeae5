package dev.siam4j.core.problems;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared sample data ({@code shared/data}) by walking up from the working folder. */
final class SampleData {
  private SampleData() {}

  /** @return the sample-data folder; skips the calling test when it is absent */
  static Path dir() {
    Path start = Path.of("").toAbsolutePath();
    for (Path d = start; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("data");
      if (Files.isRegularFile(candidate.resolve("gsm8k-test-sample.jsonl"))) {
        return candidate;
      }
    }
    assumeTrue(false, "no shared/data folder above " + start + ": sample-data tests skipped");
    throw new AssertionError("unreachable");
  }
}
