package dev.siam4j.examples.quickstart;

import java.util.Objects;

/**
 * One kind of problem: draws numbers and names and writes the question, the reference answer in
 * one of the forms people write, and a reference program that computes it from the question's
 * numbers.
 *
 * @param id stable name ({@code "linear.solve"}), written to metadata as {@code template}
 * @param category the topic ({@code "linear"}), written to metadata as {@code category}
 * @param group how the template relates to the seed split
 * @param maker draws one instance
 */
record Template(String id, String category, Group group, Maker maker) {

  /** Draws one instance of a template in one language. */
  @FunctionalInterface
  interface Maker {
    Instance make(Draw draw, boolean chinese);
  }

  /** A drawn problem: question, reference answer, reference program (Python). */
  record Instance(String question, String answer, String program) {}

  Template {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(maker, "maker");
  }

  Instance make(Draw draw, boolean chinese) {
    return maker.make(draw, chinese);
  }
}
