package dev.siam4j.alignment.preference;

/**
 * The normal form two programs are compared in when de-duplicating: comments and blank lines
 * removed, runs of spaces and tabs outside strings collapsed, line ends trimmed. Two programs that
 * differ only in layout or comments are the same program.
 */
final class ProgramText {
  private ProgramText() {}

  static String normalize(String code) {
    StringBuilder out = new StringBuilder(code.length());
    StringBuilder line = new StringBuilder();
    int n = code.length();
    char quote = 0;
    boolean triple = false;
    for (int i = 0; i < n; i++) {
      char c = code.charAt(i);
      if (quote != 0) {
        line.append(c);
        if (c == '\\' && i + 1 < n) {
          line.append(code.charAt(++i));
        } else if (c == quote) {
          if (!triple) {
            quote = 0;
          } else if (i + 2 < n && code.charAt(i + 1) == quote && code.charAt(i + 2) == quote) {
            line.append(quote).append(quote);
            i += 2;
            quote = 0;
          }
        } else if (c == '\n' && !triple) {
          quote = 0;
          endLine(out, line);
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        triple = i + 2 < n && code.charAt(i + 1) == c && code.charAt(i + 2) == c;
        line.append(c);
        if (triple) {
          line.append(c).append(c);
          i += 2;
        }
      } else if (c == '#') {
        while (i + 1 < n && code.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '\n' || c == '\r') {
        endLine(out, line);
      } else if (c == ' ' || c == '\t') {
        if (line.length() > 0 && !isBlank(line) && line.charAt(line.length() - 1) != ' ') {
          line.append(' ');
        } else if (isBlank(line)) {
          line.append(' '); // keep indentation depth, one space per level character
        }
      } else {
        line.append(c);
      }
    }
    endLine(out, line);
    return out.toString();
  }

  private static boolean isBlank(StringBuilder s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }

  private static void endLine(StringBuilder out, StringBuilder line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    if (end > 0) {
      out.append(line, 0, end).append('\n');
    }
    line.setLength(0);
  }
}
