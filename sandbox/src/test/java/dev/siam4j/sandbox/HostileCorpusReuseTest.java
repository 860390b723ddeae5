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
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus programs whose header has a {@code reuse} line, in {@link SandboxMode#REUSE}, where
 * programs of a worker share its process: each must end with one of its reuse outcomes and reach
 * nothing on the host, and the checker that follows must find no root, no capability, no key of an
 * earlier program and a working sympy.
 */
@Tag("slow")
final class HostileCorpusReuseTest {
  private static HostileCorpusHost host;
  private static PythonSandbox sandbox;
  private static HostileCorpusRun run;

  @BeforeAll
  static void start() throws IOException {
    host = new HostileCorpusHost();
    sandbox = PythonSandbox.builder()
        .workers(1)
        .mode(SandboxMode.REUSE)
        .wallTime(Duration.ofSeconds(3))
        .cpuTime(Duration.ofSeconds(3))
        .memoryBytes(512L << 20)
        .processes(16)
        .build();
    run = new HostileCorpusRun(sandbox, host, "_reuse_checker.py");
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

  @TestFactory
  Stream<DynamicNode> reusePrograms_areContainedWithoutRootCapabilitiesOrMounts() {
    List<HostileCorpusProgram> all = HostileCorpusProgram.all();
    List<DynamicNode> tests = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      HostileCorpusProgram program = all.get(i);
      if (program.reuseExpected().isEmpty()) {
        continue;
      }
      int index = i + 1;
      tests.add(DynamicTest.dynamicTest(program.name() + " in reuse mode", () ->
          assertThat(run.problems(program, index, program.reuseExpected()))
              .as("%s: %s", program.name(), program.description())
              .isEmpty()));
    }
    tests.add(DynamicTest.dynamicTest("close() leaves nothing on the host", () -> {
      List<java.nio.file.Path> folders = HostileCorpusHost.hostFoldersOf(sandbox);
      sandbox.close();
      assertThat(Processes.survivorsAfter(host.run, 5_000)).isEmpty();
      assertThat(folders).allMatch(f -> !java.nio.file.Files.exists(f));
    }));
    return tests.stream();
  }
}
