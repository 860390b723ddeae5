package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

final class Siam4jCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void helpListsEverySubcommandAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("run", "exec", "judge", "eval", "export", "gguf", "quickstart");
  }

  @Test
  void anUnknownFlagIsOneClearLineAndExitCode2() {
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("siam4j: Unknown option: '--bogus' (see --help)");
  }

  @Test
  void noSubcommandIsMisuse() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("a subcommand is required");
  }
}
