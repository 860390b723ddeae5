package dev.siam4j.core.problems;

import dev.siam4j.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which JSON fields of a problem file hold what. Build one with {@link #builder()}; the plain form
 * ({@code id}, {@code question}, {@code answer}, {@code language}, {@code source}, everything else
 * as metadata) is {@link #plain()}.
 *
 * <p>A line without the id field gets the id {@code <source>-<line>}; a line without the language
 * field gets the language {@link Languages#detect(CharSequence) detected} from its question; a line
 * without the source field gets the reader's source name.
 *
 * @param id the id field, or empty to always generate ids
 * @param question the question field (required on every line)
 * @param answer the reference-answer field (required on every line)
 * @param language the language field, or empty to always detect the language
 * @param source the source field, or empty to always use the reader's source name
 * @param metadata the fields copied into {@code Problem.metadata}; ignored when
 *     {@code otherFieldsAsMetadata}
 * @param otherFieldsAsMetadata whether every field not mapped above goes into the metadata
 */
public record FieldMapping(
    Optional<String> id,
    String question,
    String answer,
    Optional<String> language,
    Optional<String> source,
    List<String> metadata,
    boolean otherFieldsAsMetadata) {

  /**
   * Validates and copies.
   *
   * @param id the id field or empty, not null; not blank when present
   * @param question the question field, not blank
   * @param answer the reference-answer field, not blank
   * @param language the language field or empty, not null
   * @param source the source field or empty, not null
   * @param metadata metadata fields, not null, none blank or mapped above; copied
   * @param otherFieldsAsMetadata whether unmapped fields become metadata
   * @throws IllegalArgumentException when a field name is blank or mapped twice
   */
  public FieldMapping {
    Objects.requireNonNull(id, "id").ifPresent(f -> Checks.nonBlank(f, "id"));
    Checks.nonBlank(question, "question");
    Checks.nonBlank(answer, "answer");
    Objects.requireNonNull(language, "language").ifPresent(f -> Checks.nonBlank(f, "language"));
    Objects.requireNonNull(source, "source").ifPresent(f -> Checks.nonBlank(f, "source"));
    metadata = List.copyOf(Objects.requireNonNull(metadata, "metadata"));
    Set<String> seen = new HashSet<>();
    for (String f : mapped(id, question, answer, language, source)) {
      if (!seen.add(f)) {
        throw new IllegalArgumentException("field '" + f + "' is mapped twice");
      }
    }
    for (String f : metadata) {
      Checks.nonBlank(f, "metadata field");
      if (seen.contains(f)) {
        throw new IllegalArgumentException(
            "metadata field '" + f + "' is already mapped to a problem property");
      }
    }
  }

  /** @return the plain form: id, question, answer, language, source, the rest as metadata */
  public static FieldMapping plain() {
    return builder().build();
  }

  /** @return a builder whose defaults are the plain form */
  public static Builder builder() {
    return new Builder();
  }

  /** @return whether {@code field} is mapped to a problem property (not metadata) */
  boolean isMapped(String field) {
    return mapped(id, question, answer, language, source).contains(field);
  }

  private static List<String> mapped(
      Optional<String> id,
      String question,
      String answer,
      Optional<String> language,
      Optional<String> source) {
    List<String> out = new java.util.ArrayList<>(5);
    id.ifPresent(out::add);
    out.add(question);
    out.add(answer);
    language.ifPresent(out::add);
    source.ifPresent(out::add);
    return out;
  }

  /**
   * Builds a {@link FieldMapping}. Each property may be set once; unset ones keep the plain form's
   * field names. Not thread-safe; reusable.
   */
  public static final class Builder {
    private Optional<String> id;
    private String question;
    private String answer;
    private Optional<String> language;
    private Optional<String> source;
    private List<String> metadata;

    private Builder() {}

    /**
     * The id field ({@code "id"} unless set).
     *
     * @param field the field name
     * @return this builder
     */
    public Builder id(String field) {
      id = once(id, Optional.of(Checks.nonBlank(field, "id")), "id");
      return this;
    }

    /**
     * Always generate ids ({@code <source>-<line>}), whatever the lines hold.
     *
     * @return this builder
     */
    public Builder generatedIds() {
      id = once(id, Optional.empty(), "id");
      return this;
    }

    /**
     * The question field ({@code "question"} unless set).
     *
     * @param field the field name
     * @return this builder
     */
    public Builder question(String field) {
      question = once(question, Checks.nonBlank(field, "question"), "question");
      return this;
    }

    /**
     * The reference-answer field ({@code "answer"} unless set).
     *
     * @param field the field name
     * @return this builder
     */
    public Builder answer(String field) {
      answer = once(answer, Checks.nonBlank(field, "answer"), "answer");
      return this;
    }

    /**
     * The language field ({@code "language"} unless set).
     *
     * @param field the field name
     * @return this builder
     */
    public Builder language(String field) {
      language = once(language, Optional.of(Checks.nonBlank(field, "language")), "language");
      return this;
    }

    /**
     * Always detect the language from the question.
     *
     * @return this builder
     */
    public Builder detectedLanguage() {
      language = once(language, Optional.empty(), "language");
      return this;
    }

    /**
     * The source field ({@code "source"} unless set).
     *
     * @param field the field name
     * @return this builder
     */
    public Builder source(String field) {
      source = once(source, Optional.of(Checks.nonBlank(field, "source")), "source");
      return this;
    }

    /**
     * Always use the reader's source name.
     *
     * @return this builder
     */
    public Builder fixedSource() {
      source = once(source, Optional.empty(), "source");
      return this;
    }

    /**
     * Copy only these fields into the metadata (unless set: every field not mapped).
     *
     * @param fields the field names
     * @return this builder
     */
    public Builder metadata(String... fields) {
      Objects.requireNonNull(fields, "fields");
      metadata = once(metadata, List.of(fields), "metadata");
      return this;
    }

    /**
     * @return the mapping
     * @throws IllegalArgumentException when a field is mapped twice
     */
    public FieldMapping build() {
      return new FieldMapping(
          id != null ? id : Optional.of("id"),
          question != null ? question : "question",
          answer != null ? answer : "answer",
          language != null ? language : Optional.of("language"),
          source != null ? source : Optional.of("source"),
          metadata != null ? metadata : List.of(),
          metadata == null);
    }

    private static <T> T once(T old, T value, String name) {
      if (old != null) {
        throw new IllegalStateException(name + " was already set to " + show(old));
      }
      return value;
    }

    private static String show(Object value) {
      if (value instanceof Optional<?> o) {
        return o.map(v -> "'" + v + "'").orElse("none");
      }
      return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
  }
}
