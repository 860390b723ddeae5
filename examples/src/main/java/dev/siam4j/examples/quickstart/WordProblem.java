package dev.siam4j.examples.quickstart;

import dev.siam4j.core.Problem;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One problem of {@link MathWorld}, as written to and read from its JSONL files.
 *
 * @param id unique across all splits of a world ({@code "mathworld-pool-00042"})
 * @param question the question, in English or Chinese
 * @param answer the reference answer, in one of the free forms people write ({@code "x = ±5"},
 *     {@code "(1, 3]"}, {@code "12 元"})
 * @param language {@code "en"} or {@code "zh"}
 * @param source {@code "mathworld"}
 * @param metadata {@code category}, {@code template}, {@code split}, {@code group} and
 *     {@code numbers} (the question's numbers, comma-separated); kept sorted by key
 * @param program the reference program (Python that prints the answer), present in memory for
 *     every generated problem and in files for the seed split only
 */
public record WordProblem(
    String id,
    String question,
    String answer,
    String language,
    String source,
    Map<String, String> metadata,
    Optional<String> program) {

  /**
   * Validates and copies; the metadata keeps its keys sorted.
   *
   * @param id the id, not null
   * @param question the question, not null
   * @param answer the reference answer, not null
   * @param language {@code "en"} or {@code "zh"}
   * @param source the source, not null
   * @param metadata the metadata, not null; copied sorted by key
   * @param program the reference program or empty, not null
   * @throws IllegalArgumentException when the language is neither {@code "en"} nor {@code "zh"}
   */
  public WordProblem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(program, "program");
    if (!language.equals("en") && !language.equals("zh")) {
      throw new IllegalArgumentException("language must be \"en\" or \"zh\", was \"" + language + "\"");
    }
    metadata = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
  }

  /** @return the split named in metadata */
  public Split split() {
    return Split.of(require("split"));
  }

  /** @return the group named in metadata */
  public Group group() {
    return Group.of(require("group"));
  }

  /** @return the template named in metadata ({@code "linear.solve"}) */
  public String template() {
    return require("template");
  }

  /** @return the category named in metadata ({@code "linear"}) */
  public String category() {
    return require("category");
  }

  /**
   * The numbers written in the question, for grounding checks: unsigned, in order of first
   * appearance, without repeats ({@code "Solve 3x - 5 = -11"} gives {@code 3, 5, 11}).
   *
   * @return the metadata's {@code numbers}, split at commas
   */
  public List<String> numbers() {
    String s = require("numbers");
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }

  /**
   * The problem as the loop reads it: same id, question, answer, source and metadata; language
   * as a {@link Locale}.
   *
   * @return a core {@link Problem}
   */
  public Problem toProblem() {
    Locale locale = language.equals("zh") ? Locale.CHINESE : Locale.ENGLISH;
    return new Problem(id, question, answer, source, locale, metadata);
  }

  private String require(String key) {
    String v = metadata.get(key);
    if (v == null) {
      throw new IllegalStateException(id + ": metadata has no '" + key + "'");
    }
    return v;
  }
}
