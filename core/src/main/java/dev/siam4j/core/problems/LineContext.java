package dev.siam4j.core.problems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.internal.Checks;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a JSON object being turned into a problem comes from, with the field accessors that
 * {@link ProblemFormat}s use so that every error names file, line and field.
 *
 * @param file the file
 * @param line the 1-based line number
 * @param source the source name of the reader ("gsm8k", "math", a file name)
 */
public record LineContext(Path file, long line, String source) {

  /**
   * Validates.
   *
   * @param file the file, not null
   * @param line the 1-based line number, not negative
   * @param source the reader's source name, not blank
   */
  public LineContext {
    Objects.requireNonNull(file, "file");
    Checks.nonNegative(line, "line");
    Checks.nonBlank(source, "source");
  }

  /** @return the id given to a problem whose line has none: {@code <source>-<line>} */
  public String generatedId() {
    return source + "-" + line;
  }

  /**
   * @param reason what is wrong, without file and line ("field 'answer' is missing")
   * @return an exception naming file, line and reason, for the caller to throw
   */
  public BadLineException error(String reason) {
    return new BadLineException(file, line, reason, null);
  }

  /**
   * Reads a field that must be present and not blank. A JSON string is taken as it is; a number is
   * taken as the text of its value ({@code 42} gives {@code "42"}).
   *
   * @param json the line's object
   * @param field the field name
   * @return the field's text
   * @throws BadLineException when the field is missing, null, blank, or not a string or number
   */
  public String requiredText(JsonNode json, String field) {
    return optionalText(json, field)
        .orElseThrow(() -> error("field '" + field + "' is missing"));
  }

  /**
   * Reads a field that may be absent; when present it must be a non-blank string or a number.
   *
   * @param json the line's object
   * @param field the field name
   * @return the field's text, or empty when the field is absent or null
   * @throws BadLineException when the field is blank or not a string or number
   */
  public Optional<String> optionalText(JsonNode json, String field) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(field, "field");
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw error("field '" + field + "' must be a string, was " + typeName(node));
    }
    String text = node.asText();
    if (text.isBlank()) {
      throw error("field '" + field + "' is blank");
    }
    return Optional.of(text);
  }

  /**
   * @return a JSON value as metadata text: strings as they are, numbers and booleans as written,
   *     arrays and objects as compact JSON
   */
  static String metadataText(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case BOOLEAN -> "a boolean";
      case BINARY -> "binary";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
