package dev.siam4j.core.loop;

import dev.siam4j.core.Outcome;
import dev.siam4j.core.store.RunManifest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's {@code report.md}: configuration and a table of metrics per iteration. */
final class Report {
  private Report() {}

  static String markdown(RunManifest manifest, List<IterationMetrics> iterations) {
    StringBuilder out = new StringBuilder();
    out.append("# siam4j run report\n\n## Metrics per iteration\n\n");
    out.append("| iteration | problems | samples | with code | OK runs | approved | pass@1 | pass@k | SFT | pairs | seconds |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (IterationMetrics m : iterations) {
      double seconds = m.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %d | %d | %d | %d | %.3f | %.3f | %d | %d | %.1f |%n",
              m.iteration(), m.problems(), m.samples(), m.withCode(),
              m.outcomes().getOrDefault(Outcome.OK, 0L), m.approved(), m.passAt1(), m.passAtK(),
              m.sftExamples(), m.pairs(), seconds));
    }
    out.append("\n## Configuration\n\n");
    for (Map.Entry<String, String> e : manifest.sortedConfiguration().entrySet()) {
      out.append("- `").append(e.getKey()).append("`: ").append(e.getValue()).append('\n');
    }
    return out.toString();
  }
}
