package dev.siam4j.core.prompts;

import dev.siam4j.core.Prompt;

/** Standard {@link PromptTemplate}s. */
public final class PromptTemplates {
  private PromptTemplates() {}

  /** @return a zero-shot raw prompt asking for a Python program that prints the answer */
  public static PromptTemplate zeroShot() {
    return p ->
        Prompt.raw(
            "Solve the problem by writing a Python program that prints the final answer.\n\n"
                + "Question: "
                + p.question()
                + "\n\n```python\n");
  }
}
