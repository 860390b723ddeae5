package dev.siam4j.core;

import java.util.Objects;

/**
 * One message of a chat prompt.
 *
 * @param role who speaks
 * @param content what is said
 */
public record ChatMessage(Role role, String content) {

  /** Who speaks in a chat. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
  }

  /** Validates. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** @return a system message */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /** @return a user message */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /** @return an assistant message */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
