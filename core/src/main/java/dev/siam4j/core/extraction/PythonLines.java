package dev.siam4j.core.extraction;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells Python-looking lines from prose, without parsing Python: statements that start with a
 * keyword, assignments, calls, comments and decorators look like code; so does every line inside
 * open brackets or a triple-quoted string, and an indented line after code. Stateless.
 */
final class PythonLines {
  private static final Pattern CODE_LIKE =
      Pattern.compile(
          String.join(
              "|",
              "#.*",
              "@[\\w.]+.*",
              "import\\s+[\\w.]+.*",
              "from\\s+[\\w.]+\\s+import\\b.*",
              "(?:def|class|for|while|if|elif|else|try|except|finally|with|async|match|case)\\b.*:.*",
              "(?:return|assert|raise|del|global|nonlocal|pass|break|continue|yield|await)\\b.*",
              // assignment, augmented or annotated, to names, attributes, subscripts or tuples
              "[A-Za-z_][\\w.]*(?:\\[.*?\\])*(?:\\s*,\\s*[A-Za-z_][\\w.]*(?:\\[.*?\\])*)*"
                  + "\\s*(?::\\s*[\\w\\[\\], .|]+)?\\s*(?:\\*\\*|//|>>|<<|[-+*/%&|^@])?=(?!=).*",
              // a call as a statement, ending there or opening a multi-line call: print(x), f(a,
              "[A-Za-z_][\\w.]*\\((?:.*[)(\\[{,\\\\])?\\s*(?:#.*)?",
              // unpacking into a tuple or list: (a, b) = ..., [x, y] = ..., *rest, last = ...
              "[(\\[*].*=(?!=).*",
              "[rbfuRBFU]{0,2}(?:\"\"\"|''').*",
              "[)\\]}].*"));

  private PythonLines() {}

  /** @return whether one line, taken alone, looks like Python */
  static boolean isCodeLike(String line) {
    return CODE_LIKE.matcher(line.strip()).matches();
  }

  /**
   * @return the end (exclusive) of the run of code starting at {@code from}, not counting trailing
   *     blank lines; {@code from} when the first non-blank line is not code
   */
  static int codeRun(List<String> lines, int from, int to) {
    Scanner state = new Scanner();
    int end = from;
    boolean previousCode = false;
    for (int i = from; i < to; i++) {
      String line = lines.get(i);
      boolean continued = state.inString() || state.depth > 0;
      if (line.isBlank()) {
        if (continued) {
          end = i + 1;
        }
        continue;
      }
      boolean indented = Character.isWhitespace(line.charAt(0));
      if (!(continued || (indented && previousCode) || isCodeLike(line))) {
        break;
      }
      state.scan(line);
      previousCode = true;
      end = i + 1;
    }
    return end;
  }

  /**
   * @return whether {@code lines} read as code: the first non-blank line looks like Python and at
   *     least half of the non-blank lines are code (so one odd statement does not make it prose)
   */
  static boolean mostlyCode(List<String> lines) {
    Scanner state = new Scanner();
    boolean previousCode = false;
    boolean first = true;
    int code = 0;
    int total = 0;
    for (String line : lines) {
      boolean continued = state.inString() || state.depth > 0;
      if (line.isBlank()) {
        continue;
      }
      total++;
      boolean indented = Character.isWhitespace(line.charAt(0));
      boolean isCode = continued || (indented && previousCode) || isCodeLike(line);
      if (first && !isCode) {
        return false;
      }
      first = false;
      if (isCode) {
        code++;
        state.scan(line);
      }
      previousCode = isCode;
    }
    return total > 0 && code * 2 >= total;
  }

  /** Bracket depth and triple-quoted strings across lines. */
  private static final class Scanner {
    int depth;
    String triple;

    boolean inString() {
      return triple != null;
    }

    void scan(String line) {
      int i = 0;
      int n = line.length();
      while (i < n) {
        if (triple != null) {
          int close = line.indexOf(triple, i);
          if (close < 0) {
            return;
          }
          i = close + 3;
          triple = null;
          continue;
        }
        char c = line.charAt(i);
        if (c == '#') {
          return;
        }
        if ((c == '"' || c == '\'') && line.startsWith(String.valueOf(c).repeat(3), i)) {
          triple = String.valueOf(c).repeat(3);
          i += 3;
          continue;
        }
        if (c == '"' || c == '\'') {
          i++;
          while (i < n && line.charAt(i) != c) {
            i += line.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
          continue;
        }
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
          depth--;
        }
        i++;
      }
    }
  }
}
