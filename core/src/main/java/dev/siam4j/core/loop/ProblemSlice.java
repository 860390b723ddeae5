package dev.siam4j.core.loop;

import dev.siam4j.core.Problem;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The problems of one iteration when each takes its own share ({@code problemsPerIteration}):
 * {@code count} problems of a source of {@code total}, from position {@code offset}, starting over
 * at the first after the last. Reads the source afresh on each {@link #iterator()}, as every
 * stage does, and holds no problem beyond the one it returns.
 */
final class ProblemSlice implements Iterable<Problem> {
  private final Iterable<Problem> source;
  private final long total;
  private final long offset;
  private final long count;

  /**
   * @param source the problems, {@code total} of them
   * @param total how many the source holds, positive
   * @param offset the position of the slice's first problem, {@code 0 <= offset < total}
   * @param count how many the slice takes, {@code 0 < count <= total}
   */
  ProblemSlice(Iterable<Problem> source, long total, long offset, long count) {
    if (total <= 0 || offset < 0 || offset >= total || count <= 0 || count > total) {
      throw new IllegalArgumentException(
          "no slice of " + count + " from " + offset + " in " + total + " problems");
    }
    this.source = source;
    this.total = total;
    this.offset = offset;
    this.count = count;
  }

  @Override
  public Iterator<Problem> iterator() {
    return new Iterator<>() {
      private Iterator<Problem> pass = startAt(offset);
      private long position = offset;
      private long returned;

      private Iterator<Problem> startAt(long skip) {
        Iterator<Problem> it = source.iterator();
        for (long i = 0; i < skip; i++) {
          next(it, i);
        }
        return it;
      }

      private Problem next(Iterator<Problem> it, long at) {
        if (!it.hasNext()) {
          throw new dev.siam4j.core.InvalidInputException(
              "the problems changed while the loop ran: " + total + " were counted, the source ended after " + at);
        }
        return it.next();
      }

      @Override
      public boolean hasNext() {
        return returned < count;
      }

      @Override
      public Problem next() {
        if (returned >= count) {
          throw new NoSuchElementException();
        }
        if (position == total) {
          pass = source.iterator();
          position = 0;
        }
        Problem p = next(pass, position);
        position++;
        returned++;
        return p;
      }
    };
  }
}
