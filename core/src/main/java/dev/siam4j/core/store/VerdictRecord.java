package dev.siam4j.core.store;

import dev.siam4j.core.SampleKey;
import dev.siam4j.core.Verdict;
import java.util.Objects;

/**
 * A line of {@code verdicts.jsonl}: the critic's judgement of one sample.
 *
 * @param key the sample
 * @param verdict the judgement
 */
public record VerdictRecord(SampleKey key, Verdict verdict) {

  /**
   * Validates.
   *
   * @param key the sample, not null
   * @param verdict the verdict, not null
   */
  public VerdictRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(verdict, "verdict");
  }
}
