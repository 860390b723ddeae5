package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** No worker or program survives close() or the JVM's end, by exit or by SIGKILL. */
@Tag("slow")
final class PythonSandboxLifecycleTest {

  @ParameterizedTest
  @EnumSource(Confinement.class)
  void close_endsRunningProgramsAndTheirChildren(Confinement confinement) throws Exception {
    String marker = "siam4jmark" + UUID.randomUUID().toString().replace("-", "");
    PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1).preload(List.of("math")).confinement(confinement).build();
    CompletableFuture<Execution> running = sandbox.submit(
        "import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c',"
            + " 'import time; time.sleep(1000)  # " + marker + "'])\ntime.sleep(1000)\n");
    CompletableFuture<Execution> queued = sandbox.submit("print(1)");
    long end = System.currentTimeMillis() + 30_000;
    while (Processes.withMarker(marker).isEmpty() && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    assertThat(Processes.withMarker(marker)).isNotEmpty();

    sandbox.close();

    assertThat(running.join().outcome()).isEqualTo(Outcome.SANDBOX_FAILURE);
    assertThat(queued).isCompletedExceptionally();
    assertThat(Processes.survivorsAfter(marker, 10_000)).isEmpty();
    assertThat(Processes.survivorsAfter("siam4j-sandbox-" + sandbox.id(), 10_000)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"exit, CONFINED", "wait, CONFINED", "wait, UNCONFINED"})
  void jvmEnd_leavesNoWorkerOrProgram(String how, String network) throws Exception {
    String marker = "siam4jmark" + UUID.randomUUID().toString().replace("-", "");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), SandboxChild.class.getName(), how, marker, network)
        .redirectErrorStream(true)
        .start();
    String sandboxId = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("running")) {
        if (line.startsWith("sandbox ")) {
          sandboxId = line.substring("sandbox ".length());
        }
      }
      assertThat(line).as("the child JVM's program started").isEqualTo("running");
      assertThat(Processes.withMarker(marker)).isNotEmpty();
      if (how.equals("wait")) {
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(Processes.survivorsAfter(marker, 15_000)).isEmpty();
    assertThat(Processes.survivorsAfter("siam4j-sandbox-" + sandboxId, 15_000)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Confinement.class)
  void deadWorker_isReplacedAndTheProgramRetried(Confinement confinement) throws Exception {
    try (PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1).preload(List.of("math")).confinement(confinement)
        .wallTime(Duration.ofSeconds(30)).build()) {
      CompletableFuture<Execution> slow = sandbox.submit("import time\ntime.sleep(3)\nprint('slept')");
      Thread.sleep(1_000);
      List<Long> workers = Processes.withMarker("siam4j-sandbox-" + sandbox.id());
      assertThat(workers).isNotEmpty();
      for (long pid : workers) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      Execution e = slow.join();
      assertThat(e.outcome()).isEqualTo(Outcome.OK);
      assertThat(e.answer()).isEqualTo("slept");
      assertThat(sandbox.restarts()).isEqualTo(1);
      assertThat(sandbox.execute("print(5)").answer()).isEqualTo("5");
    }
  }
}
