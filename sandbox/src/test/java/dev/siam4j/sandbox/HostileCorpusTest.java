package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile corpus in the default mode: every program of {@code hostile/} runs on one worker
 * and must end with one of its expected outcomes, keep its header's promises, leak no secret and
 * reach nothing on the host; right after it, on the same worker, a checker program must find the
 * worker clean (sympy and builtins intact, no files, shared memory, keys or processes left, umask
 * as on a fresh worker, no earlier program's marker in its memory). Closing the sandbox must leave
 * nothing on the host. {@code -Dhostile.verbose=true} prints each program's outcome and output.
 */
@Tag("slow")
final class HostileCorpusTest {
  private static HostileCorpusHost host;
  private static PythonSandbox sandbox;
  private static HostileCorpusRun run;

  @BeforeAll
  static void start() throws IOException {
    host = new HostileCorpusHost();
    sandbox = PythonSandbox.builder()
        .workers(1)
        .wallTime(Duration.ofSeconds(3))
        .cpuTime(Duration.ofSeconds(3))
        .memoryBytes(512L << 20)
        .processes(16)
        .build();
    run = new HostileCorpusRun(sandbox, host, "_checker.py");
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (host != null) {
      host.close();
    }
  }

  @Test
  void corpus_holdsAtLeastSixtyProgramsCoveringEveryClass() {
    List<HostileCorpusProgram> all = HostileCorpusProgram.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all).extracting(p -> p.name().split("-")[1]).contains(
        "fs", "sock", "net", "env", "write", "mem", "state", "forge", "break", "priv", "seccomp");
    assertThat(all).filteredOn(p -> !p.reuseExpected().isEmpty()).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void header_withAnUnknownKey_isRejectedNamingFileAndLine() {
    assertThatIllegalArgument(() -> HostileCorpusProgram.parse("x.py",
        "# hostile: h\n# covers: c\n# expext: OK\nMARKER = '{{MARKER}}'\n"))
        .hasMessage("x.py, line 3: unknown header key 'expext'");
    assertThatIllegalArgument(() -> HostileCorpusProgram.parse("y.py",
        "# hostile: h\n# covers: c\n# expect: OK|FINE\nMARKER = '{{MARKER}}'\n"))
        .hasMessage("y.py, line 3: 'FINE' is not an Outcome");
    assertThatIllegalArgument(() -> HostileCorpusProgram.parse("z.py",
        "# hostile: h\n# covers: c\n# expect: OK\nprint(1)\n"))
        .hasMessage("z.py: the source must hold the literal {{MARKER}}");
  }

  @TestFactory
  Stream<DynamicNode> everyProgram_isContainedAndLeavesTheWorkerClean() {
    List<HostileCorpusProgram> all = HostileCorpusProgram.all();
    List<DynamicNode> tests = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      HostileCorpusProgram program = all.get(i);
      int index = i + 1;
      tests.add(DynamicTest.dynamicTest(program.name() + " (" + program.covers() + ")", () ->
          assertThat(run.problems(program, index, program.expected()))
              .as("%s: %s", program.name(), program.description())
              .isEmpty()));
    }
    tests.add(DynamicTest.dynamicTest("close() leaves nothing on the host", () -> {
      List<java.nio.file.Path> folders = HostileCorpusHost.hostFoldersOf(sandbox);
      String id = sandbox.id();
      sandbox.close();
      assertThat(Processes.survivorsAfter(host.run, 5_000)).as("processes with the run's marker")
          .isEmpty();
      assertThat(Processes.survivorsAfter("siam4j-sandbox-" + id, 5_000)).as("worker processes")
          .isEmpty();
      assertThat(folders).as("the cgroup folders that limit the sandbox's programs").isNotEmpty();
      assertThat(folders).as("the sandbox's cgroup and working folders on the host, after close()")
          .allMatch(f -> !java.nio.file.Files.exists(f));
    }));
    return tests.stream();
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      assertThatIllegalArgument(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return org.assertj.core.api.Assertions.assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class);
  }
}
