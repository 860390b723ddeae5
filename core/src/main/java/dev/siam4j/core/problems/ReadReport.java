package dev.siam4j.core.problems;

import dev.siam4j.core.internal.Checks;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What reading a problem file gave: how many problems, how many lines were skipped and why.
 *
 * @param file the file read
 * @param problems problems read so far
 * @param skipped lines skipped so far (all of them, even beyond the details kept)
 * @param skippedLines details of the first {@link #MAX_DETAILS} skipped lines, in file order
 */
public record ReadReport(Path file, long problems, long skipped, List<SkippedLine> skippedLines) {

  /** How many skipped lines a report keeps the details of; the count goes on beyond it. */
  public static final int MAX_DETAILS = 1_000;

  /**
   * Validates and copies.
   *
   * @param file the file, not null
   * @param problems problems read, not negative
   * @param skipped lines skipped, not negative
   * @param skippedLines details kept, not null, no more than {@code skipped}; copied
   * @throws IllegalArgumentException when a count is negative or there are more details than
   *     skipped lines
   */
  public ReadReport {
    Objects.requireNonNull(file, "file");
    Checks.nonNegative(problems, "problems");
    Checks.nonNegative(skipped, "skipped");
    skippedLines = List.copyOf(Objects.requireNonNull(skippedLines, "skippedLines"));
    if (skippedLines.size() > skipped) {
      throw new IllegalArgumentException(
          "skippedLines has " + skippedLines.size() + " entries but skipped is " + skipped);
    }
  }

  /** @return one line for logs, e.g. {@code data.jsonl: 18 problems, 2 lines skipped} */
  public String summary() {
    return file + ": " + problems + (problems == 1 ? " problem, " : " problems, ") + skipped
        + (skipped == 1 ? " line skipped" : " lines skipped");
  }
}
