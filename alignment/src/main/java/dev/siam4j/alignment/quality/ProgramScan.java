package dev.siam4j.alignment.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A light lexical scan of a Python program: its numeric literals and whether it computes anything.
 * Comments and string contents are skipped; the expressions inside f-string braces are scanned as
 * code. Not a parser: it only has to be right about the programs models write for word problems.
 */
final class ProgramScan {

  /** Calls that do not count as computing (printing a value computes nothing). */
  private static final Set<String> PASSIVE_CALLS = Set.of("print", "str", "repr", "format");

  /** Keywords that mean control flow or logic, hence computation. */
  private static final Set<String> COMPUTING_KEYWORDS =
      Set.of("for", "while", "if", "lambda", "def", "and", "or", "not", "in", "is", "yield");

  private static final Set<String> NON_OPERAND_KEYWORDS =
      Set.of("return", "import", "from", "as", "else", "elif", "assert", "del", "pass",
          "global", "nonlocal", "with", "raise", "try", "except", "finally", "class");

  private final List<BigDecimal> numbers = new ArrayList<>();
  private boolean computes;

  private ProgramScan() {}

  /** Scans {@code code}. */
  static ProgramScan of(String code) {
    ProgramScan scan = new ProgramScan();
    scan.scan(code, 0);
    return scan;
  }

  /** @return the numeric literals, in order, as unsigned values (a sign is an operator) */
  List<BigDecimal> numbers() {
    return numbers;
  }

  /** @return whether any operator, call other than printing, or control flow appears */
  boolean computes() {
    return computes;
  }

  private enum Last {
    NONE,
    OPERAND,
    OPERATOR,
    NAME
  }

