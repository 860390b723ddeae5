package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two programs at once on two workers of one sandbox: a hostile one looks for the other (its
 * processes, files and working folder through /proc) and checks whether it may signal or trace any
 * process of the sandbox it can see; the other must end normally, and the hostile one must find
 * and reach nothing.
 */
@Tag("slow")
final class HostileCorpusSiblingTest {

  @Test
  void aProgram_cannotSeeSignalOrTraceAProgramOnAnotherWorker() throws Exception {
    try (HostileCorpusHost host = new HostileCorpusHost();
        PythonSandbox sandbox = PythonSandbox.builder()
            .workers(2)
            .wallTime(Duration.ofSeconds(6))
            .memoryBytes(512L << 20)
            .processes(16)
            .build()) {
      String victim = HostileCorpusProgram.substitute("_sibling_victim.py",
          HostileCorpusProgram.helper("_sibling_victim.py"), host.values(host.marker(901), "022"));
      String attacker = HostileCorpusProgram.substitute("_sibling_attacker.py",
          HostileCorpusProgram.helper("_sibling_attacker.py").replace("{{SANDBOX_ID}}", sandbox.id()),
          host.values(host.marker(902), "022"));
      CompletableFuture<Execution> victimRun = sandbox.submit(victim);
      Thread.sleep(300); // the victim is running when the attacker starts
      Execution attack = sandbox.submit(attacker).get(60, TimeUnit.SECONDS);
      Execution survivor = victimRun.get(60, TimeUnit.SECONDS);

      assertThat(attack.outcome()).as("the attacker: %s %s", attack.stdout(), attack.stderr())
          .isEqualTo(Outcome.OK);
      assertThat(attack.stdout()).contains("DONE").doesNotContain("FOUND").doesNotContain("SIGNALED");
      assertThat(survivor.outcome()).as("the victim: %s", survivor.stderr()).isEqualTo(Outcome.OK);
      assertThat(survivor.answer()).isEqualTo("survived");
      assertThat(host.breaches(null)).isEmpty();
    } catch (IOException e) {
      throw new AssertionError("cannot set up the host side", e);
    }
  }
}
