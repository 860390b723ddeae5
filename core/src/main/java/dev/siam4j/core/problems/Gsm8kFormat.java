package dev.siam4j.core.problems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Problem;
import java.util.Map;

/** GSM8K lines: {@code question}, and {@code answer} ending in {@code #### 42}. */
final class Gsm8kFormat implements ProblemFormat {

  @Override
  public Problem parse(JsonNode json, LineContext where) {
    String question = where.requiredText(json, "question");
    String solution = where.requiredText(json, "answer");
    String answer =
        ReferenceAnswers.afterHashes(solution)
            .orElseThrow(() -> where.error("field 'answer' has no '#### <answer>' line"));
    String id = where.optionalText(json, "id").orElseGet(where::generatedId);
    return new Problem(
        id, question, answer, where.source(), Languages.detect(question),
        Map.of("solution", solution));
  }

  @Override
  public String toString() {
    return "gsm8k";
  }
}
