package dev.siam4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code siam4j eval}: Evaluates a model on a benchmark split, rule- and critic-scored. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluates a model on a benchmark split, rule- and critic-scored.")
final class EvalCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'eval' is not in this build yet; see README.md for what works today");
  }
}
