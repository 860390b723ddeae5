package dev.siam4j.critic.llm;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Prompt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Standard {@link CriticPrompt}s. Templates are text with the placeholders {@code {question}},
 * {@code {reference}}, {@code {code}} and {@code {output}}; the English and Chinese ones ship as
 * resources ({@code dev/siam4j/critic/llm/critic-en.txt}, {@code critic-zh.txt}) and can be
 * replaced with {@link #chat(String)} or {@link #raw(String)}.
 */
public final class CriticPrompts {
  /** The most characters of program output put into a prompt (the tail is kept). */
  public static final int MAX_OUTPUT_CHARS = 2000;

  private static final String ENGLISH = load("critic-en.txt");
  private static final String CHINESE = load("critic-zh.txt");

  private CriticPrompts() {}

  /** @return the English template as one user chat message */
  public static CriticPrompt english() {
    return chat(ENGLISH);
  }

  /** @return the Chinese template as one user chat message */
  public static CriticPrompt chinese() {
    return chat(CHINESE);
  }

  /** @return the Chinese template for problems in Chinese, the English one otherwise (the default) */
  public static CriticPrompt byLanguage() {
    CriticPrompt en = english();
    CriticPrompt zh = chinese();
    return r -> r.problem().language().getLanguage().equals(Locale.CHINESE.getLanguage()) ? zh.render(r) : en.render(r);
  }

  /**
   * @param template text with the four placeholders
   * @return a prompt of one user chat message (the backend applies the model's chat template)
   */
  public static CriticPrompt chat(String template) {
    Objects.requireNonNull(template, "template");
    return r -> Prompt.chat(ChatMessage.user(fill(template, r)));
  }

  /**
   * @param template text with the four placeholders
   * @return a raw prompt that the model continues (for base models); ends with "Answer:"-like text
   *     of the caller's choosing
   */
  public static CriticPrompt raw(String template) {
    Objects.requireNonNull(template, "template");
    return r -> Prompt.raw(fill(template, r));
  }

  /** @return the English template text, to adapt */
  public static String englishTemplate() {
    return ENGLISH;
  }

  /** @return the Chinese template text, to adapt */
  public static String chineseTemplate() {
    return CHINESE;
  }

  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\{(question|reference|code|output)\\}");

  /**
   * Fills the placeholders in one pass, so text inside a field that looks like a placeholder stays
   * as it is.
   *
   * @param template text with placeholders
   * @param r the request
   * @return the template with the request's fields in place
   */
  public static String fill(String template, CritiqueRequest r) {
    java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 256);
    while (m.find()) {
      String value;
      switch (m.group(1)) {
        case "question":
          value = r.problem().question();
          break;
        case "reference":
          value = r.problem().referenceAnswer();
          break;
        case "code":
          value = r.code().strip();
          break;
        default:
          value = output(r.execution());
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** @return what the critic sees of an execution: stdout's tail, and the error for failures */
  static String output(Execution e) {
    String out = tail(e.stdout().strip());
    if (e.outcome().isSuccess()) {
      return out.isEmpty() ? "(no output)" : out;
    }
    String err = tail(e.stderr().strip());
    return (out.isEmpty() ? "" : out + "\n") + "[" + e.outcome() + "]" + (err.isEmpty() ? "" : "\n" + err);
  }

  private static String tail(String s) {
    return s.length() <= MAX_OUTPUT_CHARS ? s : "..." + s.substring(s.length() - MAX_OUTPUT_CHARS);
  }

  private static String load(String name) {
    try (InputStream in = CriticPrompts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/siam4j/critic/llm/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource dev/siam4j/critic/llm/" + name, e);
    }
  }
}
