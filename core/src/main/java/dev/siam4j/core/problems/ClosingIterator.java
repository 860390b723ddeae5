package dev.siam4j.core.problems;

import dev.siam4j.core.Problem;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/** Iterates a stream and closes it at the end or at the first failure. */
final class ClosingIterator implements Iterator<Problem> {
  private final Stream<Problem> stream;
  private final Iterator<Problem> it;
  private boolean closed;

  ClosingIterator(Stream<Problem> stream) {
    this.stream = stream;
    this.it = stream.iterator();
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    try {
      if (it.hasNext()) {
        return true;
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    close();
    return false;
  }

  @Override
  public Problem next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return it.next();
  }

  private void close() {
    closed = true;
    stream.close();
  }
}
