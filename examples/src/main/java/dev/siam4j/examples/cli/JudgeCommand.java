package dev.siam4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code siam4j judge}: Judges predictions against references; writes verdict JSONL and a summary. */
@Command(name = "judge", mixinStandardHelpOptions = true, description = "Judges predictions against references; writes verdict JSONL and a summary.")
final class JudgeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'judge' is not in this build yet; see README.md for what works today");
  }
}
