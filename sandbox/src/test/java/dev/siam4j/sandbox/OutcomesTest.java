package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.extraction.AnswerExtractor;
import dev.siam4j.core.jsonl.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class OutcomesTest {

  @Test
  void parseTraceback_takesTheLastExceptionAndTheProgramsLastLine() {
    String err = "Traceback (most recent call last):\n"
        + "  File \"<program>\", line 2, in <module>\n"
        + "KeyError: 'a'\n\nDuring handling of the above exception, another exception occurred:\n\n"
        + "Traceback (most recent call last):\n"
        + "  File \"<program>\", line 4, in <module>\n"
        + "  File \"<program>\", line 9, in f\n"
        + "  File \"/usr/lib/python3/sympy/core.py\", line 77, in g\n"
        + "    return h()\n"
        + "           ^^^\n"
        + "numpy.core._exceptions._ArrayMemoryError: Unable to allocate 7.45 GiB\n";
    assertThat(Outcomes.parseTraceback(err))
        .contains(new ProgramError("_ArrayMemoryError", "Unable to allocate 7.45 GiB", 9));
  }

  @Test
  void parseTraceback_readsASyntaxErrorWithoutTracebackHeader() {
    String err = "  File \"<program>\", line 3\n    x = (\n        ^\n"
        + "SyntaxError: '(' was never closed\n";
    assertThat(Outcomes.parseTraceback(err))
        .contains(new ProgramError("SyntaxError", "'(' was never closed", 3));
  }

  @Test
  void parseTraceback_ofTextWithoutATraceback_isEmpty() {
    assertThat(Outcomes.parseTraceback("just some words\n")).isEmpty();
  }

  @Test
  void memoryErrorTracebackWithAMemoryController_isAnErrorNotAMemoryLimit() {
    ObjectNode h = Json.mapper().createObjectNode();
    h.put("elapsed", 0.01).put("exit", 1).put("setup", "ok").put("memoryLimit", false);
    String err = "Traceback (most recent call last):\n  File \"<program>\", line 1, in <module>\n"
        + "MemoryError\n";
    Execution e = Outcomes.toExecution(new Zygote.Reply(h, new byte[0],
        err.getBytes(StandardCharsets.UTF_8)), SandboxLimits.defaults(),
        AnswerExtractor.lastNonEmptyLine());
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.error()).contains(new ProgramError("MemoryError", "", 1));
    h.put("memoryLimit", true);
    assertThat(Outcomes.toExecution(new Zygote.Reply(h, new byte[0], new byte[0]),
        SandboxLimits.defaults(), AnswerExtractor.lastNonEmptyLine()).outcome())
        .isEqualTo(Outcome.MEMORY_LIMIT);
  }

  @Test
  void setupNotConfirmed_isASandboxFailure_andExitStatus120IsTheProgramsOwn() {
    ObjectNode h = Json.mapper().createObjectNode();
    h.put("elapsed", 0.01).put("exit", 120).put("setup", "ok");
    byte[] err = "sandbox setup failed: OSError()\n".getBytes(StandardCharsets.UTF_8);
    assertThat(Outcomes.toExecution(new Zygote.Reply(h, new byte[0], err),
        SandboxLimits.defaults(), AnswerExtractor.lastNonEmptyLine()).outcome())
        .isEqualTo(Outcome.ERROR);
    h.put("setup", "OSError: mount /tmp: Operation not permitted");
    Execution e = Outcomes.toExecution(new Zygote.Reply(h, new byte[0], err),
        SandboxLimits.defaults(), AnswerExtractor.lastNonEmptyLine());
    assertThat(e.outcome()).isEqualTo(Outcome.SANDBOX_FAILURE);
    assertThat(e.stderr()).isEqualTo("the sandbox could not set up the program: OSError: mount"
        + " /tmp: Operation not permitted");
  }
}
