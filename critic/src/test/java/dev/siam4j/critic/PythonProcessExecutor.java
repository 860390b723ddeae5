package dev.siam4j.critic;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.extraction.AnswerExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test-only executor: real {@code python3} in a fresh process per program, killed after a time
 * limit. Not isolated; the sandbox module's executor is the production one.
 */
public final class PythonProcessExecutor implements CodeExecutor {
  private final Duration limit;

  public PythonProcessExecutor(Duration limit) {
    this.limit = limit;
  }

  @Override
  public Execution execute(String code) {
    long start = System.nanoTime();
    Path file = null;
    try {
      file = Files.createTempFile("siam4j-critic-", ".py");
      Files.writeString(file, code, StandardCharsets.UTF_8);
      Path out = Files.createTempFile("siam4j-critic-", ".out");
      Path err = Files.createTempFile("siam4j-critic-", ".err");
      Process p =
          new ProcessBuilder("python3", file.toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly().waitFor();
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Outcome outcome = !done ? Outcome.TIMEOUT : p.exitValue() == 0 ? Outcome.OK : Outcome.ERROR;
      return new Execution(
          outcome,
          done ? p.exitValue() : -1,
          stdout,
          stderr,
          AnswerExtractor.lastNonEmptyLine().extract(stdout),
          elapsed,
          Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // temp file; the OS cleans up
        }
      }
    }
  }

  @Override
  public String toString() {
    return "python3 (test process executor)";
  }
}
