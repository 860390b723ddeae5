package dev.siam4j.critic.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.siam4j.core.jsonl.Json;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an evaluation measured: overall and per source.
 *
 * @param samplesPerProblem k
 * @param overall all problems
 * @param bySource per {@link dev.siam4j.core.Problem#source()}, sorted by name
 */
public record EvaluationReport(int samplesPerProblem, Metrics overall, Map<String, Metrics> bySource) {

  /**
   * Validates and copies.
   *
   * @param samplesPerProblem k
   * @param overall metrics over all problems, not null
   * @param bySource metrics per source, not null; copied, sorted by name
   */
  public EvaluationReport {
    Objects.requireNonNull(overall, "overall");
    bySource = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(bySource, "bySource")));
  }

  /** @return the report as pretty-printed JSON */
  public String toJson() {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  /** @return the report as Markdown: a table by source, then the overall agreement matrix */
  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append("| source | problems | samples | rule acc | critic acc | rule pass@1 | critic pass@1 | rule maj@")
        .append(samplesPerProblem).append(" | critic maj@").append(samplesPerProblem).append(" | agreement |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    bySource.forEach((name, m) -> row(b, name, m));
    row(b, "**all**", overall);
    Metrics.Agreement a = overall.agreement();
    b.append("\n| rules \\ critic | YES | NO |\n|---|---:|---:|\n");
    b.append("| YES | ").append(a.rulesYesCriticYes()).append(" | ").append(a.rulesYesCriticNo()).append(" |\n");
    b.append("| NO | ").append(a.rulesNoCriticYes()).append(" | ").append(a.rulesNoCriticNo()).append(" |\n");
    b.append("| UNKNOWN | ").append(a.rulesUnknownCriticYes()).append(" | ").append(a.rulesUnknownCriticNo()).append(" |\n");
    return b.toString();
  }

  private static void row(StringBuilder b, String name, Metrics m) {
    b.append("| ").append(name).append(" | ").append(m.problems()).append(" | ").append(m.samples())
        .append(" | ").append(pct(m.rules().accuracy())).append(" | ").append(pct(m.critic().accuracy()))
        .append(" | ").append(pct(m.rules().passAt1())).append(" | ").append(pct(m.critic().passAt1()))
        .append(" | ").append(pct(m.rules().majAtK())).append(" | ").append(pct(m.critic().majAtK()))
        .append(" | ").append(pct(m.agreement().agreementRate())).append(" |\n");
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
