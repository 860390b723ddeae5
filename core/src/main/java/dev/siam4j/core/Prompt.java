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

  /** Validates and copies. */
  public Prompt {
    Objects.requireNonNull(text, "text");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (text.isEmpty() == messages.isEmpty()) {
      throw new IllegalArgumentException(
          "a prompt has either text or chat messages, not both and not neither");
    }
  }

  /** @return a raw prompt that the model continues as it is */
  public static Prompt raw(String text) {
    return new Prompt(text, List.of());
  }

  /** @return a chat prompt */
  public static Prompt chat(List<ChatMessage> messages) {
    return new Prompt("", messages);
  }

  /** @return a chat prompt */
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
