package dev.siam4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code siam4j exec}: Runs Python programs in the sandbox; writes one JSON execution per program. */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Runs Python programs in the sandbox; writes one JSON execution per program.")
final class ExecCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'exec' is not in this build yet; see README.md for what works today");
  }
}
