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
    /** Instructions that frame the conversation. */
    SYSTEM,
    /** The person asking. */
    USER,
    /** The model answering. */
    ASSISTANT
  }

  /**
   * Validates.
   *
   * @param role who speaks, not null
   * @param content what is said, not null
   */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * @param content the instructions, not null
   * @return a system message
   */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /**
   * @param content the user's text, not null
   * @return a user message
   */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /**
   * @param content the assistant's text, not null
   * @return an assistant message
   */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
