package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.jsonl.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code siam4j exec} through the command line, on real python3. */
final class ExecCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String l : out.split("\n")) {
        if (!l.isBlank()) {
          nodes.add(Json.mapper().readTree(l));
        }
      }
      return nodes;
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void files_writeOneExecutionPerProgramInOrder() throws Exception {
    Path a = Files.writeString(dir.resolve("a.py"), "print(6 * 7)\n");
    Path b = Files.writeString(dir.resolve("b.py"), "x = 1\nprint(x / 0)\n");
    Run r = run("exec", "--workers", "1", "--timeout", "20s", a.toString(), b.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("id").asText()).isEqualTo(a.toString());
    assertThat(lines.get(0).path("outcome").asText()).isEqualTo("OK");
    assertThat(lines.get(0).path("answer").asText()).isEqualTo("42");
    assertThat(lines.get(1).path("outcome").asText()).isEqualTo("ERROR");
    assertThat(lines.get(1).path("error").path("type").asText()).isEqualTo("ZeroDivisionError");
    assertThat(lines.get(1).path("error").path("line").asInt()).isEqualTo(2);
  }

  @Test
  void jsonl_keepsIdsAndWritesToOutput() throws Exception {
    Path in = Files.writeString(dir.resolve("programs.jsonl"),
        "{\"id\": \"p1\", \"code\": \"print(1 + 1)\"}\n"
            + "{\"code\": \"import time\\ntime.sleep(5)\"}\n");
    Path out = dir.resolve("out/executions.jsonl");
    Run r = run("exec", "--jsonl", in.toString(), "--output", out.toString(), "--workers", "2",
        "--timeout", "1s", "--mode", "isolated");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    JsonNode second = Json.mapper().readTree(lines.get(1));
    assertThat(first.path("id").asText()).isEqualTo("p1");
    assertThat(first.path("answer").asText()).isEqualTo("2");
    assertThat(second.path("id").asText()).isEqualTo("2");
    assertThat(second.path("outcome").asText()).isEqualTo("TIMEOUT");
  }

  @Test
  void noInput_isMisuse() {
    Run r = run("exec");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("siam4j: exec needs FILE.py arguments or --jsonl FILE\n");
  }

  @Test
  void missingFile_isMisuse() {
    Run r = run("exec", dir.resolve("nope.py").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("siam4j: " + dir.resolve("nope.py") + ": no such file\n");
  }

  @Test
  void badTimeout_isMisuse() {
    Run r = run("exec", "--timeout", "soon", "x.py");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'soon' is not a duration (examples: 10s, 500ms, 2m)");
  }

  @Test
  void jsonlLineWithoutCode_isMisuseNamingTheLine() throws Exception {
    Path in = Files.writeString(dir.resolve("bad.jsonl"), "{\"code\": \"print(1)\"}\n{\"id\": 3}\n");
    Run r = run("exec", "--jsonl", in.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("siam4j: " + in + ":2: needs a string field \"code\"\n");
  }

  @Test
  void badMode_isMisuse() throws Exception {
    Path a = Files.writeString(dir.resolve("a.py"), "print(1)\n");
    Run r = run("exec", "--mode", "fast", a.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("siam4j: --mode must be one of [isolated, reuse], was fast\n");
  }

  @Test
  void missingBubblewrap_failsNamingHowToInstallIt() throws Exception {
    Path a = Files.writeString(dir.resolve("a.py"), "print(1)\n");
    Run r = run("exec", "--bubblewrap", "/nonexistent/bwrap", a.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("siam4j: ConfinementUnavailableException: bubblewrap (bwrap)"
        + " was not found at /nonexistent/bwrap").contains("apt-get install bubblewrap")
        .contains("UNCONFINED");
  }

  @Test
  void auditHookWithoutUnconfined_isMisuse() throws Exception {
    Path a = Files.writeString(dir.resolve("a.py"), "print(1)\n");
    Run r = run("exec", "--network", "audit_hook", a.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("siam4j: network AUDIT_HOOK is the network block of an"
        + " unconfined sandbox");
  }
}
