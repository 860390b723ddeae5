package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.ExecutionFailedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Builder and limits validation; none of these start a worker except where noted. */
final class PythonSandboxBuilderTest {

  @Test
  void setters_rejectBadValuesAtOnce() {
    PythonSandbox.Builder b = PythonSandbox.builder();
    assertThatThrownBy(() -> b.workers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be in [1, 4096], was 0");
    assertThatThrownBy(() -> b.wallTime(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("wallTime must be positive, was PT0S");
    assertThatThrownBy(() -> b.memoryBytes(1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memoryBytes must be at least 64 MiB, was 1024");
    assertThatThrownBy(() -> b.killGrace(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("killGrace must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> b.preload(List.of("os; import shutil")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("preload holds an invalid module name: os; import shutil");
    assertThatThrownBy(() -> b.interpreter(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("interpreter must not be blank");
    assertThatThrownBy(() -> b.mode(null))
        .isInstanceOf(NullPointerException.class).hasMessage("mode");
  }

  @Test
  void setter_calledTwice_namesTheOldValue() {
    PythonSandbox.Builder b = PythonSandbox.builder().workers(2);
    assertThatThrownBy(() -> b.workers(3))
        .isInstanceOf(IllegalStateException.class).hasMessage("workers was already set to 2");
  }

  @Test
  void limits_validateAndDerive() {
    SandboxLimits d = SandboxLimits.defaults();
    assertThat(d).isEqualTo(new SandboxLimits(Duration.ofSeconds(10), Duration.ofSeconds(10),
        2L << 30, 65536, 64, 16L << 20));
    assertThat(d.withProcesses(8).processes()).isEqualTo(8);
    assertThatThrownBy(() -> d.withOutputBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("outputBytes must be positive, was 0");
  }

  @Test
  void missingInterpreter_failsTheBuildWithItsName() {
    assertThatThrownBy(() -> PythonSandbox.builder().interpreter("/nonexistent/python9").build())
        .isInstanceOf(ExecutionFailedException.class)
        .hasMessageStartingWith("python interpreter '/nonexistent/python9' cannot be started");
  }

  @Test
  void pyenvShim_resolvesToTheRealBinary() {
    Interpreter python = Interpreter.resolve("python3");
    assertThat(python.executable()).isAbsolute();
    assertThat(python.executable().toString()).doesNotContain("/shims/");
    assertThat(python.paths()).contains(python.executable().getParent().getParent());
  }

  @Test
  void accessMounts_exposeOnlyTheInterpreterBelowAPrivateFolder() throws Exception {
    Path hidden = java.nio.file.Files.createTempDirectory("siam4j-hidden");
    try {
      java.nio.file.Files.setPosixFilePermissions(hidden,
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      Path lib = java.nio.file.Files.createDirectories(hidden.resolve("py/lib"));
      assertThat(ZygoteCommand.accessMounts(List.of(lib, hidden.resolve("py"))))
          .containsExactly("--tmpfs", hidden.toString(),
              "--ro-bind", hidden.resolve("py").toString(), hidden.resolve("py").toString());
      assertThat(ZygoteCommand.worldReadable(List.of(lib))).isFalse();
    } finally {
      java.nio.file.Files.walk(hidden).sorted(java.util.Comparator.reverseOrder())
          .forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void memoryBelowTheWarmInterpreter_failsTheBuild() {
    assertThatThrownBy(() -> PythonSandbox.builder().workers(1).memoryBytes(100L << 20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("memoryBytes (104857600) leaves programs no room");
  }
}
