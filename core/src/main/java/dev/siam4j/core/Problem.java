package dev.siam4j.core;

import dev.siam4j.core.internal.Checks;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A math question with a reference answer written by people.
 *
 * @param id stable identifier, unique within a run (keys every record derived from the problem)
 * @param question the question text
 * @param referenceAnswer the reference answer, in any free form ("x = 2 or x = -2", "(1, 3]", "12 元")
 * @param source where the problem comes from ("gsm8k", "math", a file name)
 * @param language the question's language ({@link Locale#ENGLISH}, {@link Locale#CHINESE}, ...)
 * @param metadata other fields of the source (subject, level, ...), copied
 */
public record Problem(
    String id,
    String question,
    String referenceAnswer,
    String source,
    Locale language,
    Map<String, String> metadata) {

  /**
   * Validates and copies.
   *
   * @param id the identifier, not blank
   * @param question the question, not blank
   * @param referenceAnswer the reference answer, not null, possibly empty
   * @param source the source's name, not blank
   * @param language the question's language, not null
   * @param metadata other fields, not null; copied sorted by key
   * @throws IllegalArgumentException when {@code id}, {@code question} or {@code source} is blank
   */
  public Problem {
    Checks.nonBlank(id, "id");
    Checks.nonBlank(question, "question");
    Objects.requireNonNull(referenceAnswer, "referenceAnswer");
    Checks.nonBlank(source, "source");
    Objects.requireNonNull(language, "language");
    metadata = Checks.sortedCopy(metadata, "metadata");
  }

  /**
   * A problem in English with no metadata.
   *
   * @param id the identifier, not blank
   * @param question the question, not blank
   * @param referenceAnswer the reference answer, not null
   * @param source the source's name, not blank
   * @return the problem
   */
  public static Problem of(String id, String question, String referenceAnswer, String source) {
    return new Problem(id, question, referenceAnswer, source, Locale.ENGLISH, Map.of());
  }
}
