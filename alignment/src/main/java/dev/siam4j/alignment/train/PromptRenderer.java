package dev.siam4j.alignment.train;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Prompt;

/**
 * Renders a prompt into the text a model sees before its completion. The JVM trainer cannot run a
 * GGUF's Jinja chat template; for chat prompts, choose the renderer that matches the model's
 * template (what llama.cpp generates with must see the same text).
 */
@FunctionalInterface
public interface PromptRenderer {

  /** Raw prompts as they are; chat messages' contents joined by blank lines ({@link Prompt#flatten}). */
  PromptRenderer FLAT = Prompt::flatten;

  /**
   * @param prompt the prompt
   * @return the text before the completion
   */
  String render(Prompt prompt);

  /**
   * ChatML ({@code <|im_start|>role\ncontent<|im_end|>\n}, then {@code <|im_start|>assistant\n}), the
   * template of Qwen2 and others; raw prompts stay as they are.
   *
   * @return the renderer
   */
  static PromptRenderer chatMl() {
    return prompt -> {
      if (!prompt.isChat()) {
        return prompt.text();
      }
      StringBuilder out = new StringBuilder();
      for (ChatMessage m : prompt.messages()) {
        out.append("<|im_start|>")
            .append(m.role().name().toLowerCase(java.util.Locale.ROOT))
            .append('\n')
            .append(m.content())
            .append("<|im_end|>\n");
      }
      return out.append("<|im_start|>assistant\n").toString();
    };
  }
}
