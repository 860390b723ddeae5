package dev.siam4j.core.prompts;

import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Standard {@link PromptTemplate}s, and templates from your own strings, files and resources.
 *
 * <p>The standard templates ask for a Python program that prints only the final answer, zero-shot
 * or few-shot, as a raw prompt (ending with an opening {@code ```python} fence so the model
 * continues with code; extract it with {@code CodeExtractors.defaultExtractor()}) or as chat
 * messages. Each chooses English or Chinese by {@link dev.siam4j.core.Problem#language()}, so one
 * template serves mixed data; other languages get English. Their text lives in resources under
 * {@code dev/siam4j/core/prompts/} ({@code solve-zero-shot.en.txt}, {@code solve-few-shot.zh.txt},
 * {@code solve-chat-few-shot.en.txt}, ...): copy one, change it, and load it with
 * {@link #fromFiles(Path, String, PromptForm)} or {@link #fromResources(String, PromptForm)}.
 *
 * <p>Templates hold one placeholder, {@code {question}}; every other character, braces included, is
 * literal. All templates here are immutable and thread-safe.
 */
public final class PromptTemplates {
  private static final String BASE = "dev/siam4j/core/prompts/";

  private PromptTemplates() {}

  /** Holds the standard templates, read once on first use. */
  private static final class Standard {
    static final PromptTemplate ZERO_SHOT = fromResources(BASE + "solve-zero-shot", PromptForm.RAW);
    static final PromptTemplate FEW_SHOT = fromResources(BASE + "solve-few-shot", PromptForm.RAW);
    static final PromptTemplate CHAT_ZERO_SHOT =
        fromResources(BASE + "solve-chat-zero-shot", PromptForm.CHAT);
    static final PromptTemplate CHAT_FEW_SHOT =
        fromResources(BASE + "solve-chat-few-shot", PromptForm.CHAT);
  }

  /**
   * The default: a zero-shot raw prompt in the problem's language (English or Chinese), ending with
   * an opening {@code ```python} fence.
   *
   * @return the template
   */
  public static PromptTemplate zeroShot() {
    return Standard.ZERO_SHOT;
  }

  /**
   * A few-shot raw prompt in the problem's language: four worked examples (each a small program
   * that prints only its answer), then the question and an opening {@code ```python} fence.
   *
   * @return the template
   */
  public static PromptTemplate fewShot() {
    return Standard.FEW_SHOT;
  }

  /**
   * A zero-shot chat prompt in the problem's language: a system message asking for one Python
   * program in a {@code ```python} block that prints only the final answer, and the question.
   *
   * @return the template
   */
  public static PromptTemplate chatZeroShot() {
    return Standard.CHAT_ZERO_SHOT;
  }

  /**
   * A few-shot chat prompt in the problem's language: the system message, four example questions
   * with assistant answers (a {@code ```python} block each), then the question.
   *
   * @return the template
   */
  public static PromptTemplate chatFewShot() {
    return Standard.CHAT_FEW_SHOT;
  }

  /**
   * @param template the text, with a {@code {question}} placeholder
   * @return a raw-prompt template
   * @throws IllegalArgumentException when there is no placeholder
   */
  public static PromptTemplate raw(String template) {
    return of(template, PromptForm.RAW);
  }

  /**
   * @param template chat messages, each started by a line {@code ### system}, {@code ### user} or
   *     {@code ### assistant}, with a {@code {question}} placeholder
   * @return a chat-prompt template
   * @throws IllegalArgumentException when there is no placeholder or no message line
   */
  public static PromptTemplate chat(String template) {
    return of(template, PromptForm.CHAT);
  }

  /**
   * @param template the text, in {@code form}
   * @param form raw or chat
   * @return the template
   * @throws IllegalArgumentException when the text is not a template of that form
   */
  public static PromptTemplate of(String template, PromptForm form) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(form, "form");
    return TextTemplate.parse(null, template, form);
  }

  /**
   * A template per language from files {@code folder/<baseName>.<language>.txt} (UTF-8): the
   * English one ({@code .en.txt}) is required and read now; others are read when a problem in
   * their language first comes, and a language without a file gets English.
   *
   * @param folder the folder
   * @param baseName the file name before {@code .<language>.txt}, such as {@code solve}
   * @param form raw or chat
   * @return the template
   * @throws InvalidInputException when the English file is missing, or a file cannot be read or is
   *     not a template
   */
  public static PromptTemplate fromFiles(Path folder, String baseName, PromptForm form) {
    Objects.requireNonNull(folder, "folder");
    Checks.nonBlank(baseName, "baseName");
    Objects.requireNonNull(form, "form");
    return languages(folder.resolve(baseName).toString(),
        language -> readFile(folder.resolve(baseName + "." + language + ".txt"))
            .map(text -> parse(folder.resolve(baseName + "." + language + ".txt").toString(),
                text, form)));
  }

  /**
   * A template per language from class-path resources {@code <baseName>.<language>.txt} (UTF-8),
   * as {@link #fromFiles} does for files.
   *
   * @param baseName the resource name before {@code .<language>.txt}, with its package path and
   *     no leading slash, such as {@code com/example/prompts/solve}
   * @param form raw or chat
   * @return the template
   * @throws InvalidInputException when the English resource is missing, or one is not a template
   */
  public static PromptTemplate fromResources(String baseName, PromptForm form) {
    Checks.nonBlank(baseName, "baseName");
    Objects.requireNonNull(form, "form");
    return languages(baseName,
        language -> readResource(baseName + "." + language + ".txt")
            .map(text -> parse(baseName + "." + language + ".txt", text, form)));
  }

  /**
   * Chooses a template by the problem's language ({@link Locale#getLanguage()}, so
   * {@code Locale.SIMPLIFIED_CHINESE} matches {@code Locale.CHINESE}).
   *
   * @param fallback for languages not in {@code byLanguage}
   * @param byLanguage templates by language
   * @return the template
   */
  public static PromptTemplate byLanguage(
      PromptTemplate fallback, Map<Locale, PromptTemplate> byLanguage) {
    Objects.requireNonNull(fallback, "fallback");
    Objects.requireNonNull(byLanguage, "byLanguage");
    Map<String, PromptTemplate> copy = new HashMap<>();
    byLanguage.forEach((locale, t) -> copy.put(
        Objects.requireNonNull(locale, "locale").getLanguage(), Objects.requireNonNull(t, "template")));
    Map<String, PromptTemplate> frozen = Map.copyOf(copy);
    return problem -> frozen.getOrDefault(problem.language().getLanguage(), fallback).render(problem);
  }

  private static PromptTemplate languages(
      String name, java.util.function.Function<String, Optional<PromptTemplate>> lookup) {
    try {
      return new LanguageTemplates(name, lookup);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
  }

  private static PromptTemplate parse(String name, String text, PromptForm form) {
    try {
      return TextTemplate.parse(name, text, form);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
  }

  private static Optional<String> readFile(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read prompt template: " + e.getMessage(), e);
    }
  }

  private static Optional<String> readResource(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = PromptTemplates.class.getClassLoader();
    }
    InputStream in = loader.getResourceAsStream(name);
    if (in == null && loader != PromptTemplates.class.getClassLoader()) {
      in = PromptTemplates.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      return Optional.empty();
    }
    try (InputStream s = in) {
      return Optional.of(new String(s.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InvalidInputException(name + ": cannot read prompt template: " + e.getMessage(), e);
    }
  }
}
