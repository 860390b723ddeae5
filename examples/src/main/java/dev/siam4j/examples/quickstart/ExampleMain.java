package dev.siam4j.examples.quickstart;

import java.io.PrintStream;

/** What the quickstart's {@code main} methods share: run a command, report a failure, exit. */
final class ExampleMain {
  /** A command: arguments in, exit code out (2 on misuse). */
  @FunctionalInterface
  interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private ExampleMain() {}

  /**
   * Runs {@code command} on standard output and error and exits with its code, or with 1 after
   * printing an unexpected failure prefixed by {@code name}.
   */
  static void exit(String name, Command command, String[] args) {
    int code;
    try {
      code = command.run(args, System.out, System.err);
    } catch (RuntimeException e) {
      System.err.println(name + ": " + e);
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }
}