  private void scan(String code, int depth) {
    int n = code.length();
    int i = 0;
    Last last = Last.NONE;
    String lastName = null;
    while (i < n) {
      char c = code.charAt(i);
      if (c == '#') {
        while (i < n && code.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '\n' || c == ';') {
        last = Last.NONE;
        i++;
        continue;
      }
      if (Character.isWhitespace(c) || c == '\\') {
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        i = string(code, i, false, depth);
        last = Last.OPERAND;
        continue;
      }
      if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(code.charAt(i + 1)))) {
        int start = i;
        i = numberEnd(code, i);
        addNumber(code.substring(start, i));
        last = Last.OPERAND;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_')) {
          i++;
        }
        String word = code.substring(start, i);
        if (i < n && (code.charAt(i) == '"' || code.charAt(i) == '\'') && isStringPrefix(word)) {
          boolean f = word.indexOf('f') >= 0 || word.indexOf('F') >= 0;
          i = string(code, i, f, depth);
          last = Last.OPERAND;
          continue;
        }
        if (COMPUTING_KEYWORDS.contains(word)) {
          computes = true;
          last = Last.OPERATOR;
        } else if (NON_OPERAND_KEYWORDS.contains(word)) {
          last = Last.NONE;
        } else {
          last = Last.NAME;
          lastName = word;
        }
        continue;
      }
      if (c == '(') {
        if (last == Last.NAME && !PASSIVE_CALLS.contains(lastName)) {
          computes = true;
        }
        last = Last.NONE;
        i++;
        continue;
      }
      if (c == '[') {
        if (last == Last.NAME || last == Last.OPERAND) {
          computes = true; // subscription
        }
        last = Last.NONE;
        i++;
        continue;
      }
      if (c == ')' || c == ']' || c == '}') {
        last = Last.OPERAND;
        i++;
        continue;
      }
      if (c == ',' || c == '{' || c == ':') {
        last = Last.NONE;
        i++;
        continue;
      }
      if (c == '.') {
        last = Last.OPERATOR; // attribute access: the next name is an attribute
        i++;
        continue;
      }
      if ("+-*/%@<>=!&|^~".indexOf(c) >= 0) {
        int start = i;
        while (i < n && "+-*/%@<>=!&|^~".indexOf(code.charAt(i)) >= 0) {
          i++;
        }
        String op = code.substring(start, i);
        boolean binaryPosition = last == Last.OPERAND || last == Last.NAME;
        if (op.equals("=")) {
          last = Last.NONE;
        } else if ((op.equals("-") || op.equals("+")) && !binaryPosition) {
          last = Last.OPERATOR; // a sign
        } else if (op.endsWith("-") || op.endsWith("+")) {
          // "=-5", "*-2": an operator followed by a sign
          String head = op.substring(0, op.length() - 1);
          if (!head.equals("=")) {
            computes = true;
          }
          last = Last.OPERATOR;
        } else {
          computes = true;
          last = Last.OPERATOR;
        }
        continue;
      }
      i++;
      last = Last.NONE;
    }
  }

  private static boolean isStringPrefix(String word) {
    if (word.length() > 2) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if ("rRbBuUfF".indexOf(word.charAt(k)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Skips a string literal starting at {@code i} (its opening quote); returns the index after. */
  private int string(String code, int i, boolean fString, int depth) {
    int n = code.length();
    char q = code.charAt(i);
    boolean triple = i + 2 < n && code.charAt(i + 1) == q && code.charAt(i + 2) == q;
    int j = i + (triple ? 3 : 1);
    StringBuilder expr = fString ? new StringBuilder() : null;
    int braces = 0;
    while (j < n) {
      char c = code.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (!triple && c == '\n') {
        return j;
      }
      if (c == q && (!triple || (j + 2 < n && code.charAt(j + 1) == q && code.charAt(j + 2) == q))) {
        if (expr != null && expr.length() > 0 && depth < 4) {
          scan(expr.toString(), depth + 1);
        }
        return j + (triple ? 3 : 1);
      }
      if (expr != null) {
        if (c == '{') {
          if (braces == 0 && j + 1 < n && code.charAt(j + 1) == '{') {
            j += 2;
            continue;
          }
          braces++;
          if (braces == 1) {
            expr.append('\n');
            j++;
            continue;
          }
        } else if (c == '}' && braces > 0) {
          braces--;
          if (braces == 0) {
            j++;
            continue;
          }
        } else if (c == ':' && braces == 1) {
          // a format spec ("{x:.2f}") is not code: skip to the closing brace
          while (j < n && code.charAt(j) != '}' && code.charAt(j) != q) {
            j++;
          }
          continue;
        }
        if (braces > 0) {
          expr.append(c);
        }
      }
      j++;
    }
    return n;
  }

  private static int numberEnd(String code, int i) {
    int n = code.length();
    if (code.charAt(i) == '0' && i + 1 < n && "xXoObB".indexOf(code.charAt(i + 1)) >= 0) {
      int j = i + 2;
      while (j < n && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '_')) {
        j++;
      }
      return j;
    }
    int j = i;
    while (j < n && (Character.isDigit(code.charAt(j)) || code.charAt(j) == '_')) {
      j++;
    }
    if (j < n && code.charAt(j) == '.') {
      j++;
      while (j < n && (Character.isDigit(code.charAt(j)) || code.charAt(j) == '_')) {
        j++;
      }
    }
    if (j < n && (code.charAt(j) == 'e' || code.charAt(j) == 'E')) {
      int k = j + 1;
      if (k < n && (code.charAt(k) == '+' || code.charAt(k) == '-')) {
        k++;
      }
      if (k < n && Character.isDigit(code.charAt(k))) {
        j = k;
        while (j < n && Character.isDigit(code.charAt(j))) {
          j++;
        }
      }
    }
    if (j < n && (code.charAt(j) == 'j' || code.charAt(j) == 'J')) {
      j++;
    }
    return j;
  }

  private void addNumber(String lexeme) {
    String s = lexeme.replace("_", "");
    try {
      if (s.length() > 2 && s.charAt(0) == '0' && "xXoObB".indexOf(s.charAt(1)) >= 0) {
        int radix = switch (Character.toLowerCase(s.charAt(1))) {
          case 'x' -> 16;
          case 'o' -> 8;
          default -> 2;
        };
        numbers.add(new BigDecimal(new java.math.BigInteger(s.substring(2), radix)));
        return;
      }
      if (s.endsWith("j") || s.endsWith("J")) {
        s = s.substring(0, s.length() - 1);
      }
      numbers.add(new BigDecimal(s));
    } catch (NumberFormatException e) {
      // not a number after all (a malformed literal): the program would not run; ignore it here
    }
  }
}
