package dev.siam4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code siam4j export}: Exports a run's training data for TRL, LLaMA-Factory or OpenAI. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Exports a run's training data for TRL, LLaMA-Factory or OpenAI.")
final class ExportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'export' is not in this build yet; see README.md for what works today");
  }
}
