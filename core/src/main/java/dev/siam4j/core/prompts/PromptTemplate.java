package dev.siam4j.core.prompts;

import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;

/**
 * Turns a problem into the prompt that asks a model to solve it by writing a Python program.
 * Standard templates (zero- and few-shot, English and Chinese) come from {@link PromptTemplates}.
 */
@FunctionalInterface
public interface PromptTemplate {

  /**
   * @param problem the problem to ask about
   * @return the prompt
   */
  Prompt render(Problem problem);
}
