package dev.siam4j.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code siam4j} command line. Every capability is a subcommand that reads files or JSONL and
 * writes JSONL; misuse (a wrong flag, a missing file) prints one clear line and exits with 2.
 */
@Command(
    name = "siam4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Self-improving code-assisted math reasoning for LLMs.",
    subcommands = {
      RunCommand.class,
      ExecCommand.class,
      JudgeCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      ExportCommand.class,
      GgufCommand.class,
      QuickstartCommand.class
    })
public final class Siam4jCli implements Runnable {

  /** Exit code for misuse: a wrong flag, a missing or unreadable input. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /**
   * Runs the command line and returns its exit code; used by {@link #main} and by tests.
   *
   * @param out where results go
   * @param err where errors go
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = EnumValues.register(new CommandLine(new Siam4jCli()));
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("siam4j: " + ex.getMessage() + " (see --help)");
          err.flush();
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UsageException) {
            err.println("siam4j: " + ex.getMessage());
            err.flush();
            return USAGE;
          }
          err.println("siam4j: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          err.flush();
          return 1;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Entry point. Exits explicitly: a loaded llama.cpp model keeps a native non-daemon thread that
   * would keep the JVM alive.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    int code =
        execute(
            new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8),
            args);
    System.exit(code);
  }
}
