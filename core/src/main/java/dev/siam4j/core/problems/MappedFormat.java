package dev.siam4j.core.problems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Problem;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** A {@link ProblemFormat} that follows a {@link FieldMapping}. */
final class MappedFormat implements ProblemFormat {
  private static final String METADATA = "metadata";

  private final FieldMapping mapping;

  MappedFormat(FieldMapping mapping) {
    this.mapping = mapping;
  }

  @Override
  public Problem parse(JsonNode json, LineContext where) {
    String question = where.requiredText(json, mapping.question());
    String answer = where.requiredText(json, mapping.answer());
    String id =
        mapping.id().flatMap(f -> where.optionalText(json, f)).orElseGet(where::generatedId);
    String source = mapping.source().flatMap(f -> where.optionalText(json, f)).orElse(where.source());
    Locale language =
        mapping
            .language()
            .flatMap(f -> where.optionalText(json, f).map(v -> language(v, f, where)))
            .orElseGet(() -> Languages.detect(question));
    Map<String, String> metadata = new HashMap<>();
    if (mapping.otherFieldsAsMetadata()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (mapping.isMapped(e.getKey()) || e.getValue().isNull()) {
          continue;
        }
        if (e.getKey().equals(METADATA) && e.getValue().isObject()) {
          // a "metadata" object, as siam4j's own files write it, gives its fields one by one
          e.getValue().fields().forEachRemaining(
              m -> {
                if (!m.getValue().isNull()) {
                  metadata.put(m.getKey(), LineContext.metadataText(m.getValue()));
                }
              });
        } else {
          metadata.put(e.getKey(), LineContext.metadataText(e.getValue()));
        }
      }
    } else {
      for (String f : mapping.metadata()) {
        JsonNode v = json.get(f);
        if (v != null && !v.isNull()) {
          metadata.put(f, LineContext.metadataText(v));
        }
      }
    }
    return new Problem(id, question, answer, source, language, metadata);
  }

  private static Locale language(String value, String field, LineContext where) {
    try {
      return Languages.parse(value);
    } catch (IllegalArgumentException e) {
      throw where.error("field '" + field + "' is not a language: '" + value + "'");
    }
  }

  @Override
  public String toString() {
    return "mapped " + mapping;
  }
}
