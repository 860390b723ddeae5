package dev.siam4j.core.problems;

import dev.siam4j.core.Problem;
import dev.siam4j.core.internal.Checks;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Problems from a JSONL file, one JSON object a line, read in a {@link ProblemFormat} (GSM8K, MATH,
 * the plain form or any {@link FieldMapping}), streaming. Immutable and thread-safe; each
 * {@link #open()} or {@link #reader()} reads the file afresh.
 *
 * <pre>{@code
 * JsonlProblemSource source = JsonlProblemSource.builder(train)
 *     .format(ProblemFormats.gsm8k())
 *     .source("gsm8k-train")
 *     .onBadLine(OnBadLine.SKIP)
 *     .build();
 * try (ProblemReader reader = source.reader()) {
 *   for (Problem p : reader) {
 *     // ...
 *   }
 *   System.out.println(reader.report().summary());
 * }
 * }</pre>
 *
 * <p>A line that cannot be used (not JSON, not an object, a field missing or of the wrong type, an
 * id seen before) is a {@link BadLineException} naming file, line and field, or is skipped and
 * reported, as {@link OnBadLine} says. Ids must be unique within the file; across files, give each
 * source its own name, since generated ids are {@code <source>-<line>}.
 */
public final class JsonlProblemSource implements ProblemSource {
  private final Path file;
  private final ProblemFormat format;
  private final OnBadLine onBadLine;
  private final String source;

  private JsonlProblemSource(Builder b) {
    this.file = b.file;
    this.format = b.format != null ? b.format : ProblemFormats.plain();
    this.onBadLine = b.onBadLine != null ? b.onBadLine : OnBadLine.FAIL;
    this.source = b.source != null ? b.source : stem(b.file);
  }

  /**
   * @param file the JSONL file (it is opened only when read)
   * @return a builder with the defaults: the plain format, {@link OnBadLine#FAIL}, the file name
   *     without extension as source name
   */
  public static Builder builder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /** @return a builder preset to this source's settings, each of which may be set again once */
  public Builder toBuilder() {
    Builder b = new Builder(file);
    b.presetFormat = format;
    b.presetOnBadLine = onBadLine;
    b.presetSource = source;
    return b;
  }

  /**
   * Streams the problems; skipped lines are logged (use {@link #reader()} for the report).
   *
   * @return the problems, lazily; close the stream
   * @throws dev.siam4j.core.InvalidInputException when the file cannot be opened
   */
  @Override
  public Stream<Problem> open() {
    ProblemReader reader = reader();
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                reader.iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(reader::close);
  }

  /**
   * Opens a reader over the file, which keeps a {@link ReadReport}. The caller closes it.
   *
   * @return the reader, positioned before the first line
   * @throws dev.siam4j.core.InvalidInputException when the file does not exist or cannot be read
   */
  public ProblemReader reader() {
    return new ProblemReader(file, format, onBadLine, source);
  }

  /** @return the file */
  public Path file() {
    return file;
  }

  /** @return the format lines are read in */
  public ProblemFormat format() {
    return format;
  }

  /** @return what happens at a bad line */
  public OnBadLine onBadLine() {
    return onBadLine;
  }

  /** @return the source name: the problems' default source, and the prefix of generated ids */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "JsonlProblemSource[" + file + ", " + format + ", " + onBadLine + ", source=" + source
        + "]";
  }

  private static String stem(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "problems" : name.toString();
    int dot = n.indexOf('.');
    String stem = dot > 0 ? n.substring(0, dot) : n;
    return stem.isBlank() ? "problems" : stem;
  }

  /**
   * Builds a {@link JsonlProblemSource}. Each setting may be set once. Not thread-safe; reusable.
   */
  public static final class Builder {
    private final Path file;
    private ProblemFormat format;
    private OnBadLine onBadLine;
    private String source;
    private ProblemFormat presetFormat;
    private OnBadLine presetOnBadLine;
    private String presetSource;

    private Builder(Path file) {
      this.file = file;
    }

    /**
     * The format lines are in ({@link ProblemFormats#plain()} unless set).
     *
     * @param format the value
     * @return this builder
     */
    public Builder format(ProblemFormat format) {
      Objects.requireNonNull(format, "format");
      check(this.format, "format");
      this.format = format;
      return this;
    }

    /**
     * The format given by a field mapping; the same as {@code format(ProblemFormats.mapped(m))}.
     *
     * @param mapping the value
     * @return this builder
     */
    public Builder fields(FieldMapping mapping) {
      return format(ProblemFormats.mapped(mapping));
    }

    /**
     * What to do at a bad line ({@link OnBadLine#FAIL} unless set).
     *
     * @param onBadLine the value
     * @return this builder
     */
    public Builder onBadLine(OnBadLine onBadLine) {
      Objects.requireNonNull(onBadLine, "onBadLine");
      check(this.onBadLine, "onBadLine");
      this.onBadLine = onBadLine;
      return this;
    }

    /**
     * The source name (the file name without extension unless set).
     *
     * @param source the value
     * @return this builder
     */
    public Builder source(String source) {
      Checks.nonBlank(source, "source");
      check(this.source, "source");
      this.source = source;
      return this;
    }

    /** @return the source; the file is not opened yet */
    public JsonlProblemSource build() {
      Builder b = new Builder(file);
      b.format = format != null ? format : presetFormat;
      b.onBadLine = onBadLine != null ? onBadLine : presetOnBadLine;
      b.source = source != null ? source : presetSource;
      return new JsonlProblemSource(b);
    }

    private static void check(Object old, String name) {
      if (old != null) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
    }
  }
}
