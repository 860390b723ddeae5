package dev.siam4j.core.problems;

import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.Problem;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.FileAccessException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the problems of one JSONL file, one line in memory at a time (plus a small hash of each id,
 * to find duplicates), and keeps a {@link ReadReport} of what it read and skipped.
 *
 * <p>Obtained from {@link JsonlProblemSource#reader()}. Iterable once. Not thread-safe. The caller
 * closes it.
 */
public final class ProblemReader implements Iterable<Problem>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemReader.class);
  private static final int LOGGED_SKIPS = 100;

  private final Path file;
  private final ProblemFormat format;
  private final OnBadLine onBadLine;
  private final String source;
  private final JsonlReader lines;
  private final IdIndex ids = new IdIndex();
  private final List<SkippedLine> skippedLines = new ArrayList<>();
  private long problems;
  private long skipped;
  private boolean iterated;

  ProblemReader(Path file, ProblemFormat format, OnBadLine onBadLine, String source) {
    this.file = file;
    this.format = format;
    this.onBadLine = onBadLine;
    this.source = source;
    this.lines = JsonlReader.open(file);
  }

  /**
   * @return the problems, in file order; {@code next()} throws {@link BadLineException} at a bad
   *     line when the policy is {@link OnBadLine#FAIL}
   * @throws IllegalStateException when called a second time
   */
  @Override
  public Iterator<Problem> iterator() {
    if (iterated) {
      throw new IllegalStateException("a ProblemReader can be iterated once");
    }
    iterated = true;
    Iterator<JsonlReader.Line> in = lines.iterator();
    return new Iterator<>() {
      private Problem next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          next = advance(in);
          done = next == null;
        }
        return next != null;
      }

      @Override
      public Problem next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Problem p = next;
        next = null;
        return p;
      }
    };
  }

  /** @return what has been read and skipped so far; final once iteration has ended */
  public ReadReport report() {
    return new ReadReport(file, problems, skipped, skippedLines);
  }

  /** Closes the file. */
  @Override
  public void close() {
    lines.close();
    if (skipped > 0) {
      LOG.warn("{}", report().summary());
    } else {
      LOG.debug("{}", report().summary());
    }
  }

  private Problem advance(Iterator<JsonlReader.Line> in) {
    while (true) {
      JsonlReader.Line line;
      try {
        if (!in.hasNext()) {
          return null;
        }
        line = in.next();
      } catch (FileAccessException e) {
        throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
      } catch (InvalidInputException e) {
        // the JSONL reader's own messages read "file:line: reason"; the reader goes on after them
        bad(asBadLine(e));
        continue;
      }
      Problem problem;
      try {
        problem = format.parse(line.json(), new LineContext(file, line.number(), source));
      } catch (BadLineException e) {
        bad(e);
        continue;
      } catch (IllegalArgumentException | InvalidInputException e) {
        bad(new BadLineException(file, line.number(), String.valueOf(e.getMessage()), e));
        continue;
      }
      if (problem == null) {
        throw new IllegalStateException("format " + format + " returned null for " + line.where());
      }
      long first = ids.putIfAbsent(problem.id(), line.number());
      if (first >= 0) {
        bad(new BadLineException(file, line.number(),
            "duplicate id '" + problem.id() + "', first on line " + first, null));
        continue;
      }
      problems++;
      return problem;
    }
  }

  private BadLineException asBadLine(InvalidInputException e) {
    if (e instanceof dev.siam4j.core.jsonl.JsonlReader.LineException le) {
      return new BadLineException(file, le.line(), le.reason(), e);
    }
    throw e; // not a line the JSONL reader could step over
  }

  private void bad(BadLineException e) {
    if (onBadLine == OnBadLine.FAIL) {
      throw e;
    }
    skipped++;
    if (skippedLines.size() < ReadReport.MAX_DETAILS) {
      skippedLines.add(new SkippedLine(e.file(), e.line(), e.reason()));
    }
    if (skipped <= LOGGED_SKIPS) {
      LOG.warn("skipped {}", e.getMessage());
    } else if (skipped == LOGGED_SKIPS + 1) {
      LOG.warn("{}: more lines skipped; the rest are counted in the read report only", file);
    }
  }
}
