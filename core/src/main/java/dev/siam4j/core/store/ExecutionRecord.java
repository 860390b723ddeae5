package dev.siam4j.core.store;

import dev.siam4j.core.Execution;
import dev.siam4j.core.SampleKey;
import java.util.Objects;

/**
 * A line of {@code executions.jsonl}: what running one sample's program gave.
 *
 * @param key the sample
 * @param execution what running its program gave
 */
public record ExecutionRecord(SampleKey key, Execution execution) {

  /**
   * Validates.
   *
   * @param key the sample, not null
   * @param execution the execution, not null
   */
  public ExecutionRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(execution, "execution");
  }
}
