package dev.siam4j.examples.cli;

import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.problems.JsonlProblemSource;
import dev.siam4j.core.problems.ProblemSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Problem files on the command line: which reader a {@code --format} name means. */
final class ProblemFiles {
  private ProblemFiles() {}

  /** The formats {@code --format} accepts. */
  static final String FORMATS = "plain, gsm8k, math";

  /**
   * @param file the problems
   * @param format plain ({@code id}, {@code question}, {@code answer}), gsm8k or math
   * @return a source that reads the file afresh on every pass, failing on its first bad line
   * @throws UsageException when the file is missing or the format unknown
   */
  static JsonlProblemSource open(Path file, String format) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(file + ": no such file");
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "plain" -> ProblemSources.plain(file);
      case "gsm8k" -> ProblemSources.gsm8k(file);
      case "math" -> ProblemSources.math(file);
      default -> throw new UsageException(
          "unknown --format '" + format + "'; expected one of " + FORMATS);
    };
  }

  /** Turns a bad input line into a usage error that names file, line and field. */
  static UsageException asUsage(InvalidInputException e) {
    return new UsageException(e.getMessage());
  }
}
