package dev.siam4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.sandbox.NetworkIsolation;
import dev.siam4j.sandbox.PythonSandbox;
import dev.siam4j.sandbox.Confinement;
import dev.siam4j.sandbox.SandboxMode;
import dev.siam4j.sandbox.remote.HttpCodeExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code siam4j exec}: runs Python programs in the sandbox and writes one JSON execution per
 * program, in input order: {@code siam4j exec a.py b.py} or {@code siam4j exec --jsonl
 * programs.jsonl} (each line an object with {@code code} and an optional {@code id}). Exits 0 when
 * every program ran (whatever its outcome), 2 on misuse.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = "Runs Python programs in the sandbox; writes one JSON execution per program.")
final class ExecCommand implements Callable<Integer> {
  private static final int BATCH = 256;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE.py", arity = "0..*", description = "Python files to run.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--jsonl", paramLabel = "FILE",
      description = "A JSONL file of programs: {\"code\": ..., \"id\": ...} per line.")
  Path jsonl;

  @Option(names = "--output", paramLabel = "FILE", description = "Write JSONL here instead of stdout.")
  Path output;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Wall time per program, e.g. 10s, 500ms, 2m (default 10s).")
  Duration timeout;

  @Option(names = "--cpu-time", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "CPU time per program (default 10s).")
  Duration cpuTime;

  @Option(names = "--memory", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Address space per program, e.g. 2g, 512m (default 2g).")
  Long memory;

  @Option(names = "--output-limit", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "stdout + stderr per program, e.g. 64k (default 64k).")
  Long outputLimit;

  @Option(names = "--processes", paramLabel = "N",
      description = "Processes and threads per program (default 64).")
  Integer processes;

  @Option(names = "--workers", paramLabel = "N", description = "Worker processes (default: cores).")
  Integer workers;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "isolated (default) or reuse (faster, weaker isolation).")
  String mode;

  @Option(names = "--network", paramLabel = "ISOLATION",
      description = "auto (default), namespace or audit_hook (the latter with --unconfined only).")
  String network;

  @Option(names = "--unconfined",
      description = "Run programs on the host without confinement (no bubblewrap, cgroups or"
          + " seccomp; per-process limits only). For trusted programs only.")
  boolean unconfined;

  @Option(names = "--bubblewrap", paramLabel = "FILE",
      description = "The bubblewrap binary (default: bwrap on the PATH).")
  Path bubblewrap;

  @Option(names = "--python", paramLabel = "COMMAND", description = "Interpreter (default python3).")
  String python;

  @Option(names = "--remote", paramLabel = "URL",
      description = "Send programs to a SandboxFusion run_code service instead.")
  URI remote;

  /** One program to run. */
  record Program(String id, String code) {}

  /**
   * What the command writes per program.
   *
   * @param id the file name or the JSONL id (line number when absent)
   * @param outcome how it ended
   * @param exitCode the exit status, -1 when none
   * @param answer the last non-empty stdout line, for OK
   * @param stdout its stdout
   * @param stderr its stderr
   * @param elapsed wall time (milliseconds in JSON)
   * @param error the exception, for ERROR
   */
  record ProgramExecution(
      String id,
      Outcome outcome,
      int exitCode,
      String answer,
      String stdout,
      String stderr,
      Duration elapsed,
      Optional<ProgramError> error) {

    static ProgramExecution of(String id, Execution e) {
      return new ProgramExecution(id, e.outcome(), e.exitCode(), e.answer(), e.stdout(),
          e.stderr(), e.elapsed(), e.error());
    }
  }

  @Override
  public Integer call() throws Exception {
    List<Program> programs = readPrograms();
    CodeExecutor executor = open();
    try (Writer out = openOutput()) {
      PrintWriter w = out instanceof PrintWriter pw ? pw : new PrintWriter(out);
      for (int from = 0; from < programs.size(); from += BATCH) {
        List<Program> batch = programs.subList(from, Math.min(programs.size(), from + BATCH));
        List<Execution> ran = executor.executeAll(batch.stream().map(Program::code).toList());
        for (int i = 0; i < batch.size(); i++) {
          w.println(Json.toLine(ProgramExecution.of(batch.get(i).id(), ran.get(i))));
        }
        w.flush();
      }
    } finally {
      if (executor instanceof AutoCloseable c) {
        c.close();
      }
    }
    return 0;
  }

  private List<Program> readPrograms() {
    if (jsonl == null && files.isEmpty()) {
      throw new UsageException("exec needs FILE.py arguments or --jsonl FILE");
    }
    if (jsonl != null && !files.isEmpty()) {
      throw new UsageException("exec takes FILE.py arguments or --jsonl FILE, not both");
    }
    List<Program> programs = new ArrayList<>();
    if (jsonl != null) {
      try (JsonlReader reader = JsonlReader.open(jsonl)) {
        for (JsonlReader.Line line : reader) {
          JsonNode code = line.json().get("code");
          if (code == null || !code.isTextual()) {
            throw new UsageException(line.where() + "needs a string field \"code\"");
          }
          JsonNode id = line.json().get("id");
          programs.add(new Program(
              id == null || id.isNull() ? Long.toString(line.number()) : id.asText(),
              code.asText()));
        }
      } catch (dev.siam4j.core.InvalidInputException e) {
        throw new UsageException(e.getMessage());
      }
      return programs;
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UsageException(f + ": no such file");
      }
      try {
        programs.add(new Program(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
      } catch (MalformedInputException e) {
        throw new UsageException(f + ": not UTF-8 text");
      } catch (IOException e) {
        throw new UsageException(f + ": cannot read: " + e.getMessage());
      }
    }
    return programs;
  }

  private CodeExecutor open() {
    if (remote != null) {
      HttpCodeExecutor.Builder b = HttpCodeExecutor.builder().baseUri(remote);
      if (timeout != null) {
        b.runTimeout(timeout);
      }
      if (memory != null) {
        b.memoryLimitMb((int) Math.max(1, memory >> 20));
      }
      return b.build();
    }
    PythonSandbox.Builder b = PythonSandbox.builder();
    try {
      if (python != null) {
        b.interpreter(python);
      }
      if (workers != null) {
        b.workers(workers);
      }
      if (timeout != null) {
        b.wallTime(timeout);
      }
      if (cpuTime != null) {
        b.cpuTime(cpuTime);
      }
      if (memory != null) {
        b.memoryBytes(memory);
      }
      if (outputLimit != null) {
        b.outputBytes((int) Math.min(Integer.MAX_VALUE, outputLimit));
      }
      if (processes != null) {
        b.processes(processes);
      }
      if (mode != null) {
        b.mode(parseEnum(SandboxMode.class, mode, "--mode"));
      }
      if (network != null) {
        b.network(parseEnum(NetworkIsolation.class, network, "--network"));
      }
      if (unconfined) {
        b.confinement(Confinement.UNCONFINED);
      }
      if (bubblewrap != null) {
        b.bubblewrap(bubblewrap);
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private Writer openOutput() {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      return new PrintWriter(out) {
        @Override
        public void close() {
          flush(); // the command line owns stdout
        }
      };
    }
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
          + ", was " + value);
    }
  }

  /** Reads 10s, 500ms, 2m, 1h or an ISO-8601 duration. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
      Duration d;
      if (m.matches()) {
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
          case "ms" -> n;
          case "s" -> n * 1_000;
          case "m" -> n * 60_000;
          default -> n * 3_600_000;
        };
        d = Duration.ofMillis(Math.round(millis));
      } else {
        try {
          d = Duration.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
          throw new CommandLine.TypeConversionException(
              "'" + value + "' is not a duration (examples: 10s, 500ms, 2m)");
        }
      }
      if (d.isNegative() || d.isZero()) {
        throw new CommandLine.TypeConversionException("'" + value + "' must be positive");
      }
      return d;
    }
  }

  /** Reads 65536, 64k, 512m, 2g. */
  static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)i?b?");

    @Override
    public Long convert(String value) {
      Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a size (examples: 65536, 64k, 512m, 2g)");
      }
      long n = Long.parseLong(m.group(1));
      int shift = switch (m.group(2)) {
        case "k" -> 10;
        case "m" -> 20;
        case "g" -> 30;
        default -> 0;
      };
      if (n == 0 || Long.numberOfLeadingZeros(n) <= shift) {
        throw new CommandLine.TypeConversionException("'" + value + "' must be positive and fit");
      }
      return n << shift;
    }
  }
}
