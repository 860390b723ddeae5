package dev.siam4j.examples.quickstart;

/** The four splits {@link MathWorld} writes, each to {@code <name>.jsonl}. */
public enum Split {
  /** Problems of the seed templates with reference programs: what the seed model is trained on. */
  SEED("seed"),
  /** Question/answer pairs without programs, of every group: what the loop improves on. */
  POOL("pool"),
  /** The in-distribution test: seed templates and phrasings, new numbers and names. */
  TEST_ID("test-id"),
  /** The out-of-distribution test: templates and phrasings never in the seed split. */
  TEST_OOD("test-ood");

  private final String label;

  Split(String label) {
    this.label = label;
  }

  /** @return the name used in files and metadata ({@code "test-id"}) */
  public String label() {
    return label;
  }

  /** @return the file this split is written to ({@code "test-id.jsonl"}) */
  public String fileName() {
    return label + ".jsonl";
  }

  /**
   * The split with a label.
   *
   * @param label {@code "seed"}, {@code "pool"}, {@code "test-id"} or {@code "test-ood"}
   * @return the split
   * @throws IllegalArgumentException when no split has that label
   */
  public static Split of(String label) {
    for (Split s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no split named '" + label + "'");
  }
}
