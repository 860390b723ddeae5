package dev.siam4j.alignment.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SftExample;
import java.util.ArrayList;
import java.util.List;

/** How each {@link ExportFormat} lays out one SFT example and one pair, as a JSON object. */
final class RecordLayouts {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private RecordLayouts() {}

  static ObjectNode sft(ExportFormat format, SftExample e) {
    return switch (format) {
      case TRL -> {
        ObjectNode o = F.objectNode();
        o.put("prompt", e.prompt().flatten());
        o.put("completion", e.completion());
        yield o;
      }
      case TRL_CONVERSATIONAL -> {
        ObjectNode o = F.objectNode();
        o.set("prompt", roleContent(messages(e.prompt())));
        o.set("completion", F.arrayNode().add(assistant(e.completion())));
        yield o;
      }
      case LLAMA_FACTORY_ALPACA -> {
        ObjectNode o = alpacaPrompt(e.prompt());
        o.put("output", e.completion());
        alpacaTail(o, e.prompt());
        yield o;
      }
      case LLAMA_FACTORY_SHAREGPT -> {
        ObjectNode o = F.objectNode();
        ArrayNode conversations = shareGpt(e.prompt());
        conversations.add(fromValue("gpt", e.completion()));
        o.set("conversations", conversations);
        o.put("system", system(e.prompt()));
        yield o;
      }
      case OPENAI -> {
        ObjectNode o = F.objectNode();
        ArrayNode messages = roleContent(messages(e.prompt()));
        messages.add(assistant(e.completion()));
        o.set("messages", messages);
        yield o;
      }
    };
  }

  static ObjectNode pair(ExportFormat format, PreferencePair p) {
    return switch (format) {
      case TRL -> {
        ObjectNode o = F.objectNode();
        o.put("prompt", p.prompt().flatten());
        o.put("chosen", p.chosen());
        o.put("rejected", p.rejected());
        yield o;
      }
      case TRL_CONVERSATIONAL -> {
        ObjectNode o = F.objectNode();
        o.set("prompt", roleContent(messages(p.prompt())));
        o.set("chosen", F.arrayNode().add(assistant(p.chosen())));
        o.set("rejected", F.arrayNode().add(assistant(p.rejected())));
        yield o;
      }
      case LLAMA_FACTORY_ALPACA -> {
        ObjectNode o = alpacaPrompt(p.prompt());
        o.put("chosen", p.chosen());
        o.put("rejected", p.rejected());
        alpacaTail(o, p.prompt());
        yield o;
      }
      case LLAMA_FACTORY_SHAREGPT -> {
        ObjectNode o = F.objectNode();
        o.set("conversations", shareGpt(p.prompt()));
        o.set("chosen", fromValue("gpt", p.chosen()));
        o.set("rejected", fromValue("gpt", p.rejected()));
        o.put("system", system(p.prompt()));
        yield o;
      }
      case OPENAI -> {
        ObjectNode o = F.objectNode();
        ObjectNode input = F.objectNode();
        input.set("messages", roleContent(messages(p.prompt())));
        o.set("input", input);
        o.set("preferred_output", F.arrayNode().add(assistant(p.chosen())));
        o.set("non_preferred_output", F.arrayNode().add(assistant(p.rejected())));
        yield o;
      }
    };
  }

  /** The prompt as chat messages: a raw prompt is one user message. */
  private static List<ChatMessage> messages(Prompt prompt) {
    return prompt.isChat() ? prompt.messages() : List.of(ChatMessage.user(prompt.text()));
  }

  private static ArrayNode roleContent(List<ChatMessage> messages) {
    ArrayNode a = F.arrayNode();
    for (ChatMessage m : messages) {
      ObjectNode o = F.objectNode();
      o.put("role", role(m.role()));
      o.put("content", m.content());
      a.add(o);
    }
    return a;
  }

  private static String role(ChatMessage.Role role) {
    return switch (role) {
      case SYSTEM -> "system";
      case USER -> "user";
      case ASSISTANT -> "assistant";
    };
  }

  private static ObjectNode assistant(String content) {
    ObjectNode o = F.objectNode();
    o.put("role", "assistant");
    o.put("content", content);
    return o;
  }

  private static ObjectNode fromValue(String from, String value) {
    ObjectNode o = F.objectNode();
    o.put("from", from);
    o.put("value", value);
    return o;
  }

  /** The system messages' text joined by blank lines; empty when there are none. */
  private static String system(Prompt prompt) {
    StringBuilder s = new StringBuilder();
    for (ChatMessage m : prompt.messages()) {
      if (m.role() == ChatMessage.Role.SYSTEM) {
        s.append(s.length() > 0 ? "\n\n" : "").append(m.content());
      }
    }
    return s.toString();
  }

  private static List<ChatMessage> turns(Prompt prompt) {
    if (!prompt.isChat()) {
      return List.of(ChatMessage.user(prompt.text()));
    }
    List<ChatMessage> turns = new ArrayList<>();
    for (ChatMessage m : prompt.messages()) {
      if (m.role() != ChatMessage.Role.SYSTEM) {
        turns.add(m);
      }
    }
    return turns;
  }

  /**
   * Whether the turns are user, assistant, user, ..., user: the shape alpaca's history and
   * sharegpt's conversations need. Anything else is flattened into one user turn.
   */
  private static boolean alternates(List<ChatMessage> turns) {
    if (turns.isEmpty() || turns.size() % 2 == 0) {
      return false;
    }
    for (int i = 0; i < turns.size(); i++) {
      ChatMessage.Role expected = i % 2 == 0 ? ChatMessage.Role.USER : ChatMessage.Role.ASSISTANT;
      if (turns.get(i).role() != expected) {
        return false;
      }
    }
    return true;
  }

  private static String joined(List<ChatMessage> turns) {
    StringBuilder s = new StringBuilder();
    for (ChatMessage m : turns) {
      s.append(s.length() > 0 ? "\n\n" : "").append(m.content());
    }
    return s.toString();
  }

  private static ObjectNode alpacaPrompt(Prompt prompt) {
    List<ChatMessage> turns = turns(prompt);
    ObjectNode o = F.objectNode();
    o.put("instruction", alternates(turns) ? turns.get(turns.size() - 1).content() : joined(turns));
    o.put("input", "");
    return o;
  }

  private static void alpacaTail(ObjectNode o, Prompt prompt) {
    o.put("system", system(prompt));
    ArrayNode history = F.arrayNode();
    List<ChatMessage> turns = turns(prompt);
    if (alternates(turns)) {
      for (int i = 0; i + 1 < turns.size(); i += 2) {
        history.add(F.arrayNode().add(turns.get(i).content()).add(turns.get(i + 1).content()));
      }
    }
    o.set("history", history);
  }

  private static ArrayNode shareGpt(Prompt prompt) {
    List<ChatMessage> turns = turns(prompt);
    ArrayNode a = F.arrayNode();
    if (alternates(turns)) {
      for (ChatMessage m : turns) {
        a.add(fromValue(m.role() == ChatMessage.Role.USER ? "human" : "gpt", m.content()));
      }
    } else {
      a.add(fromValue("human", joined(turns)));
    }
    return a;
  }
}
