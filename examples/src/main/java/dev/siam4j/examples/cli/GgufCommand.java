package dev.siam4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code siam4j gguf}: Inspects GGUF files. */
@Command(name = "gguf", mixinStandardHelpOptions = true, description = "Inspects GGUF files.")
final class GgufCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'gguf' is not in this build yet; see README.md for what works today");
  }
}
