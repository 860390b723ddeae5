package dev.siam4j.examples.quickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The word-level tokenizer of the quickstart's tiny models: small, closed vocabularies and exact
 * round trips.
 *
 * <p>Rules, applied left to right:
 *
 * <ul>
 *   <li>a run of ASCII letters is one token ({@code "apples"}, {@code "print"});
 *   <li>every digit is its own token ({@code "125"} is {@code "1", "2", "5"});
 *   <li>every other character that is not white space is its own token: punctuation, operators,
 *       and each CJK character ({@code "苹果"} is {@code "苹", "果"});
 *   <li>a single space before a token becomes part of it, as a leading space ({@code " apples"},
 *       {@code " 1"}), so that words keep their spacing without separate space tokens;
 *   <li>a line feed is its own token, and any other run of white space (two spaces, a tab, a
 *       space at the end) is one token of its own.
 * </ul>
 *
 * <p>So {@code detokenize(tokenize(text)).equals(text)} for every text: detokenizing concatenates.
 *
 * <p>Stateless and thread-safe.
 */
public final class WordTokenizer {
  private WordTokenizer() {}

  /**
   * Splits {@code text} into tokens by the rules above.
   *
   * @param text any text
   * @return the tokens, in order; empty for the empty text
   */
  public static List<String> tokenize(String text) {
    Objects.requireNonNull(text, "text");
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        tokens.add("\n");
        i++;
        continue;
      }
      int start = i;
      if (isSpace(c)) {
        int end = i;
        while (end < n && isSpace(text.charAt(end))) {
          end++;
        }
        if (end - i == 1 && c == ' ' && end < n && text.charAt(end) != '\n') {
          i = end; // a single space joins the token that follows
        } else {
          tokens.add(text.substring(i, end));
          i = end;
          continue;
        }
      }
      int end = endOfToken(text, i);
      tokens.add(text.substring(start, end));
      i = end;
    }
    return tokens;
  }

  /**
   * Joins tokens back into text; the inverse of {@link #tokenize(String)}.
   *
   * @param tokens tokens as {@link #tokenize(String)} made them
   * @return their concatenation
   */
  public static String detokenize(List<String> tokens) {
    Objects.requireNonNull(tokens, "tokens");
    return String.join("", tokens);
  }

  private static int endOfToken(String text, int i) {
    int cp = text.codePointAt(i);
    int end = i + Character.charCount(cp);
    if (isLetter(cp)) {
      while (end < text.length() && isLetter(text.charAt(end))) {
        end++;
      }
    }
    return end;
  }

  private static boolean isLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isSpace(char c) {
    return c != '\n' && Character.isWhitespace(c);
  }
}
