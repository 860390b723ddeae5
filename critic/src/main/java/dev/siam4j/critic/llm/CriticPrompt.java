package dev.siam4j.critic.llm;

import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Prompt;

/**
 * Renders what the LLM critic is asked: question, reference answer, program and its output. The
 * standard templates come from {@link CriticPrompts}.
 */
@FunctionalInterface
public interface CriticPrompt {

  /**
   * @param request what is judged
   * @return the prompt whose one-word answer is YES or NO
   */
  Prompt render(CritiqueRequest request);
}
