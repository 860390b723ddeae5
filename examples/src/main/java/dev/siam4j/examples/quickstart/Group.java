package dev.siam4j.examples.quickstart;

/**
 * How a problem's template relates to the seed split: the report shows accuracy per group, since
 * self-training moves problems the seed model sometimes solves and leaves the rest where they are.
 */
public enum Group {
  /** A seed template and phrasing (with other numbers and names). */
  SEEN("seen"),
  /** A seed skill in a phrasing never in the seed split, or two seed skills combined. */
  PARAPHRASE("paraphrase"),
  /**
   * A problem type the seed split never shows that needs an operation no seed program uses: the
   * control, which self-training on question/answer pairs alone should not move.
   */
  NEW("new"),
  /**
   * A problem type the seed split never shows whose program combines two or three seed skills (a
   * percentage of a sum, two unknowns where the seed has one), in phrasings of its own, with only
   * words and operations the seed programs have: reachable, though not known.
   */
  REACHABLE("reachable");

  private final String label;

  Group(String label) {
    this.label = label;
  }

  /** @return the name used in metadata ({@code "paraphrase"}) */
  public String label() {
    return label;
  }

  /**
   * The group with a label.
   *
   * @param label {@code "seen"}, {@code "paraphrase"}, {@code "new"} or {@code "reachable"}
   * @return the group
   * @throws IllegalArgumentException when no group has that label
   */
  public static Group of(String label) {
    for (Group g : values()) {
      if (g.label.equals(label)) {
        return g;
      }
    }
    throw new IllegalArgumentException("no group named '" + label + "'");
  }
}
