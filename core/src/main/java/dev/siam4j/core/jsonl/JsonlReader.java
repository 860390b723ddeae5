package dev.siam4j.core.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import dev.siam4j.core.FileAccessException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a JSONL file line by line, with line numbers, streaming (one line in memory at a time).
 * Blank lines are skipped. A last line without its line feed that does not parse is a torn write
 * and can be tolerated ({@link #tolerateTornLastLine()}); any other line that does not parse is an
 * {@link InvalidInputException} naming file and line.
 *
 * <p>A line that cannot be used is reported as a {@link LineException}; iteration may go on after
 * one (the next {@code hasNext()} reads the following line), which is how readers skip bad lines.
 *
 * <p>Not thread-safe. The creator closes it.
 */
public final class JsonlReader implements Iterable<JsonlReader.Line>, AutoCloseable {

  /** A line of a JSONL file that cannot be used: its message is "file:line: reason". */
  public static class LineException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    /** The 1-based line number. */
    private final long line;
    /** What is wrong with the line, without file and line. */
    private final String reason;

    /**
     * @param file the file
     * @param line 1-based line number
     * @param reason what is wrong with the line
     * @param cause the parser's exception, possibly {@code null}
     */
    public LineException(Path file, long line, String reason, Throwable cause) {
      super(file + ":" + line + ": " + reason, cause);
      this.file = file;
      this.line = line;
      this.reason = reason;
    }

    /** @return the file */
    public Path file() {
      return file;
    }

    /** @return the 1-based line number */
    public long line() {
      return line;
    }

    /** @return what is wrong with the line, without file and line */
    public String reason() {
      return reason;
    }
  }

  /**
   * One parsed line.
   *
   * @param file the file
   * @param number 1-based line number
   * @param json the parsed object
   */
  public record Line(Path file, long number, JsonNode json) {

    /** @return "file:line: " for messages */
    public String where() {
      return file + ":" + number + ": ";
    }

    /**
     * Converts the line to {@code type}, naming file and line if it does not fit.
     *
     * @param <T> the target type
     * @param type the class to bind the line's object to, not null
     * @return the line as a {@code type}
     * @throws LineException when the object does not fit {@code type}
     */
    public <T> T as(Class<T> type) {
      try {
        return Json.mapper().treeToValue(json, type);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new LineException(
            file, number, "not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
      }
    }
  }

  private final Path file;
  private final BufferedReader in;
  private final boolean hasFinalNewline;
  private boolean tolerateTorn;
  private boolean tornLastLine;
  private boolean iterated;

  private JsonlReader(Path file) throws IOException {
    this.file = file;
    this.hasFinalNewline = endsWithNewline(file);
    this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  /**
   * Opens a JSONL file.
   *
   * @param file the file, not null
   * @return a reader positioned before the first line
   * @throws InvalidInputException when it does not exist or cannot be read
   */
  public static JsonlReader open(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": no such file");
    }
    try {
      return new JsonlReader(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Skip, rather than fail on, an unparsable last line that lacks its line feed.
   *
   * @return this reader
   */
  public JsonlReader tolerateTornLastLine() {
    this.tolerateTorn = true;
    return this;
  }

  /** @return whether a torn last line was skipped (known once iteration has ended) */
  public boolean skippedTornLastLine() {
    return tornLastLine;
  }

  /**
   * Reads every line in order.
   *
   * @param action called once per line, in file order
   * @throws LineException when a line is not a JSON object or does not parse
   */
  public void forEachLine(Consumer<Line> action) {
    for (Line l : this) {
      action.accept(l);
    }
  }

  @Override
  public Iterator<Line> iterator() {
    if (iterated) {
      throw new IllegalStateException("a JsonlReader can be iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      private long number;
      private Line next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          next = advance();
          done = next == null;
        }
        return next != null;
      }

      @Override
      public Line next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Line l = next;
        next = null;
        return l;
      }

      private Line advance() {
        try {
          String text;
          while ((text = in.readLine()) != null) {
            number++;
            if (text.isBlank()) {
              continue;
            }
            try {
              JsonNode node = Json.mapper().readTree(text);
              if (node == null || !node.isObject()) {
                throw new LineException(
                    file, number, "expected a JSON object, found "
                        + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()), null);
              }
              return new Line(file, number, node);
            } catch (JsonProcessingException e) {
              boolean last = !in.ready() && !hasFinalNewline;
              if (last && tolerateTorn) {
                tornLastLine = true;
                return null;
              }
              throw new LineException(file, number, "not valid JSON: " + e.getOriginalMessage(), e);
            }
          }
          return null;
        } catch (IOException e) {
          throw new FileAccessException(file, file + ":" + (number + 1) + ": cannot read: " + e.getMessage(), e);
        }
      }
    };
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new FileAccessException(file, "cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    long size = Files.size(file);
    if (size == 0) {
      return true;
    }
    try (var ch = Files.newByteChannel(file)) {
      ch.position(size - 1);
      var buf = java.nio.ByteBuffer.allocate(1);
      ch.read(buf);
      return buf.get(0) == '\n';
    }
  }

  private static String rootMessage(Throwable e) {
    if (e instanceof JsonProcessingException jpe) {
      return jpe.getOriginalMessage();
    }
    return e.getMessage();
  }
}
