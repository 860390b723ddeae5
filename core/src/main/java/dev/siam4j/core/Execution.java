package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What running one program gave.
 *
 * @param outcome how it ended
 * @param exitCode the process exit status; -1 when there was none (killed, sandbox failure)
 * @param stdout what it printed, decoded as UTF-8 with replacement, truncated at the output limit
 * @param stderr what it printed to standard error, likewise
 * @param answer the answer the program printed (by default the last non-empty stdout line), empty
 *     when it printed nothing
 * @param elapsed wall time
 * @param error the exception, for {@link Outcome#ERROR} when it could be parsed
 */
public record Execution(
    Outcome outcome,
    int exitCode,
    String stdout,
    String stderr,
    String answer,
    Duration elapsed,
    Optional<ProgramError> error) {

  /**
   * Validates.
   *
   * @param outcome how it ended, not null
   * @param exitCode the exit status, or -1 when there was none; at least -1
   * @param stdout standard output, not null
   * @param stderr standard error, not null
   * @param answer the printed answer, empty for none; not null
   * @param elapsed wall time, not negative
   * @param error the parsed exception or empty, not null
   * @throws IllegalArgumentException when {@code elapsed} is negative or {@code exitCode} is below
   *     -1
   */
  public Execution {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(elapsed, "elapsed");
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative, was " + elapsed);
    }
    Objects.requireNonNull(error, "error");
    Checks.nonNegative(exitCode + 1, "exitCode + 1");
  }

  /**
   * @param stdout what the program printed, not null
   * @param answer the answer read from {@code stdout}, not null
   * @param elapsed wall time, not negative
   * @return a successful execution that printed {@code stdout} and whose answer is {@code answer}
   */
  public static Execution ok(String stdout, String answer, Duration elapsed) {
    return new Execution(Outcome.OK, 0, stdout, "", answer, elapsed, Optional.empty());
  }

  /**
   * @param reason why the sandbox failed; becomes the execution's {@code stderr}
   * @param elapsed wall time until the failure, not negative
   * @return an execution that failed before the program could run, because of the sandbox
   */
  public static Execution sandboxFailure(String reason, Duration elapsed) {
    return new Execution(Outcome.SANDBOX_FAILURE, -1, "", reason, "", elapsed, Optional.empty());
  }
}
