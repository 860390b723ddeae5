package dev.siam4j.core.prompts;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A template from text, raw or chat, with a {@code {question}} placeholder. Immutable. */
final class TextTemplate implements PromptTemplate {
  static final String PLACEHOLDER = "{question}";
  private static final Pattern ROLE_LINE =
      Pattern.compile("^###[ \\t]+(system|user|assistant)[ \\t]*$", Pattern.MULTILINE);

  private final String name;
  private final String text;
  private final List<ChatMessage> messages;

  private TextTemplate(String name, String text, List<ChatMessage> messages) {
    this.name = name;
    this.text = text;
    this.messages = messages;
  }

  /**
   * @param name what to call the template in messages (a resource, a file), or null
   * @throws IllegalArgumentException when it has no placeholder or (chat) no well-formed messages
   */
  static TextTemplate parse(String name, String template, PromptForm form) {
    String where = name == null ? "" : name + ": ";
    if (!template.contains(PLACEHOLDER)) {
      throw new IllegalArgumentException(where + "template has no " + PLACEHOLDER + " placeholder");
    }
    if (form == PromptForm.RAW) {
      return new TextTemplate(name, template, List.of());
    }
    List<ChatMessage> messages = new ArrayList<>();
    Matcher m = ROLE_LINE.matcher(template);
    int contentStart = -1;
    ChatMessage.Role role = null;
    while (m.find()) {
      if (role == null) {
        if (!template.substring(0, m.start()).isBlank()) {
          throw new IllegalArgumentException(
              where + "chat template has text before its first '### system|user|assistant' line");
        }
      } else {
        messages.add(new ChatMessage(role, template.substring(contentStart, m.start()).strip()));
      }
      role = ChatMessage.Role.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      contentStart = m.end();
    }
    if (role == null) {
      throw new IllegalArgumentException(
          where + "chat template has no '### system|user|assistant' line");
    }
    messages.add(new ChatMessage(role, template.substring(contentStart).strip()));
    return new TextTemplate(name, "", List.copyOf(messages));
  }

  @Override
  public Prompt render(Problem problem) {
    String question = problem.question();
    if (messages.isEmpty()) {
      return Prompt.raw(text.replace(PLACEHOLDER, question));
    }
    List<ChatMessage> out = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      out.add(new ChatMessage(m.role(), m.content().replace(PLACEHOLDER, question)));
    }
    return Prompt.chat(out);
  }

  @Override
  public String toString() {
    return name == null ? "template" : name;
  }
}
