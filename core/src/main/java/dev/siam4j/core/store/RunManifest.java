package dev.siam4j.core.store;

import dev.siam4j.core.internal.Checks;
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
 * <p>Settings (the per-call deadlines) are what the latest run on the folder used without their
 * deciding the records: recorded, rewritten by each run that resumes the folder, never compared,
 * so that a run that failed on a deadline resumes with a longer one.
 *
 * @param configuration what decides the records (sample count, seeds, components, data fingerprint)
 * @param versions versions of siam4j, Java and the OS that started the run
 * @param settings what the latest run used that does not decide the records (deadlines); empty when
 *     the manifest has none
 */
public record RunManifest(Map<String, String> configuration, Map<String, String> versions, Map<String, String> settings) {

  /**
   * Validates and copies, sorted by key; a missing {@code settings} is empty.
   *
   * @param configuration what decides the records, not null; copied sorted
   * @param versions versions, not null; copied sorted
   * @param settings other settings; {@code null} is read as empty; copied sorted
   */
  public RunManifest {
    configuration = Checks.sortedCopy(configuration, "configuration");
    versions = Checks.sortedCopy(versions, "versions");
    settings = Checks.sortedCopy(settings == null ? Map.of() : settings, "settings");
  }

  /**
   * A manifest without settings.
   *
   * @param configuration what decides the records
   * @param versions versions that started the run
   */
  public RunManifest(Map<String, String> configuration, Map<String, String> versions) {
    this(configuration, versions, Map.of());
  }

  /**
   * @param newSettings the settings of the run that resumes
   * @return this manifest with {@code newSettings} in place of its own
   */
  public RunManifest withSettings(Map<String, String> newSettings) {
    return new RunManifest(configuration, versions, newSettings);
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
