package dev.siam4j.alignment.preference;

import dev.siam4j.alignment.export.ExportFormat;
import dev.siam4j.alignment.export.TrainingDataExporter;
import dev.siam4j.alignment.fixtures.SyntheticProblems;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.jsonl.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams generated judged samples through the paper builder (quality rules on), the statistics
 * and a TRL export, measuring the heap used after a full collection every 10,000 problems. Run in
 * a JVM of its own with a small {@code -Xmx} by {@link StreamingMemoryTest}; prints one JSON line.
 *
 * <p>Arguments: output folder, number of samples.
 */
public final class MillionSamplesRun {
  private static final int SAMPLES_PER_PROBLEM = 8;

  private MillionSamplesRun() {}

  public static void main(String[] args) {
    Path out = Path.of(args[0]);
    long samples = Long.parseLong(args[1]);
    int problems = (int) (samples / SAMPLES_PER_PROBLEM);
    SyntheticProblems gen = new SyntheticProblems(2024, SAMPLES_PER_PROBLEM);
    PreferenceBuilder builder = PreferenceBuilders.paper();
    TrainingDataStatistics stats = TrainingDataStatistics.create();
    Runtime rt = Runtime.getRuntime();
    long maxUsedAfterGc = 0;
    long seen = 0;
    try (TrainingDataExporter export = TrainingDataExporter.open(ExportFormat.TRL, out)) {
      for (int i = 0; i < problems; i++) {
        JudgedProblem jp = gen.problem(i);
        seen += jp.samples().size();
        TrainingExamples t = builder.build(jp);
        stats.record(jp, t);
        for (SftExample e : t.sft()) {
          export.write(e);
        }
        for (PreferencePair p : t.pairs()) {
          export.write(p);
        }
        if (i % 10_000 == 9_999) {
          System.gc();
          maxUsedAfterGc = Math.max(maxUsedAfterGc, rt.totalMemory() - rt.freeMemory());
        }
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("samples", seen);
    result.put("sft", stats.sft());
    result.put("pairs", stats.pairs());
    result.put("maxHeapBytes", rt.maxMemory());
    result.put("maxUsedHeapAfterGcBytes", maxUsedAfterGc);
    result.put("statistics", stats.toMap());
    System.out.println(Json.toLine(result));
  }
}
