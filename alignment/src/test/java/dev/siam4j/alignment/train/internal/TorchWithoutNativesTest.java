package dev.siam4j.alignment.train.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's engine without PyTorch's native build (no pytorch-native-cpu jar, an empty DJL cache, no
 * PYTORCH_LIBRARY_PATH), in a child JVM: loading fails and the message names what to add.
 */
final class TorchWithoutNativesTest {

  @Test
  void withoutTheNativeBuildLoadingFailsNamingTheArtifactForThisPlatform(@TempDir Path cache)
      throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("pytorch-native-cpu"))
            .collect(Collectors.joining(File.pathSeparator));
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    classPath,
                    TorchLoadMain.class.getName()))
            .redirectErrorStream(true);
    pb.environment().remove("PYTORCH_LIBRARY_PATH");
    pb.environment().put("DJL_CACHE_DIR", cache.resolve("djl").toString());
    pb.environment().put("ENGINE_CACHE_DIR", cache.resolve("engines").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();

    String classifier =
        DjlRuntime.platform(System.getProperty("os.name"), System.getProperty("os.arch")).orElseThrow();
    assertThat(out)
        .contains("failed: cannot load PyTorch through DJL (offline: the natives come from"
            + " pytorch-native-cpu on the class path, or from PYTORCH_LIBRARY_PATH): ")
        .contains("Add ai.djl:api, ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni and"
            + " ai.djl.pytorch:pytorch-native-cpu:" + classifier + " (PyTorch's CPU build for this"
            + " platform) to your dependencies;");
  }
}
