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
  /** A problem type the seed split never shows. */
  NEW("new");

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
   * @param label {@code "seen"}, {@code "paraphrase"} or {@code "new"}
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
