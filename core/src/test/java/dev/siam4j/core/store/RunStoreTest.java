package dev.siam4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.RunStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunStoreTest {
  @TempDir Path dir;

  @Test
  void open_writesTheManifestAndAcceptsTheSameConfigurationAgain() throws Exception {
    RunManifest m = new RunManifest(Map.of("k", "5", "seed", "1"), Map.of("java", "17"));
    RunStore.open(dir, m);
    assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"k\" : \"5\"");
    RunManifest laterJava = new RunManifest(Map.of("k", "5", "seed", "1"), Map.of("java", "21"));
    assertThat(RunStore.open(dir, laterJava).manifest().versions()).containsEntry("java", "17");
  }

  @Test
  void open_refusesAnotherConfigurationNamingEveryDifference() {
    RunStore.open(dir, new RunManifest(Map.of("k", "5", "seed", "1"), Map.of()));
    RunManifest other = new RunManifest(Map.of("k", "4", "extra", "x", "seed", "1"), Map.of());
    assertThatThrownBy(() -> RunStore.open(dir, other))
        .isInstanceOf(RunStoreException.class)
        .hasMessage(
            "cannot resume " + dir + " with a different configuration (extra: was unset, now x; "
                + "k: was 5, now 4); use a new run folder or restore the original settings");
  }

  @Test
  void open_refusesAManifestThatIsNotJson() throws Exception {
    Files.writeString(dir.resolve("manifest.json"), "not json");
    assertThatThrownBy(() -> RunStore.open(dir, new RunManifest(Map.of(), Map.of())))
        .isInstanceOf(RunStoreException.class)
        .hasMessageStartingWith(dir.resolve("manifest.json") + ": not a readable manifest");
  }
}
