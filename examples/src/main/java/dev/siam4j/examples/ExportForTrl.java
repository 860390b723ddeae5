package dev.siam4j.examples;

import dev.siam4j.alignment.export.ExportFormat;
import dev.siam4j.alignment.export.ExportSummary;
import dev.siam4j.alignment.export.TrainingDataExporter;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.store.IterationFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recipe: take one iteration's training data out of a run folder for TRL (conversational form), to
 * train on a cluster; see {@code examples/recipes/trl-dpo-nll} for the training side.
 *
 * <pre>
 * ./siam4j example ExportForTrl runs/demo 0 out/trl
 * </pre>
 */
public final class ExportForTrl {
  private ExportForTrl() {}

  /**
   * @param run the run folder
   * @param iteration which iteration's data
   * @param output the export folder
   * @return what was written
   */
  public static ExportSummary export(Path run, int iteration, Path output) {
    IterationFiles files = new IterationFiles(run.resolve("iter-" + iteration));
    try (TrainingDataExporter out = TrainingDataExporter.open(ExportFormat.TRL_CONVERSATIONAL, output)) {
      if (Files.exists(files.sft())) {
        try (JsonlReader r = JsonlReader.open(files.sft())) {
          r.forEachLine(l -> out.write(l.as(SftExample.class)));
        }
      }
      if (Files.exists(files.pairs())) {
        try (JsonlReader r = JsonlReader.open(files.pairs())) {
          r.forEachLine(l -> out.write(l.as(PreferencePair.class)));
        }
      }
      return out.summary();
    }
  }

  /**
   * Entry point: {@code ExportForTrl RUN_FOLDER ITERATION OUTPUT_FOLDER}.
   *
   * @param args the run folder, the 0-based iteration and the output folder
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: ExportForTrl RUN_FOLDER ITERATION OUTPUT_FOLDER");
      System.exit(2);
    }
    System.out.println(export(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2])));
    System.exit(0);
  }
}
