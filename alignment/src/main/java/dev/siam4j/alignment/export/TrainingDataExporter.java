package dev.siam4j.alignment.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.jsonl.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes SFT examples and preference pairs in a training framework's format, streaming: each
 * record is written as it comes, one JSON object a line, UTF-8, non-ASCII text (Chinese) kept as
 * it is, keys in a fixed order, so the same records give the same bytes.
 *
 * <p>Files, in the output folder: {@value #SFT_FILE} (SFT examples) and {@value
 * #PREFERENCE_FILE} (pairs), each created with its first record; for the LLaMA-Factory formats
 * also {@value #DATASET_INFO_FILE}, written on {@link #close()}, naming the datasets {@value
 * #SFT_DATASET} and {@value #PREFERENCE_DATASET}. Opening replaces those files from an earlier
 * export.
 *
 * <pre>{@code
 * try (TrainingDataExporter out = TrainingDataExporter.open(ExportFormat.TRL, dir)) {
 *   examples.sft().forEach(out::write);
 *   examples.pairs().forEach(out::write);
 * }
 * }</pre>
 *
 * <p>Thread-safe: records from several threads never interleave within a line. The creator
 * closes it.
 */
public final class TrainingDataExporter implements AutoCloseable {

  /** The file of SFT examples. */
  public static final String SFT_FILE = "sft.jsonl";
  /** The file of preference pairs. */
  public static final String PREFERENCE_FILE = "preference.jsonl";
  /** LLaMA-Factory's dataset registry. */
  public static final String DATASET_INFO_FILE = "dataset_info.json";
  /** The SFT dataset's name in {@value #DATASET_INFO_FILE}. */
  public static final String SFT_DATASET = "siam4j_sft";
  /** The preference dataset's name in {@value #DATASET_INFO_FILE}. */
  public static final String PREFERENCE_DATASET = "siam4j_preference";

  /** Indents with two spaces and "\n" on every platform, so the registry's bytes are fixed. */
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private final ExportFormat format;
  private final Path directory;
  private BufferedWriter sftOut;
  private BufferedWriter pairOut;
  private long sft;
  private long pairs;
  private boolean closed;

  private TrainingDataExporter(ExportFormat format, Path directory) {
    this.format = format;
    this.directory = directory;
  }

  /**
   * Opens an export into {@code directory}, creating it, and removing the files an earlier export
   * left there.
   *
   * @param format the format to write, not null
   * @param directory the output folder, not null; created if missing
   * @return an open exporter, which the caller closes
   * @throws RunStoreException when the folder cannot be created or cleared
   */
  public static TrainingDataExporter open(ExportFormat format, Path directory) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
      for (String f : List.of(SFT_FILE, PREFERENCE_FILE, DATASET_INFO_FILE)) {
        Files.deleteIfExists(directory.resolve(f));
      }
    } catch (IOException e) {
      throw new RunStoreException("cannot prepare export folder " + directory + ": " + e, e);
    }
    return new TrainingDataExporter(format, directory);
  }

  /** @return the format written */
  public ExportFormat format() {
    return format;
  }

  /**
   * Writes one SFT example.
   *
   * @param example the example, not null
   * @throws RunStoreException when writing fails
   * @throws IllegalStateException when closed
   */
  public synchronized void write(SftExample example) {
    Objects.requireNonNull(example, "example");
    checkOpen();
    if (sftOut == null) {
      sftOut = create(SFT_FILE);
    }
    line(sftOut, SFT_FILE, RecordLayouts.sft(format, example));
    sft++;
  }

  /**
   * Writes one preference pair.
   *
   * @param pair the pair, not null
   * @throws RunStoreException when writing fails
   * @throws IllegalStateException when closed
   */
  public synchronized void write(PreferencePair pair) {
    Objects.requireNonNull(pair, "pair");
    checkOpen();
    if (pairOut == null) {
      pairOut = create(PREFERENCE_FILE);
    }
    line(pairOut, PREFERENCE_FILE, RecordLayouts.pair(format, pair));
    pairs++;
  }

  /** @return what was written so far (the dataset registry appears once closed) */
  public synchronized ExportSummary summary() {
    List<String> files = new ArrayList<>();
    if (sftOut != null) {
      files.add(SFT_FILE);
    }
    if (pairOut != null) {
      files.add(PREFERENCE_FILE);
    }
    if (closed && isLlamaFactory() && (sftOut != null || pairOut != null)) {
      files.add(DATASET_INFO_FILE);
    }
    return new ExportSummary(format, directory, files, sft, pairs);
  }

  /**
   * Flushes and closes the files, and writes the LLaMA-Factory registry when the format has one.
   * Idempotent.
   *
   * @throws RunStoreException when writing fails
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietlyAfter(sftOut, SFT_FILE);
    closeQuietlyAfter(pairOut, PREFERENCE_FILE);
    if (isLlamaFactory() && (sftOut != null || pairOut != null)) {
      writeDatasetInfo();
    }
  }

  private boolean isLlamaFactory() {
    return format == ExportFormat.LLAMA_FACTORY_ALPACA
        || format == ExportFormat.LLAMA_FACTORY_SHAREGPT;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("export to " + directory + " is closed");
    }
  }

  private BufferedWriter create(String name) {
    Path file = directory.resolve(name);
    try {
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RunStoreException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  private void line(BufferedWriter out, String name, ObjectNode node) {
    try {
      out.write(Json.mapper().writeValueAsString(node));
      out.write('\n');
    } catch (IOException e) {
      throw new RunStoreException("cannot write " + directory.resolve(name) + ": " + e, e);
    }
  }

  private void closeQuietlyAfter(BufferedWriter out, String name) {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new RunStoreException("cannot close " + directory.resolve(name) + ": " + e, e);
    }
  }

  private void writeDatasetInfo() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode info = f.objectNode();
    boolean alpaca = format == ExportFormat.LLAMA_FACTORY_ALPACA;
    if (sftOut != null) {
      ObjectNode d = info.putObject(SFT_DATASET);
      d.put("file_name", SFT_FILE);
      d.put("formatting", alpaca ? "alpaca" : "sharegpt");
      ObjectNode c = d.putObject("columns");
      if (alpaca) {
        c.put("prompt", "instruction").put("query", "input").put("response", "output")
            .put("system", "system").put("history", "history");
      } else {
        c.put("messages", "conversations").put("system", "system");
        shareGptTags(d);
      }
    }
    if (pairOut != null) {
      ObjectNode d = info.putObject(PREFERENCE_DATASET);
      d.put("file_name", PREFERENCE_FILE);
      d.put("formatting", alpaca ? "alpaca" : "sharegpt");
      d.put("ranking", true);
      ObjectNode c = d.putObject("columns");
      if (alpaca) {
        c.put("prompt", "instruction").put("query", "input").put("chosen", "chosen")
            .put("rejected", "rejected").put("system", "system").put("history", "history");
      } else {
        c.put("messages", "conversations").put("chosen", "chosen").put("rejected", "rejected")
            .put("system", "system");
        shareGptTags(d);
      }
    }
    Path file = directory.resolve(DATASET_INFO_FILE);
    try {
      Files.writeString(
          file,
          Json.mapper().writer(PRETTY).writeValueAsString(info) + "\n",
          StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new RunStoreException("cannot write " + file + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new RunStoreException("cannot write " + file + ": " + e, e);
    }
  }

  private static void shareGptTags(ObjectNode dataset) {
    dataset.putObject("tags")
        .put("role_tag", "from")
        .put("content_tag", "value")
        .put("user_tag", "human")
        .put("assistant_tag", "gpt");
  }
}
