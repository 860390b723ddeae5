package dev.siam4j.core.prompts;

/** How a template's text becomes a {@link dev.siam4j.core.Prompt}. */
public enum PromptForm {
  /**
   * The text, with {@code {question}} replaced, is a raw prompt for the model to continue. The
   * standard raw templates end with an opening {@code ```python} fence, so the model continues
   * with code.
   */
  RAW,
  /**
   * The text holds chat messages, each started by a line {@code ### system}, {@code ### user} or
   * {@code ### assistant}; each message's content is stripped of surrounding blank space, and
   * {@code {question}} is replaced in every message. Few-shot examples are user and assistant
   * turns.
   */
  CHAT
}
