package dev.siam4j.core.problems;

import java.util.Locale;
import java.util.Objects;

/** Guesses the language of a question when the data does not say it. */
public final class Languages {
  private Languages() {}

  /**
   * Guesses a text's language from its script: kana gives {@link Locale#JAPANESE}, Hangul
   * {@link Locale#KOREAN}, other CJK ideographs {@link Locale#CHINESE}, anything else
   * {@link Locale#ENGLISH}. Thread-safe.
   *
   * @param text the text
   * @return the guessed language
   */
  public static Locale detect(CharSequence text) {
    Objects.requireNonNull(text, "text");
    boolean han = false;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (cp < 0x2E80) {
        continue;
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      switch (script) {
        case HIRAGANA, KATAKANA -> {
          return Locale.JAPANESE;
        }
        case HANGUL -> {
          return Locale.KOREAN;
        }
        case HAN -> han = true;
        default -> { }
      }
    }
    return han ? Locale.CHINESE : Locale.ENGLISH;
  }

  /**
   * Reads a language as data files write it: a BCP 47 tag ("en", "zh-CN", "zh_TW") or an English
   * or Chinese name ("english", "Chinese", "中文").
   *
   * @param value the value
   * @return the language, without country unless the value had one
   * @throws IllegalArgumentException when the value names no language
   */
  public static Locale parse(String value) {
    Objects.requireNonNull(value, "value");
    String v = value.strip().toLowerCase(Locale.ROOT);
    switch (v) {
      case "english", "英文", "英语" -> {
        return Locale.ENGLISH;
      }
      case "chinese", "中文", "汉语", "zh-hans", "zh-hant" -> {
        return Locale.CHINESE;
      }
      default -> { }
    }
    Locale locale = Locale.forLanguageTag(v.replace('_', '-'));
    String language = locale.getLanguage();
    if (language.length() < 2 || language.length() > 3) {
      throw new IllegalArgumentException("not a language: '" + value + "'");
    }
    return locale;
  }
}
