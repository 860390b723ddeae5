package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Siam4jException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fail-closed rule of the hostile corpus: where bubblewrap is missing, building the default
 * (confined) sandbox fails at once with a message that names what is missing and how to install
 * it, instead of running programs unconfined.
 */
final class HostileCorpusFailClosedTest {

  @Test
  void build_withoutBubblewrap_failsNamingItAndHowToInstallIt() {
    assertThatThrownBy(() -> PythonSandbox.builder()
            .bubblewrap(Path.of("/nonexistent/bwrap"))
            .workers(1)
            .build()
            .close())
        .isInstanceOf(Siam4jException.class)
        .hasMessageContaining("bubblewrap")
        .hasMessageContaining("/nonexistent/bwrap")
        .hasMessageContaining("apt-get install bubblewrap");
  }

  @Test
  void build_withoutBubblewrap_startsNoWorker() {
    assertThatThrownBy(() -> PythonSandbox.builder()
            .bubblewrap(Path.of("/nonexistent/bwrap"))
            .workers(2)
            .build()
            .close())
        .isInstanceOf(Siam4jException.class);
    assertThat(ProcessHandle.current().descendants()
            .map(p -> p.info().commandLine().orElse(""))
            .filter(c -> c.contains("siam4j-sandbox-")))
        .as("no worker was started for the failed build")
        .isEmpty();
  }
}
