package dev.siam4j.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code manifest.json} of a run: the configuration that decides its records, and the versions
 * that wrote it. A run folder is resumed only with the same configuration; versions are recorded,
 * not compared.
 *
 * @param configuration what decides the records (sample count, seeds, components, data fingerprint)
 * @param versions versions of siam4j, Java and the OS that started the run
 */
public record RunManifest(Map<String, String> configuration, Map<String, String> versions) {

  /** Validates and copies, sorted by key. */
  public RunManifest {
    configuration = Map.copyOf(Objects.requireNonNull(configuration, "configuration"));
    versions = Map.copyOf(Objects.requireNonNull(versions, "versions"));
  }

  /**
   * Names the configuration entries where {@code other} differs from this manifest.
   *
   * @param other the configuration of a new run on the same folder
   * @return one line per difference, "key: was X, now Y", sorted by key; empty when equal
   */
  public List<String> differences(RunManifest other) {
    Objects.requireNonNull(other, "other");
    TreeSet<String> keys = new TreeSet<>(configuration.keySet());
    keys.addAll(other.configuration.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      String was = configuration.get(k);
      String now = other.configuration.get(k);
      if (!Objects.equals(was, now)) {
        out.add(k + ": was " + (was == null ? "unset" : was) + ", now " + (now == null ? "unset" : now));
      }
    }
    return out;
  }

  /** @return the configuration sorted by key, for writing */
  public Map<String, String> sortedConfiguration() {
    return new TreeMap<>(configuration);
  }
}
