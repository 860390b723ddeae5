package dev.siam4j.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.ExecutionFailedException;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A resolved Python interpreter: the real binary behind a command such as {@code python3} (a
 * pyenv shim is a shell script that must not run inside the sandbox), its version, and the
 * folders its standard library and packages live in.
 */
record Interpreter(Path executable, String version, List<Path> paths) {

  private static final Map<String, Interpreter> RESOLVED = new ConcurrentHashMap<>();
  private static final String PROBE =
      "import sys, json, os\n"
          + "print(json.dumps({'executable': os.path.realpath(sys.executable),"
          + " 'version': sys.version.split()[0],"
          + " 'paths': sorted({os.path.realpath(p) for p in sys.path if p and os.path.exists(p)}"
          + " | {os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)})}))\n";

  Interpreter {
    paths = List.copyOf(paths);
  }

  /**
   * Resolves {@code command} (a name on PATH or a path) by asking it for {@code sys.executable};
   * cached per command.
   *
   * @throws ExecutionFailedException when it cannot be started or answers nonsense
   */
  static Interpreter resolve(String command) {
    return RESOLVED.computeIfAbsent(command, Interpreter::ask);
  }

  private static Interpreter ask(String command) {
    ProcessBuilder pb = new ProcessBuilder(command, "-I", "-c", PROBE);
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new ExecutionFailedException(
            "python interpreter '" + command + "' failed to start: "
                + new String(out, StandardCharsets.UTF_8).strip());
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      JsonNode json = Json.mapper().readTree(text.substring(text.lastIndexOf('\n') + 1));
      List<Path> paths = new ArrayList<>();
      json.get("paths").forEach(n -> paths.add(Path.of(n.asText())));
      return new Interpreter(
          Path.of(json.get("executable").asText()), json.get("version").asText(), paths);
    } catch (IOException e) {
      throw new ExecutionFailedException(
          "python interpreter '" + command + "' cannot be started: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionFailedException("interrupted while resolving '" + command + "'", e);
    } catch (RuntimeException e) {
      if (e instanceof ExecutionFailedException) {
        throw e;
      }
      throw new ExecutionFailedException(
          "python interpreter '" + command + "' gave an unreadable answer: " + e.getMessage(), e);
    }
  }
}
