package dev.siam4j.core.problems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Problem;

/**
 * Turns one JSON object of a problem file into a {@link Problem}. Standard formats (GSM8K, MATH,
 * the plain form, any field mapping) come from {@link ProblemFormats}.
 *
 * <p>Implementations are stateless and thread-safe, and report a bad line by throwing
 * {@link LineContext#error(String)} (the reader decides whether to fail or skip).
 */
@FunctionalInterface
public interface ProblemFormat {

  /**
   * @param json the line's object
   * @param where the file, line and source name, with field accessors
   * @return the problem, never null
   * @throws BadLineException when a field is missing, has the wrong type or cannot be used
   */
  Problem parse(JsonNode json, LineContext where);
}
