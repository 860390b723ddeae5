package dev.siam4j.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.extraction.AnswerExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Turns a worker's reply into an {@link Execution}. */
final class Outcomes {
  /** The exit status the child uses when the sandbox's own setup failed. */
  static final int SETUP_FAILED = 120;
  private static final int SIGKILL = 9;
  private static final int SIGXCPU = 24;

  private Outcomes() {}

  static Execution toExecution(
      Zygote.Reply reply, SandboxLimits limits, AnswerExtractor extractor) {
    JsonNode h = reply.header();
    Duration elapsed = Duration.ofNanos((long) (h.path("elapsed").asDouble() * 1e9));
    // invalid UTF-8 is kept, decoded with replacement characters
    String out = new String(reply.out(), StandardCharsets.UTF_8);
    String err = new String(reply.err(), StandardCharsets.UTF_8);
    Optional<ProgramError> error = Optional.empty();
    JsonNode e = h.path("error");
    boolean memory = false;
    if (e.isObject()) {
      error = Optional.of(new ProgramError(
          e.path("type").asText(""), e.path("message").asText(""), e.path("line").asInt(0)));
      memory = e.path("memory").asBoolean();
    }
    boolean signaled = h.has("signal");
    int signal = h.path("signal").asInt();
    int exit = signaled ? -1 : h.path("exit").asInt(-1);
    double cpu = h.path("cpu").asDouble();
    Outcome outcome;
    if (h.path("cancelled").asBoolean()) {
      return Execution.sandboxFailure("the sandbox was closed while the program ran", elapsed);
    } else if (h.path("outputLimit").asBoolean()) {
      outcome = Outcome.OUTPUT_LIMIT;
      exit = -1;
    } else if (h.path("timeout").asBoolean()) {
      outcome = Outcome.TIMEOUT;
      exit = -1;
    } else if (signaled
        && (signal == SIGXCPU
            || (signal == SIGKILL && cpu >= limits.cpuTime().toMillis() / 1000.0))) {
      outcome = Outcome.TIMEOUT;
    } else if (memory) {
      outcome = Outcome.MEMORY_LIMIT;
    } else if (!signaled && exit == SETUP_FAILED && err.startsWith("sandbox setup failed")) {
      return Execution.sandboxFailure(err.strip(), elapsed);
    } else if (signaled) {
      outcome = Outcome.KILLED;
      err = err + (err.isEmpty() || err.endsWith("\n") ? "" : "\n")
          + "killed by signal " + signal + "\n";
    } else if (exit == 0) {
      outcome = Outcome.OK;
    } else {
      outcome = Outcome.ERROR;
    }
    String answer = outcome == Outcome.OK ? extractor.extract(out) : "";
    return new Execution(outcome, exit, out, err, answer, elapsed, error);
  }
}
