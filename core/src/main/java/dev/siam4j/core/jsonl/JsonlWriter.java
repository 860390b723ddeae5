package dev.siam4j.core.jsonl;

import dev.siam4j.core.RunStoreException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends JSON records to a JSONL file, one a line, UTF-8, flushed after every record so that a
 * crash loses at most the record being written.
 *
 * <p>Thread-safe: records from several threads never interleave within a line. The creator
 * closes it.
 */
public final class JsonlWriter implements AutoCloseable {
  private final Path file;
  private final BufferedWriter out;

  private JsonlWriter(Path file, OutputStream stream) {
    this.file = file;
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
  }

  /**
   * Opens {@code file} for appending, creating it and its parent folders.
   *
   * @param file the file, not null
   * @return a writer that appends to the file
   * @throws RunStoreException when it cannot be opened
   */
  public static JsonlWriter append(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new JsonlWriter(
          file,
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new RunStoreException("cannot open " + file + " for appending: " + e.getMessage(), e);
    }
  }

  /**
   * Writes to an existing stream (standard output, say); the stream is closed with the writer.
   *
   * @param stream where lines go, not null; closed with the writer
   * @param name a name for the stream, used in error messages and as {@link #file()}
   * @return a writer to the stream
   */
  public static JsonlWriter to(OutputStream stream, String name) {
    return new JsonlWriter(Path.of(name), Objects.requireNonNull(stream, "stream"));
  }

  /**
   * Writes one record as one line and flushes.
   *
   * @param record the record, serialized with Jackson, not null
   * @throws RunStoreException when writing fails
   */
  public synchronized void write(Object record) {
    Objects.requireNonNull(record, "record");
    String line = Json.toLine(record);
    try {
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new RunStoreException("cannot write to " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the file written */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new RunStoreException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
