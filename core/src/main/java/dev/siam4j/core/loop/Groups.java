package dev.siam4j.core.loop;

import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.JsonlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Streams a stage file as groups of consecutive records of one problem. Holds one group in memory.
 */
final class Groups<T> implements Iterator<List<T>>, AutoCloseable {
  private final JsonlReader reader;
  private final Iterator<JsonlReader.Line> lines;
  private final Class<T> type;
  private final Function<T, String> problemIdOf;
  private T pending;

  private Groups(Path file, Class<T> type, Function<T, String> problemIdOf) {
    this.reader = Files.exists(file) ? JsonlReader.open(file) : null;
    this.lines = reader == null ? Collections.emptyIterator() : reader.iterator();
    this.type = type;
    this.problemIdOf = problemIdOf;
  }

  static <T> Groups<T> of(Path file, Class<T> type, Function<T, String> problemIdOf) {
    return new Groups<>(file, type, problemIdOf);
  }

  @Override
  public boolean hasNext() {
    return pending != null || lines.hasNext();
  }

  @Override
  public List<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<T> group = new ArrayList<>();
    T first = pending != null ? pending : lines.next().as(type);
    pending = null;
    group.add(first);
    String id = problemIdOf.apply(first);
    while (lines.hasNext()) {
      T t = lines.next().as(type);
      if (!problemIdOf.apply(t).equals(id)) {
        pending = t;
        break;
      }
      group.add(t);
    }
    return group;
  }

  /** Skips {@code n} groups. */
  void skip(long n) {
    for (long i = 0; i < n; i++) {
      if (!hasNext()) {
        throw new RunStoreException("stage input ended after " + i + " of " + n + " problems");
      }
      next();
    }
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
    }
  }
}
