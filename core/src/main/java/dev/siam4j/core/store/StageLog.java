package dev.siam4j.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stage's output file in a run: JSONL records written problem by problem, in the order of the
 * problems, each problem's records together. That order makes a crashed file recoverable from its
 * prefix: {@link #recover} drops a torn last line and the records of a problem left incomplete,
 * and returns how many problems are done, so that a rerun skips exactly those and appends the rest.
 * Memory stays constant whatever the file's size.
 *
 * <p>Not thread-safe; one stage owns it. The caller closes it.
 */
public final class StageLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageLog.class);

  /**
   * What {@link #recover} found.
   *
   * @param problems problems whose records are complete
   * @param idHash a hash of their ids in order, to check that a rerun's input starts the same way
   * @param droppedLines lines dropped: a torn last line, and records of an incomplete problem
   */
  public record Recovery(long problems, long idHash, int droppedLines) {}

  private final Path file;
  private JsonlWriter writer;

  private StageLog(Path file) {
    this.file = file;
  }

  /**
   * Recovers {@code file} (creating nothing when it does not exist) and opens it for appending.
   *
   * @param file the stage's JSONL file
   * @param problemIdOf reads a record's problem id
   * @param recordsPerProblem how many records make a problem complete, or 0 when problems have one
   *     record each
   * @param recovery receives what recovery found
   * @return the log, positioned to append after the last complete problem
   * @throws RunStoreException when the file cannot be read or repaired, or a record in its middle is
   *     damaged (which a crash cannot cause)
   */
  public static StageLog open(
      Path file,
      Function<JsonNode, String> problemIdOf,
      int recordsPerProblem,
      java.util.function.Consumer<Recovery> recovery) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(problemIdOf, "problemIdOf");
    Objects.requireNonNull(recovery, "recovery");
    StageLog log = new StageLog(file);
    recovery.accept(log.recover(problemIdOf, Math.max(1, recordsPerProblem)));
    log.writer = JsonlWriter.append(file);
    return log;
  }

  /**
   * Appends one record and flushes it.
   *
   * @param record the record, written as one JSON line
   */
  public void write(Object record) {
    writer.write(record);
  }

  /** @return the file */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }

  /**
   * Hash step for a problem id sequence, shared with callers that check their input.
   *
   * @param hash the hash of the ids so far; {@link #EMPTY_HASH} for none
   * @param problemId the next problem id, not null
   * @return the hash of the sequence with {@code problemId} appended
   */
  public static long hashStep(long hash, String problemId) {
    long h = hash;
    for (int i = 0; i < problemId.length(); i++) {
      h = (h ^ problemId.charAt(i)) * 0x100000001B3L;
    }
    return (h ^ 0x1F) * 0x100000001B3L;
  }

  /** The hash of an empty sequence. */
  public static final long EMPTY_HASH = 0xCBF29CE484222325L;

  private Recovery recover(Function<JsonNode, String> problemIdOf, int perProblem) {
    if (!Files.exists(file)) {
      return new Recovery(0, EMPTY_HASH, 0);
    }
    long goodEnd = 0; // byte offset after the last complete problem
    long problems = 0;
    long hash = EMPTY_HASH;
    String currentId = null;
    int currentCount = 0;
    long offset = 0;
    long lineNumber = 0;
    int linesSinceGood = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
      int b;
      boolean more = true;
      while (more) {
        b = in.read();
        if (b != -1 && b != '\n') {
          line.write(b);
          continue;
        }
        more = b != -1;
        if (!more && line.size() == 0) {
          break;
        }
        lineNumber++;
        long lineEnd = offset + line.size() + (more ? 1 : 0);
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        offset = lineEnd;
        if (text.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = more ? Json.mapper().readTree(text) : null;
        } catch (JsonProcessingException e) {
          if (peekEnd(in)) {
            node = null; // a torn write ended by a crash: the file's last line
          } else {
            throw new RunStoreException(
                file + ":" + lineNumber + ": damaged record in the middle of the file: "
                    + e.getOriginalMessage(), e);
          }
        }
        if (node == null) {
          linesSinceGood++;
          break;
        }
        String id = problemIdOf.apply(node);
        if (id == null || id.isBlank()) {
          throw new RunStoreException(file + ":" + lineNumber + ": record has no problem id");
        }
        if (!id.equals(currentId)) {
          if (currentId != null && currentCount < perProblem) {
            throw new RunStoreException(
                file + ":" + lineNumber + ": problem " + currentId + " has " + currentCount
                    + " of " + perProblem + " records before the next problem begins");
          }
          currentId = id;
          currentCount = 0;
        }
        currentCount++;
        linesSinceGood++;
        if (currentCount == perProblem) {
          problems++;
          hash = hashStep(hash, id);
          goodEnd = lineEnd;
          linesSinceGood = 0;
          currentId = null;
          currentCount = 0;
        }
      }
    } catch (IOException e) {
      throw new RunStoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      if (Files.size(file) != goodEnd) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(goodEnd);
        }
        LOG.info(
            "{}: dropped {} line(s) after the last complete problem (a crash's leftovers)",
            file,
            linesSinceGood);
      }
    } catch (IOException e) {
      throw new RunStoreException("cannot repair " + file + ": " + e.getMessage(), e);
    }
    return new Recovery(problems, hash, linesSinceGood);
  }

  private static boolean peekEnd(InputStream in) throws IOException {
    in.mark(1);
    int b = in.read();
    in.reset();
    return b == -1;
  }
}
