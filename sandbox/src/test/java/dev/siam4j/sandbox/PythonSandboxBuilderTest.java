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
  void bubblewrapArguments_bindOnlyTheInterpreterAndSystemLibraries() {
    Interpreter python = Interpreter.resolve("python3");
    List<String> args = ZygoteCommand.bwrapArguments(Path.of("/usr/bin/bwrap"), python);
    List<String> bound = new java.util.ArrayList<>();
    for (int i = 0; i + 2 < args.size(); i++) {
      if (args.get(i).equals("--ro-bind") || args.get(i).equals("--ro-bind-try")
          || args.get(i).equals("--bind") || args.get(i).equals("--dev-bind")) {
        bound.add(args.get(i + 1));
      }
    }
    assertThat(bound).contains(python.executable().toString().startsWith("/usr/")
        ? python.executable().toString() : python.paths().get(0).toString());
    assertThat(bound).doesNotContain("/", "/root", "/home", "/work", "/run", "/var", "/usr",
        "/etc", "/tmp", "/dev", "/sys");
    assertThat(bound).allSatisfy(p -> assertThat(p).matches(
        "/usr/lib.*|/lib.*|/etc/(ld\\.so\\.cache|localtime)|/dev/(null|zero|urandom)|"
            + java.util.regex.Pattern.quote(python.executable().toString()) + "|"
            + String.join("|", python.paths().stream()
                .map(x -> java.util.regex.Pattern.quote(x.toString()) + ".*").toList())));
    assertThat(args).containsSequence("--remount-ro", "/").contains("--unshare-net",
        "--unshare-pid", "--unshare-ipc", "--die-with-parent");
  }

  @Test
  void bubblewrapMissing_failsTheBuildWithHowToInstallIt() {
    assertThatThrownBy(() -> PythonSandbox.builder().workers(1)
            .bubblewrap(Path.of("/nonexistent/bwrap")).build())
        .isInstanceOf(ConfinementUnavailableException.class)
        .hasMessage("bubblewrap (bwrap) was not found at /nonexistent/bwrap: the confined sandbox"
            + " runs its workers in it. Install bubblewrap (apt-get install bubblewrap; dnf"
            + " install bubblewrap) or name its binary, or build with"
            + " confinement(Confinement.UNCONFINED) to run programs without confinement");
  }

  @Test
  void auditHookWithoutUnconfined_failsTheBuild() {
    assertThatThrownBy(() -> PythonSandbox.builder().network(NetworkIsolation.AUDIT_HOOK).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("network AUDIT_HOOK is the network block of an unconfined sandbox");
  }

  @Test
  void memoryBelowTheWarmInterpreter_failsTheBuild() {
    assertThatThrownBy(() -> PythonSandbox.builder().workers(1).memoryBytes(100L << 20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("memoryBytes (104857600) leaves programs no room");
  }
}
