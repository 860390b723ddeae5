package dev.siam4j.core.extraction;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a program with the real python3, for tests. */
public final class Python3 {
  private Python3() {}

  /** What a run gave. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /** Runs {@code code} with python3 and waits up to 60 s; skips the test when python3 is absent. */
  public static Run run(String code) {
    try {
      Path file = Files.createTempFile("siam4j-test-", ".py");
      try {
        Files.writeString(file, code, StandardCharsets.UTF_8);
        Process p;
        try {
          p = new ProcessBuilder("python3", file.toString()).start();
        } catch (IOException e) {
          assumeTrue(false, "python3 is not on PATH: " + e.getMessage());
          throw e;
        }
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("python3 ran over 60 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
            new String(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
