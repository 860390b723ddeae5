package dev.siam4j.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.extraction.AnswerExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a worker's reply into an {@link Execution}. The outcome comes from the worker's own
 * evidence (its deadline, the exit status and rusage it got from the kernel, the memory
 * controller's counters, whether the child finished its setup), never from what the program
 * printed. Without a memory controller (unconfined), an uncaught {@code MemoryError} in the
 * traceback of a program that ended with status 1 is {@code MEMORY_LIMIT}; that text could be
 * forged, which is one of the reasons an unconfined sandbox is for trusted programs only.
 */
final class Outcomes {
  /** Said in stderr when a program closed its stdout. */
  static final String STDOUT_CLOSED =
      "siam4j: the program closed its stdout; what it printed after that is lost";

  private static final String TRACEBACK = "Traceback (most recent call last):";
  private static final Pattern PROGRAM_FRAME = Pattern.compile("  File \"<program>\", line (\\d+)");
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?::(?: (.*))?)?");

  private Outcomes() {}

  static Execution toExecution(
      Zygote.Reply reply, SandboxLimits limits, AnswerExtractor extractor) {
    JsonNode h = reply.header();
    Duration elapsed = Duration.ofNanos((long) (h.path("elapsed").asDouble() * 1e9));
    // invalid UTF-8 is kept, decoded with replacement characters
    String out = new String(reply.out(), StandardCharsets.UTF_8);
    String err = new String(reply.err(), StandardCharsets.UTF_8);
    if (h.path("cancelled").asBoolean()) {
      return Execution.sandboxFailure("the sandbox was closed while the program ran", elapsed);
    }
    String setup = h.path("setup").asText("ok");
    if (!setup.equals("ok")) {
      return Execution.sandboxFailure("the sandbox could not set up the program: " + setup,
          elapsed);
    }
    boolean signaled = h.has("signal");
    int signal = h.path("signal").asInt();
    int exit = signaled ? -1 : h.path("exit").asInt(-1);
    Optional<ProgramError> error = Optional.empty();
    boolean memoryError = false;
    JsonNode e = h.path("error");
    if (e.isObject()) { // reuse mode: the worker caught the exception itself
      error = Optional.of(new ProgramError(
          e.path("type").asText(""), e.path("message").asText(""), e.path("line").asInt(0)));
      memoryError = e.path("memory").asBoolean();
    } else if (!signaled && exit == 1) {
      error = parseTraceback(err);
      // with a memory controller only its counters count: a traceback is text the program wrote
      memoryError = !h.has("memoryLimit")
          && error.map(pe -> pe.type().endsWith("MemoryError")).orElse(false);
    }
    Outcome outcome;
    if (h.path("outputLimit").asBoolean()) {
      outcome = Outcome.OUTPUT_LIMIT;
      exit = -1;
    } else if (h.path("memoryLimit").asBoolean()) {
      // the memory controller killed a process of the program: the cause, even if it then ran
      // past its deadline
      outcome = Outcome.MEMORY_LIMIT;
      exit = h.path("timeout").asBoolean() ? -1 : exit;
    } else if (h.path("timeout").asBoolean()) {
      outcome = Outcome.TIMEOUT;
      exit = -1;
    } else if (memoryError) {
      outcome = Outcome.MEMORY_LIMIT;
    } else if (h.path("cpuLimit").asBoolean()) {
      outcome = Outcome.TIMEOUT;
    } else if (signaled) {
      outcome = Outcome.KILLED;
      err = append(err, "killed by signal " + signal);
    } else if (exit == 0 && !h.path("stdoutClosed").asBoolean()) {
      outcome = Outcome.OK;
    } else {
      outcome = Outcome.ERROR;
    }
    if (h.path("stdoutClosed").asBoolean() && !err.contains(STDOUT_CLOSED)) {
      err = append(err, STDOUT_CLOSED);
    }
    String answer = outcome == Outcome.OK ? extractor.extract(out) : "";
    return new Execution(outcome, exit, out, err, answer, elapsed, error);
  }

  private static String append(String err, String line) {
    return err + (err.isEmpty() || err.endsWith("\n") ? "" : "\n") + line + "\n";
  }

  /**
   * The program's uncaught exception from the traceback its interpreter printed last: the type
   * (its simple name), the message, and the last line of the program in the traceback.
   */
  static Optional<ProgramError> parseTraceback(String err) {
    int anchor = err.lastIndexOf(TRACEBACK);
    Matcher frames = PROGRAM_FRAME.matcher(err);
    int lastFrame = -1;
    int line = 0;
    while (frames.find()) {
      if (frames.start() >= Math.max(anchor, 0)) {
        line = Integer.parseInt(frames.group(1));
      }
      lastFrame = frames.start();
    }
    if (anchor < 0) {
      if (lastFrame < 0) {
        return Optional.empty();
      }
      anchor = lastFrame; // a SyntaxError is printed without a traceback header
      Matcher m = PROGRAM_FRAME.matcher(err.substring(anchor));
      line = m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
    }
    String[] lines = err.substring(anchor).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isEmpty() || l.startsWith(" ") || l.startsWith("\t") || l.equals(TRACEBACK)) {
        continue;
      }
      Matcher m = EXCEPTION_LINE.matcher(l);
      if (!m.matches()) {
        return Optional.empty();
      }
      String type = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
      StringBuilder message = new StringBuilder(m.group(2) == null ? "" : m.group(2));
      for (int j = i + 1; j < lines.length; j++) {
        message.append('\n').append(lines[j]);
      }
      String text = message.toString().strip();
      return Optional.of(new ProgramError(type, text.length() > 2000 ? text.substring(0, 2000)
          : text, line));
    }
    return Optional.empty();
  }
}
