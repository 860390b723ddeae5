package dev.siam4j.core.extraction;

/** Which fenced code blocks a {@link CodeExtractor} returns when a text has several. */
public enum BlockPolicy {
  /** The first block. */
  FIRST,
  /** The last block: a model that corrects itself writes the corrected program last. */
  LAST,
  /** All blocks in order, joined by blank lines, as one program (for notebook-style answers). */
  CONCATENATE
}
