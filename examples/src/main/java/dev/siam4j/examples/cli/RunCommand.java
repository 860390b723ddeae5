package dev.siam4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code siam4j run}: Runs the self-improvement loop on a model and problems. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the self-improvement loop on a model and problems.")
final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'run' is not in this build yet; see README.md for what works today");
  }
}
