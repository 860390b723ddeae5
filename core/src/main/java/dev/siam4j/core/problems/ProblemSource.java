package dev.siam4j.core.problems;

import dev.siam4j.core.Problem;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the problems of a run come from. Each {@link #open()} streams them afresh, so a loop can
 * read them once per iteration without holding them all. JSONL files are read by
 * {@link JsonlProblemSource} (standard ones from {@link ProblemSources}).
 */
@FunctionalInterface
public interface ProblemSource {

  /**
   * Opens a new, lazy, sequential stream of the problems, in source order. The caller closes it
   * (try-with-resources), which releases the file or connection behind it.
   *
   * @return the problems
   * @throws dev.siam4j.core.InvalidInputException when the source cannot be opened, or (while
   *     streaming) when it holds a line that cannot be used and the policy is to fail
   */
  Stream<Problem> open();

  /**
   * This source as an {@link Iterable} (what {@code SelfImprovementLoop.Builder.problems} takes):
   * each {@code iterator()} opens a new stream, and closes it when the iterator is exhausted or
   * throws. An iterator abandoned half-way keeps its file open until it is garbage-collected, so
   * prefer {@link #open()} with try-with-resources where you control the loop.
   *
   * @return a view that reads the source afresh on every iteration
   */
  default Iterable<Problem> asIterable() {
    return () -> new ClosingIterator(open());
  }

  /**
   * @param problems the problems, copied
   * @return a source that streams a copy of {@code problems}, for tests and small in-memory sets
   */
  static ProblemSource of(Collection<Problem> problems) {
    List<Problem> copy = List.copyOf(Objects.requireNonNull(problems, "problems"));
    return copy::stream;
  }
}
