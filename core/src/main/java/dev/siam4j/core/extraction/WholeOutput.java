package dev.siam4j.core.extraction;

import java.util.Objects;

/** The whole of stdout, stripped. */
final class WholeOutput implements AnswerExtractor {
  static final WholeOutput INSTANCE = new WholeOutput();

  private WholeOutput() {}

  @Override
  public String extract(String stdout) {
    return Objects.requireNonNull(stdout, "stdout").strip();
  }

  @Override
  public String toString() {
    return "wholeOutput";
  }
}
