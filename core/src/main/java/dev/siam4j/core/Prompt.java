package dev.siam4j.core;

import java.util.List;
import java.util.Objects;

/**
 * What a model is asked: either raw text that the model continues, or chat messages that the
 * backend renders with the model's chat template. Exactly one of the two is present.
 *
 * @param text the raw prompt, empty for a chat prompt
 * @param messages the chat messages, empty for a raw prompt
 */
public record Prompt(String text, List<ChatMessage> messages) {

  /**
   * Validates and copies.
   *
   * @param text the raw prompt, or empty for a chat prompt; not null
   * @param messages the chat messages, or empty for a raw prompt; not null; copied
   * @throws IllegalArgumentException when both or neither of {@code text} and {@code messages} are
   *     empty
   */
  public Prompt {
    Objects.requireNonNull(text, "text");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (text.isEmpty() == messages.isEmpty()) {
      throw new IllegalArgumentException(
          "a prompt has either text or chat messages, not both and not neither");
    }
  }

  /**
   * @param text the prompt, not empty
   * @return a raw prompt that the model continues as it is
   */
  public static Prompt raw(String text) {
    return new Prompt(text, List.of());
  }

  /**
   * @param messages the messages in order, at least one
   * @return a chat prompt
   */
  public static Prompt chat(List<ChatMessage> messages) {
    return new Prompt("", messages);
  }

  /**
   * @param messages the messages in order, at least one
   * @return a chat prompt
   */
  public static Prompt chat(ChatMessage... messages) {
    return chat(List.of(messages));
  }

  /** @return whether this is a chat prompt */
  public boolean isChat() {
    return !messages.isEmpty();
  }

  /**
   * A plain-text view for logs, hashing and backends without chat templates: the raw text, or the
   * messages' contents joined by blank lines.
   *
   * @return the prompt as plain text
   */
  public String flatten() {
    if (!isChat()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    for (ChatMessage m : messages) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(m.content());
    }
    return out.toString();
  }
}
