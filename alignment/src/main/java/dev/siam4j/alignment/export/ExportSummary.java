package dev.siam4j.alignment.export;

import dev.siam4j.core.internal.Checks;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an export wrote.
 *
 * @param format the format
 * @param directory the output folder
 * @param files the files written, relative to {@code directory}, in a fixed order
 * @param sft how many SFT examples
 * @param pairs how many preference pairs
 */
public record ExportSummary(
    ExportFormat format, Path directory, List<String> files, long sft, long pairs) {

  /**
   * Validates and copies.
   *
   * @param format the format, not null
   * @param directory the output folder, not null
   * @param files the files written, not null; copied
   * @param sft SFT examples written, not negative
   * @param pairs preference pairs written, not negative
   */
  public ExportSummary {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(directory, "directory");
    files = List.copyOf(Objects.requireNonNull(files, "files"));
    Checks.nonNegative(sft, "sft");
    Checks.nonNegative(pairs, "pairs");
  }
}
