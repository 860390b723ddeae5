package dev.siam4j.core.extraction;

import java.util.Optional;

/**
 * Finds the Python program in what a model wrote. Standard policies come from
 * {@link CodeExtractors}.
 */
@FunctionalInterface
public interface CodeExtractor {

  /**
   * @param modelText the model's completion
   * @return the program, or empty when there is none
   */
  Optional<String> extract(String modelText);
}
