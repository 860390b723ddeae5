package dev.siam4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code siam4j quickstart}: Runs the whole loop on the embedded default model. */
@Command(name = "quickstart", mixinStandardHelpOptions = true, description = "Runs the whole loop on the embedded default model.")
final class QuickstartCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'quickstart' is not in this build yet; see README.md for what works today");
  }
}
