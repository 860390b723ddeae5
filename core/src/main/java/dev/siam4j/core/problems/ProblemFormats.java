package dev.siam4j.core.problems;

import java.util.Objects;

/** Standard {@link ProblemFormat}s. All are stateless and thread-safe. */
public final class ProblemFormats {
  private static final ProblemFormat GSM8K = new Gsm8kFormat();
  private static final ProblemFormat MATH = new MathFormat();
  private static final ProblemFormat PLAIN = new MappedFormat(FieldMapping.plain());

  private ProblemFormats() {}

  /**
   * GSM8K: {@code question}, and {@code answer} whose text after the last {@code ####} is the
   * reference answer, kept as written ({@code 1,000} stays {@code 1,000}). The whole answer field
   * goes into the metadata as {@code solution}; the id is {@code id} when a line has one, else
   * {@code <source>-<line>}.
   *
   * @return the format
   */
  public static ProblemFormat gsm8k() {
    return GSM8K;
  }

  /**
   * MATH and MATH-500: {@code problem}; the reference answer is {@code answer} when present (as
   * MATH-500 has it), else the last {@code \boxed{...}} or {@code \fbox{...}} of {@code solution},
   * nested braces matched; the id is {@code unique_id} when present, else
   * {@code <source>-<line>}; every other field ({@code solution}, {@code subject}, {@code level},
   * {@code unique_id}, {@code type}) goes into the metadata.
   *
   * @return the format
   */
  public static ProblemFormat math() {
    return MATH;
  }

  /**
   * The plain form, {@link FieldMapping#plain()}: {@code id}, {@code question}, {@code answer}.
   *
   * @return the format
   */
  public static ProblemFormat plain() {
    return PLAIN;
  }

  /**
   * @param mapping which fields hold what
   * @return a format that follows {@code mapping}
   */
  public static ProblemFormat mapped(FieldMapping mapping) {
    return new MappedFormat(Objects.requireNonNull(mapping, "mapping"));
  }
}
