package dev.siam4j.critic.equivalence;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans answer text before parsing: Unicode forms, LaTeX wrappers ({@code \boxed}, {@code $},
 * {@code \text}, {@code \left(}, {@code ^\circ}), answer prefixes in English and Chinese, thousands
 * separators. Stateless.
 */
final class AnswerText {
  private static final Pattern PREFIX =
      Pattern.compile(
          "^(?:(?:so|thus|therefore|hence),?\\s+)?(?:the\\s+)?(?:final\\s+)?answer\\s*(?:is|:|=)?\\s*"
              + "|^(?:所以|因此|故)?(?:最终)?答案?(?:是|为|:|：)\\s*|^(?:解|答)\\s*[:：]\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern WRAPPER =
      Pattern.compile("\\\\(?:text|textbf|textit|textrm|textnormal|textsf|texttt|emph|mathrm|mathbf|mathit|mathsf|mathcal|mathscr|mathfrak|mbox|operatorname|boldsymbol|mathbb|hbox)\\s*\\{");
  private static final Pattern THOUSANDS =
      Pattern.compile("(?<![\\d.,(\\[{])([1-9]\\d{0,2})((?:,\\d{3})+)(?![\\d])");
  private static final Pattern SPACED_THOUSANDS = Pattern.compile("^-?\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?$");
  private static final Pattern LATEX_GROUP_SEPARATOR = Pattern.compile("(\\d)\\s*(?:,\\\\!|\\{,\\s*\\})\\s*(?=\\d)");
  private static final Pattern TRAILING_BACKSLASH = Pattern.compile("(?<!\\\\)\\\\+$");
  private static final Pattern FRAC_DIGITS = Pattern.compile("\\\\frac(\\d)(\\d)");
  private static final Pattern MIXED_LATEX =
      Pattern.compile("(?<![\\d.}^_])(\\d+)\\s*\\\\frac\\{(\\d+)\\}\\{(\\d+)\\}");
  /** A mixed number: sign, whole part (digits grouped by spaces allowed), fraction, percent suffix. */
  private static final Pattern MIXED_TEXT = Pattern.compile(
      "^([+-]?)(\\d{1,3}(?: \\d{3})+|\\d+) (\\d+)/(\\d+)( ?(?:%|percentage|percent|pct))?$");
  private static final Pattern PY_MODULES = Pattern.compile("\\b(?:np|numpy|math|sympy|sp|fractions|decimal)\\.");
  private static final String[][] REPLACEMENTS = {
    {"\\displaystyle", ""}, {"\\left.", ""}, {"\\right.", ""}, {"\\left", ""}, {"\\right", ""},
    {"\\bigl", ""}, {"\\bigr", ""}, {"\\Bigl", ""}, {"\\Bigr", ""}, {"\\big", ""}, {"\\Big", ""},
    {"\\!", ""}, {"\\,", " "}, {"\\;", " "}, {"\\:", " "}, {"\\qquad", " "}, {"\\quad", " "},
    {"\\ ", " "}, {"~", " "},
    {"^{\\circ}", ""}, {"^\\circ", ""}, {"\\circ", ""}, {"\\degree", ""},
    {"\\%", "%"}, {"\\$", ""}, {"$", ""},
    {"\\dfrac", "\\frac"}, {"\\tfrac", "\\frac"}, {"\\cfrac", "\\frac"},
    {"{,}", ""}, {"\\approx", "≈"}, {"\\infty", "oo"}, {"\\cup", " U "}, {"\\pm", "±"}, {"\\mp", "∓"},
    {"\\leqslant", "<="}, {"\\geqslant", ">="}, {"\\leq", "<="}, {"\\geq", ">="}, {"\\le", "<="},
    {"\\ge", ">="}, {"\\neq", "!="}, {"\\ne", "!="}, {"\\lt", "<"}, {"\\gt", ">"},
    {"\\cdot", "*"}, {"\\times", "*"}, {"\\ast", "*"}, {"\\div", "/"}, {"\\in", "∈"},
    {"\\lbrace", "{"}, {"\\rbrace", "}"}, {"\\{", "{"}, {"\\}", "}"},
    {"\\lvert", "|"}, {"\\rvert", "|"}, {"\\vert", "|"},
    {"\\emptyset", "∅"}, {"\\varnothing", "∅"},
    {"\\(", ""}, {"\\)", ""}, {"\\[", ""}, {"\\]", ""},
  };

  private AnswerText() {}

  /** @return {@code raw} cleaned for parsing; never null */
  static String clean(String raw) {
    String s = raw.strip();
    if (s.isEmpty()) {
      return s;
    }
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      char c = s.charAt(i);
      ascii = c < 128 && c != '"' && c != '\'' && c != '`';
    }
    if (!ascii) {
      s = unicode(s);
      s = Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
    boolean latex = s.indexOf('\\') >= 0;
    if (s.indexOf(',') >= 0 && (s.contains(",\\!") || s.contains("{,"))) {
      s = LATEX_GROUP_SEPARATOR.matcher(s).replaceAll("$1");
    }
    if (latex) {
      if (s.endsWith("\\")) {
        s = TRAILING_BACKSLASH.matcher(s).replaceAll("");
      }
      s = s.replace("\\\\", " ¶ ");
      String boxed = lastBoxed(s);
      if (boxed != null) {
        s = boxed;
      }
    }
    if (latex || s.indexOf('$') >= 0 || s.indexOf('~') >= 0 || s.indexOf('{') >= 0) {
      for (String[] r : REPLACEMENTS) {
        if (s.contains(r[0])) {
          s = s.replace(r[0], r[1]);
        }
      }
      s = unwrap(s);
    }
    boolean letters = hasLetters(s);
    if (letters && s.indexOf('.') > 0) {
      s = PY_MODULES.matcher(s).replaceAll("");
    }
    boolean multiline = s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    s = Whitespace.collapse(s);
    for (int i = 0; i < 3; i++) {
      String before = s;
      if (letters) {
        s = PREFIX.matcher(s).replaceFirst("");
      }
      s = trimEnd(s);
      if (s.equals(before)) {
        break;
      }
    }
    if (s.contains("\\frac")) {
      s = FRAC_DIGITS.matcher(s).replaceAll("\\\\frac{$1}{$2}");
      s = MIXED_LATEX.matcher(s).replaceAll("($1+$2/$3)");
    }
    boolean space = s.indexOf(' ') >= 0;
    if (space && !multiline && s.indexOf('/') >= 0) {
      Matcher mixed = MIXED_TEXT.matcher(s);
      if (mixed.matches()) {
        // "-4 4/9" is -(4+4/9); digits on separate lines are separate numbers, not a mixed number
        String suffix = mixed.group(5) == null ? "" : mixed.group(5).strip();
        s = mixed.group(1) + "(" + mixed.group(2).replace(" ", "") + "+" + mixed.group(3) + "/" + mixed.group(4) + ")"
            + (suffix.isEmpty() ? "" : suffix.equals("%") ? "%" : " " + suffix);
      }
    }
    if (s.indexOf(',') >= 0) {
      s = THOUSANDS.matcher(s).replaceAll(m -> m.group(1) + m.group(2).replace(",", ""));
    }
    if (space && SPACED_THOUSANDS.matcher(s).matches()) {
      s = s.replace(" ", "");
    }
    return s;
  }

  /** @return whether {@code s} has an ASCII letter or a character beyond Latin-1 (CJK) */
  static boolean hasLetters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 0xff) {
        return true;
      }
    }
    return false;
  }

  /** @return whether {@code s} has a CJK character */
  static boolean hasCjk(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u3400' && c <= '\u9fff' || c >= '\uf900' && c <= '\ufaff') {
        return true;
      }
    }
    return false;
  }

  private static String unicode(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    boolean primes = primes(s);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' && primes) {
        b.append(c);
        continue;
      }
      switch (c) {
        case '²': b.append("^2"); break;
        case '³': b.append("^3"); break;
        case '−': case '–': case '—': case '－': b.append('-'); break;
        case '×': case '·': case '⋅': case '∙': b.append('*'); break;
        case '÷': b.append('/'); break;
        case '≤': b.append("<="); break;
        case '≥': b.append(">="); break;
        case '≠': b.append("!="); break;
        case '∞': b.append("oo"); break;
        case '∪': b.append(" U "); break;
        case '°': case '℃': break;
        case '、': b.append(','); break;
        case '。': b.append('.'); break;
        case '“': case '”': case '‘': case '’': case '"': case '\'': case '`': break;
        default: b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * @return whether the apostrophes of {@code s} are primes ({@code f'}, {@code E''}): each follows
   *     a letter, digit or closing bracket and precedes no letter, and none opens a quotation
   */
  private static boolean primes(String s) {
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '\'') {
        continue;
      }
      char prev = i > 0 ? s.charAt(i - 1) : ' ';
      char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
      if (!(Character.isLetterOrDigit(prev) || prev == '}' || prev == ')' || prev == '\'') || Character.isLetter(next)) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** @return the content of the last {@code \boxed{...}} or {@code \fbox{...}}, or null */
  static String lastBoxed(String s) {
    int at = Math.max(s.lastIndexOf("\\boxed"), s.lastIndexOf("\\fbox"));
    if (at < 0) {
      return null;
    }
    int open = s.indexOf('{', at);
    if (open < 0) {
      // "\boxed 5"
      String rest = s.substring(at + (s.startsWith("\\boxed", at) ? 6 : 5)).strip();
      int end = 0;
      while (end < rest.length() && !Character.isWhitespace(rest.charAt(end)) && rest.charAt(end) != '$') {
        end++;
      }
      return rest.substring(0, end);
    }
    int close = matching(s, open);
    return close < 0 ? s.substring(open + 1) : s.substring(open + 1, close);
  }

  /** @return the index of the brace closing the one at {@code open}, or -1 */
  static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static String unwrap(String s) {
    for (int guard = 0; guard < 20; guard++) {
      Matcher m = WRAPPER.matcher(s);
      if (!m.find()) {
        return s;
      }
      int open = m.end() - 1;
      int close = matching(s, open);
      if (close < 0) {
        return s.substring(0, m.start()) + s.substring(open + 1);
      }
      s = s.substring(0, m.start()) + s.substring(open + 1, close) + s.substring(close + 1);
    }
    return s;
  }

  private static String trimEnd(String s) {
    s = s.strip();
    while (!s.isEmpty()) {
      char c = s.charAt(s.length() - 1);
      if ((c == '.' || c == ';' || c == ':' || c == ',') && !s.endsWith("...")) {
        s = s.substring(0, s.length() - 1).strip();
      } else {
        break;
      }
    }
    return s;
  }

  /**
   * Splits {@code s} at top level (outside brackets) on {@code sep}.
   *
   * @return the parts, stripped; one part when {@code sep} does not occur at top level
   */
  static List<String> splitTopLevel(String s, char sep) {
    return Brackets.split(s, sep);
  }

  /** @return whether the bracket at 0 closes at the last character */
  static boolean wrapped(String s) {
    return Brackets.wrapped(s);
  }
}
