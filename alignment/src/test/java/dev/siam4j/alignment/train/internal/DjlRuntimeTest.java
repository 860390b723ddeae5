package dev.siam4j.alignment.train.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DjlRuntimeTest {

  /** This module's test class path, with DJL's classes and resources made invisible. */
  private static final ClassLoader WITHOUT_DJL =
      new ClassLoader(null) {
        @Override
        public URL getResource(String name) {
          if (name.startsWith("ai/djl/") || name.startsWith("jnilib/")) {
            return null;
          }
          return DjlRuntimeTest.class.getClassLoader().getResource(name);
        }
      };

  @Test
  void theEngineOnTheTestClassPathIsFound() {
    assertThat(DjlRuntime.missing(DjlRuntimeTest.class.getClassLoader(), "Linux", "amd64")).isEmpty();
  }

  @Test
  void withoutDjlItNamesTheFourArtifactsWithThisPlatformsClassifier() {
    Optional<String> message = DjlRuntime.missing(WITHOUT_DJL, "Linux", "amd64");

    assertThat(message)
        .contains(
            "in-JVM training needs PyTorch through DJL, and ai.djl:api, ai.djl.pytorch:pytorch-engine,"
                + " ai.djl.pytorch:pytorch-jni are not on the class path. Add ai.djl:api,"
                + " ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni and"
                + " ai.djl.pytorch:pytorch-native-cpu:linux-x86_64 (PyTorch's CPU build for this"
                + " platform) to your dependencies; dev.siam4j:siam4j-bom manages their versions."
                + " For a GPU, add the first three and point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1"
                + " build.");
  }

  @Test
  void eachPlatformOnMavenCentralGetsItsClassifier() {
    assertThat(DjlRuntime.platform("Linux", "aarch64")).contains("linux-aarch64");
    assertThat(DjlRuntime.platform("Mac OS X", "aarch64")).contains("osx-aarch64");
    assertThat(DjlRuntime.platform("Windows 11", "amd64")).contains("win-x86_64");
    assertThat(DjlRuntime.platform("Linux", "x86_64")).contains("linux-x86_64");
  }

  @Test
  void aPlatformWithoutAPyTorchBuildOnMavenCentralIsToldToBringItsOwnLibtorch() {
    assertThat(DjlRuntime.platform("Mac OS X", "x86_64")).isEmpty();
    assertThat(DjlRuntime.whatToAdd("Mac OS X", "x86_64"))
        .isEqualTo(
            "Add ai.djl:api, ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni to your"
                + " dependencies (dev.siam4j:siam4j-bom manages their versions); Maven Central has no"
                + " PyTorch build for Mac OS X/x86_64, so point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1"
                + " built for it.");
  }
}
