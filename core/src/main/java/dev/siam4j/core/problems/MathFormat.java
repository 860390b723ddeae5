package dev.siam4j.core.problems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Problem;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * MATH lines: {@code problem}, and {@code answer} (MATH-500) or the last {@code \boxed{...}} of
 * {@code solution} (the original MATH); {@code unique_id} as id; other fields as metadata.
 */
final class MathFormat implements ProblemFormat {

  @Override
  public Problem parse(JsonNode json, LineContext where) {
    String question = where.requiredText(json, "problem");
    String answer =
        where
            .optionalText(json, "answer")
            .orElseGet(
                () ->
                    ReferenceAnswers.lastBoxed(where.requiredText(json, "solution"))
                        .orElseThrow(
                            () -> where.error("field 'solution' has no \\boxed{...} answer")));
    String id = where.optionalText(json, "unique_id").orElseGet(where::generatedId);
    Map<String, String> metadata = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (!key.equals("problem") && !key.equals("answer") && !e.getValue().isNull()) {
        metadata.put(key, LineContext.metadataText(e.getValue()));
      }
    }
    return new Problem(id, question, answer, where.source(), Languages.detect(question), metadata);
  }

  @Override
  public String toString() {
    return "math";
  }
}
