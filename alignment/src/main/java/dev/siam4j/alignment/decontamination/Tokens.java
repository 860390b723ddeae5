package dev.siam4j.alignment.decontamination;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into the tokens n-grams are made of: runs of letters or digits, lower-cased after
 * NFKC; each Han, Hiragana, Katakana or Hangul character is a token of its own, since those
 * scripts do not separate words with spaces.
 */
final class Tokens {
  private Tokens() {}

  static List<String> of(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isIdeographic(cp)) {
        flush(word, out);
        out.add(new String(Character.toChars(cp)));
      } else if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else {
        flush(word, out);
      }
    }
    flush(word, out);
    return out;
  }

  private static boolean isIdeographic(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (word.length() > 0) {
      out.add(word.toString());
      word.setLength(0);
    }
  }

  /** A 64-bit FNV-1a hash of tokens {@code [from, to)}, separators included. */
  static long hash(List<String> tokens, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      String t = tokens.get(i);
      for (int k = 0; k < t.length(); k++) {
        char c = t.charAt(k);
        h ^= c & 0xff;
        h *= 0x100000001b3L;
        h ^= c >>> 8;
        h *= 0x100000001b3L;
      }
      h ^= 0x1f; // unit separator
      h *= 0x100000001b3L;
    }
    return h;
  }
}
