package dev.siam4j.core.store;

import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run folder: {@code manifest.json}, then {@code iter-N/} per iteration with each stage's JSONL
 * file, the checkpoint, {@code metrics.json}, and the run's {@code metrics.json} and
 * {@code report.md} at the top.
 *
 * <p>Opening a folder that holds a run with another configuration is refused, naming what differs;
 * the manifest's settings are replaced by the opening run's.
 * Thread-safe for the paths it hands out; the files themselves have one writer each.
 */
public final class RunStore {
  private final Path folder;
  private final RunManifest manifest;

  private RunStore(Path folder, RunManifest manifest) {
    this.folder = folder;
    this.manifest = manifest;
  }

  /**
   * Opens a run folder, creating it and its manifest when new.
   *
   * @param folder the run folder
   * @param manifest the configuration of this run
   * @return the store
   * @throws RunStoreException when the folder holds a run with another configuration, or cannot be
   *     written
   */
  public static RunStore open(Path folder, RunManifest manifest) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(manifest, "manifest");
    Path file = folder.resolve("manifest.json");
    try {
      Files.createDirectories(folder);
      if (Files.exists(file)) {
        RunManifest existing;
        try {
          existing = Json.mapper().readValue(file.toFile(), RunManifest.class);
        } catch (IOException e) {
          throw new RunStoreException(file + ": not a readable manifest: " + e.getMessage(), e);
        }
        List<String> diff = existing.differences(manifest);
        if (!diff.isEmpty()) {
          throw new RunStoreException(
              "cannot resume " + folder + " with a different configuration ("
                  + String.join("; ", diff)
                  + "); use a new run folder or restore the original settings");
        }
        if (!existing.settings().equals(manifest.settings())) {
          existing = existing.withSettings(manifest.settings());
          write(file, existing);
        }
        return new RunStore(folder, existing);
      }
      write(file, manifest);
      return new RunStore(folder, manifest);
    } catch (IOException e) {
      throw new RunStoreException("cannot open run folder " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, RunManifest manifest) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("configuration", manifest.sortedConfiguration());
    json.put("versions", new java.util.TreeMap<>(manifest.versions()));
    if (!manifest.settings().isEmpty()) {
      json.put("settings", manifest.settings());
    }
    writeAtomically(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
  }

  /** @return the run folder */
  public Path folder() {
    return folder;
  }

  /** @return the run's manifest */
  public RunManifest manifest() {
    return manifest;
  }

  /**
   * @param index the 0-based iteration, not negative
   * @return the files of iteration {@code index} (0-based); the folder is created
   */
  public IterationFiles iteration(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("iteration must not be negative, was " + index);
    }
    Path dir = folder.resolve("iter-" + index);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RunStoreException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    return new IterationFiles(dir);
  }

  /** @return the run-level metrics file */
  public Path metrics() {
    return folder.resolve("metrics.json");
  }

  /** @return the run-level report */
  public Path report() {
    return folder.resolve("report.md");
  }

  /**
   * Writes {@code text} to {@code file} through a temporary file and a rename, so readers see the
   * old or the new content, never a part.
   *
   * @param file the file to replace or create
   * @param text the new content, written as UTF-8
   * @throws RunStoreException when the file cannot be written
   */
  public static void writeAtomically(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new RunStoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
