package dev.siam4j.critic.equivalence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads cleaned answer text ({@link AnswerText#clean}) into an {@link Answer}. Stateless. */
final class AnswerParser {
  private static final Set<String> YES =
      Set.of("yes", "true", "correct", "right", "y", "是", "对", "正确", "成立", "能", "可以", "会", "有", "是的", "对的", "√", "✓");
  private static final Set<String> NO =
      Set.of("no", "false", "incorrect", "wrong", "n", "否", "错", "错误", "不对", "不是", "不成立", "不能", "不可以", "不会", "没有", "×", "✗");
  private static final Pattern WORD_SEPARATORS =
      Pattern.compile("\\s+(?:or|and)\\s+|或者|或|以及|和|及", Pattern.CASE_INSENSITIVE);
  private static final Pattern MEMBER = Pattern.compile("^[a-zA-Z]\\s*∈\\s*");
  private static final Pattern INTERVAL_CALL =
      Pattern.compile("^Interval(?:\\.(open|Lopen|Ropen))?\\((.*)\\)$");
  private static final Pattern MATRIX_ENV =
      Pattern.compile("\\\\begin\\{([pbBvV]?matrix|array)\\}(?:\\{[^}]*\\})?(.*?)\\\\end\\{\\1\\}", Pattern.DOTALL);
  private static final Pattern LEADING_CJK = Pattern.compile("^[\\u3400-\\u9fff\\uf900-\\ufaff]+\\s*");
  private static final Pattern NEGATING_CJK = Pattern.compile("[不没非未]");
  private static final Pattern TRAILING_CJK = Pattern.compile("\\s*[\\u3400-\\u9fff\\uf900-\\ufaff].*$");
  private static final Pattern CURRENCY =
      Pattern.compile("^(?:\\$|¥|€|£|rs\\.?|usd|rmb|cny)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNIT_SUFFIX =
      Pattern.compile(
          "^(.*?(?:[\\d)}!%]|\\\\pi|π))\\s*((?:[a-zA-Z]+\\.?)(?:\\s*\\^\\s*\\{?[23]\\}?)?(?:\\s*/\\s*[a-zA-Z]+(?:\\s*\\^\\s*\\{?[23]\\}?)?)?(?:\\s+[a-zA-Z]+\\.?)*)$");
  private static final Set<String> MATH_WORDS =
      Set.of("pi", "e", "oo", "sqrt", "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "lg", "exp", "i", "x", "y", "z", "n", "k", "a", "b", "c", "d", "t");
  private static final Set<String> JOINED_UNITS =
      Set.of("cm", "mm", "km", "kg", "mg", "ml", "mph", "kmh", "hrs", "hr", "min", "mins", "sec", "secs", "ft", "in", "yd", "mi", "lb", "lbs", "oz", "cm^2", "m^2", "cm^3", "m^3", "km/h", "m/s", "dollars", "cents", "degrees", "units", "meters", "feet", "inches", "hours", "minutes", "seconds", "days", "years", "pounds", "miles", "km^2");
  private static final Set<String> SINGLE_LETTER_UNITS = Set.of("m", "g", "s", "h", "l", "L", "kg", "cm");
  private static final Pattern PERCENT_WORD = Pattern.compile("\\s*(?:percentage|percent|per cent|pct)$", Pattern.CASE_INSENSITIVE);
  private static final String SIGNED_NUMBER = "[-+]?\\d+(?:\\.\\d+)?(?:/\\d+)?";
  private static final Pattern SPACED_NUMBERS =
      Pattern.compile(SIGNED_NUMBER + "(?:\\s+" + SIGNED_NUMBER + ")+");
  private static final Pattern DIGIT_GROUPS = Pattern.compile("\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?");
  private static final String ASSIGNED = "[a-zA-Z]\\w*\\s*=\\s*" + SIGNED_NUMBER;
  private static final Pattern SPACED_ASSIGNMENTS = Pattern.compile(ASSIGNED + "(?:\\s+" + ASSIGNED + ")+");
  private static final Pattern ASSIGNMENT = Pattern.compile(ASSIGNED);
  private static final Pattern NAMED_POINT = Pattern.compile("^[A-Z]\\s*\\(");
  private static final Set<String> ELLIPSIS = Set.of("...", "…", "\\dots", "\\ldots", "\\cdots");
  private static final Pattern LONE_VARIABLE = Pattern.compile("[a-zA-Z](?:_\\{?\\w+\\}?)?");
  private static final Pattern FUNCTION_OF = Pattern.compile("[a-zA-Z](?:_\\{?\\w+\\}?)?\\s*\\([a-zA-Z ,]*\\)");
  private static final Pattern WORD = Pattern.compile("(?<![\\\\A-Za-z])[A-Za-z]{4,}");

  private AnswerParser() {}

  /** Longer answers are compared as text only: bounded work for pathological program output. */
  static final int MAX_PARSED_CHARS = 5000;

  /** Parses cleaned text; anything unreadable becomes {@link Answer.Text}. */
  static Answer parse(String s) {
    s = s.strip();
    if (s.isEmpty() || s.length() > MAX_PARSED_CHARS) {
      return new Answer.Text(s);
    }
    try {
      return parseAny(s, 0);
    } catch (Unparsable | ArithmeticException | StackOverflowError e) {
      return new Answer.Text(s);
    }
  }

  private static Answer parseAny(String s, int depth) {
    if (depth > 12) {
      throw new Unparsable("nested too deeply");
    }
    s = s.strip();
    if (ELLIPSIS.contains(s)) {
      return new Answer.Text("...");
    }
    while ((s.endsWith(".") || s.endsWith(",") || s.endsWith(";")) && !s.endsWith("...")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    Answer bool = bool(s);
    if (bool != null) {
      return bool;
    }
    if (s.indexOf('∈') >= 0) {
      s = MEMBER.matcher(s).replaceFirst("");
    }
    if (s.equals("∅") || s.equals("set()") || s.equals("EmptySet") || s.equals("{}")) {
      return new Answer.Many(List.of(), false, '{', '}');
    }
    if (Brackets.wrapped(s) && s.indexOf("\\begin") > 0) {
      // an answer wrapped in extra brackets: "(\begin{pmatrix}...\end{pmatrix})"
      String inner = s.substring(1, s.length() - 1).strip();
      Matcher env = inner.startsWith("\\begin") ? MATRIX_ENV.matcher(inner) : null;
      if (env != null && env.find() && env.start() == 0 && env.end() == inner.length()) {
        return matrix(env.group(2), depth);
      }
    }
    if (s.startsWith("Eq(") && s.endsWith(")")) {
      List<String> sides = AnswerText.splitTopLevel(s.substring(3, s.length() - 1), ',');
      if (sides.size() == 2) {
        return parseAny(sides.get(0) + " = " + sides.get(1), depth + 1);
      }
    }
    if (s.startsWith("\\begin")) {
      Matcher env = MATRIX_ENV.matcher(s);
      if (env.find() && env.start() == 0 && env.end() == s.length()) {
        return matrix(env.group(2), depth);
      }
      Answer computed = matrixArithmetic(s, depth);
      if (computed != null) {
        return computed;
      }
    }
    if (s.startsWith("Matrix(") && s.endsWith(")")) {
      return toMatrix(parseAny(s.substring(7, s.length() - 1), depth + 1));
    }
    if (s.startsWith("array(") && s.endsWith(")")) {
      return parseAny(s.substring(6, s.length() - 1), depth + 1);
    }
    if (s.startsWith("Union(") && s.endsWith(")")) {
      List<Answer> parts = new ArrayList<>();
      for (String p : AnswerText.splitTopLevel(s.substring(6, s.length() - 1), ',')) {
        parts.add(parseAny(p, depth + 1));
      }
      return new Answer.Union(parts);
    }
    if (s.startsWith("FiniteSet(") && s.endsWith(")")) {
      return many(s.substring(10, s.length() - 1), false, '{', '}', depth);
    }
    Matcher interval = s.startsWith("Interval") ? INTERVAL_CALL.matcher(s) : null;
    if (interval != null && interval.matches()) {
      List<String> ends = AnswerText.splitTopLevel(interval.group(2), ',');
      if (ends.size() != 2) {
        throw new Unparsable("Interval needs two ends");
      }
      String kind = interval.group(1) == null ? "" : interval.group(1);
      boolean lowOpen = kind.equals("open") || kind.equals("Lopen");
      boolean highOpen = kind.equals("open") || kind.equals("Ropen");
      return interval(ExprParser.parse(ends.get(0)), ExprParser.parse(ends.get(1)), !lowOpen, !highOpen);
    }
    if (s.indexOf('¶') >= 0 && !s.contains("\\begin")) {
      // values on separate lines ("1 \\\\ \\sqrt{19}")
      List<String> lines = new ArrayList<>(List.of(s.split("¶")));
      lines.replaceAll(String::strip);
      lines.removeIf(String::isEmpty);
      if (lines.size() > 1) {
        return multiple(lines, depth);
      }
      s = lines.isEmpty() ? "" : lines.get(0);
    }
    List<String> unionParts = splitUnion(s);
    if (unionParts.size() > 1) {
      List<Answer> parts = new ArrayList<>();
      for (String p : unionParts) {
        parts.add(parseAny(p, depth + 1));
      }
      return new Answer.Union(parts);
    }
    List<String> words = splitWords(s);
    if (words.size() > 1) {
      return multiple(words, depth);
    }
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && NAMED_POINT.matcher(s).find() && AnswerText.wrapped(s.substring(s.indexOf('(')))
        && AnswerText.splitTopLevel(s.substring(s.indexOf('(') + 1, s.length() - 1), ',').size() > 1) {
      s = s.substring(s.indexOf('('));
    }
    if (AnswerText.wrapped(s)) {
      char open = s.charAt(0);
      char close = s.charAt(s.length() - 1);
      String inner = s.substring(1, s.length() - 1).strip();
      List<String> items = AnswerText.splitTopLevel(inner, ',');
      if (items.size() == 1 && inner.indexOf(';') >= 0) {
        items = AnswerText.splitTopLevel(inner, ';');
      }
      if (open == '{' && inner.contains(":") && !inner.contains("\\")) {
        return dict(items, depth);
      }
      if (items.size() == 2 && (open != close - 1 && open != close - 2 || containsInfinity(items))
          && open != '{') {
        Answer.Interval iv = tryInterval(items, open, close);
        if (iv != null) {
          return iv;
        }
      }
      if (open == '{') {
        return many(inner, false, open, close, depth);
      }
      if (items.size() > 1 || open == '[') {
        return many(inner, true, open, close, depth);
      }
      // "(x+1)" is a parenthesised expression, handled below
    }
    List<String> commas = AnswerText.splitTopLevel(s, ',');
    if (commas.size() == 1) {
      commas = AnswerText.splitTopLevel(s, ';');
    }
    if (commas.size() > 1) {
      return multiple(commas, depth);
    }
    List<String> spaced = spacedValues(s);
    if (spaced != null) {
      return multiple(spaced, depth);
    }
    if (s.indexOf('±') >= 0 || s.indexOf('∓') >= 0) {
      int at = s.indexOf('±') >= 0 ? s.indexOf('±') : s.indexOf('∓');
      String plus = s.substring(0, at) + "+" + s.substring(at + 1);
      String minus = s.substring(0, at) + "-" + s.substring(at + 1);
      return new Answer.Many(List.of(parseAny(plus, depth + 1), parseAny(minus, depth + 1)), false, '\0', '\0');
    }
    Answer inequality = inequality(s);
    if (inequality != null) {
      return inequality;
    }
    List<Character> relations = new ArrayList<>();
    List<String> sides = equalsChain(s, relations);
    if (sides.size() > 1) {
      return equation(sides, relations, depth);
    }
    return scalar(s);
  }

  /**
   * Splits {@code s} at top-level {@code =}, {@code ==} and {@code ≈}, recording which of {@code =}
   * or {@code ≈} separated each pair of sides.
   */
  private static List<String> equalsChain(String s, List<Character> relations) {
    if (s.indexOf('=') < 0 && s.indexOf('≈') < 0) {
      return List.of(s);
    }
    return Brackets.split(s, (t, i) -> {
      char c = t.charAt(i);
      if (c == '≈') {
        relations.add('≈');
        return 1;
      }
      if (c != '=') {
        return 0;
      }
      char prev = i > 0 ? t.charAt(i - 1) : ' ';
      if (prev == '<' || prev == '>' || prev == '!') {
        return 0;
      }
      relations.add('=');
      return i + 1 < t.length() && t.charAt(i + 1) == '=' ? 2 : 1;
    });
  }

  /**
   * An equation, or a chain of them ({@code x = 5+5+1 = 11}, {@code x = 1/3 ≈ 0.33}): a chain's
   * answer is its last exact value (the last one after {@code =}; the first side when every later
   * one is only approximate), bound to the first side when that is a lone variable.
   */
  private static Answer equation(List<String> sides, List<Character> relations, int depth) {
    String lhs = sides.get(0);
    if (lhs.isEmpty()) {
      return parseAny(String.join(" = ", sides.subList(1, sides.size())), depth + 1);
    }
    String rhs = sides.get(sides.size() - 1);
    boolean chain = sides.size() > 2 || relations.contains('≈');
    boolean lone = LONE_VARIABLE.matcher(lhs).matches();
    if (chain) {
      String value = null;
      for (int i = sides.size() - 1; i >= 1 && value == null; i--) {
        if (relations.get(i - 1) == '=') {
          value = sides.get(i);
        }
      }
      if (value == null) {
        value = lone ? rhs : lhs;
      }
      if (!lone) {
        return parseAny(value, depth + 1);
      }
      rhs = value;
    }
    Answer right = parseAny(rhs, depth + 1);
    Expr left = ExprParser.parse(scalarText(lhs).text);
    if (FUNCTION_OF.matcher(lhs).matches()) {
      return right; // "f(x) = 2x + 1": the function's expression
    }
    if (right instanceof Answer.Scalar sc) {
      if (!Expr.hasVariables(left) && !Expr.hasVariables(sc.expr())) {
        return right; // a computation: "1/2 + 1/3 = 5/6"
      }
      return new Answer.Equation(left, sc.percent() ? new Expr.Op('/', sc.expr(), new Expr.Num(BigRational.HUNDRED, 0)) : sc.expr());
    }
    if (left instanceof Expr.Sym || FUNCTION_OF.matcher(lhs).matches()) {
      return right;
    }
    throw new Unparsable("equation with a structured right side");
  }

  /**
   * Values a program printed with {@code print(a, b)}: numbers separated by spaces
   * ({@code "14.0 -14.0"}) or assignments ({@code "x = -6.0 y = 6.0"}). Without this the first
   * would read as the expression 14.0 - 14.0. Digit groups ({@code "1 000"}) and expressions with
   * spaced operators ({@code "2 - 3"}) are not split.
   *
   * @return the values' texts, or null when {@code s} is not such a list
   */
  private static List<String> spacedValues(String s) {
    if (s.indexOf(' ') < 0) {
      return null;
    }
    if (SPACED_NUMBERS.matcher(s).matches() && !DIGIT_GROUPS.matcher(s).matches()) {
      return List.of(s.split("\\s+"));
    }
    if (SPACED_ASSIGNMENTS.matcher(s).matches()) {
      List<String> parts = new ArrayList<>();
      Matcher m = ASSIGNMENT.matcher(s);
      while (m.find()) {
        parts.add(m.group().strip());
      }
      return parts;
    }
    return null;
  }

  private static Answer bool(String s) {
    if (s.length() > 12) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && c != '.' && c != '!' && c != '。' && c != '！') {
        b.append(Character.toLowerCase(c));
      }
    }
    String t = b.toString();
    if (YES.contains(t)) {
      return new Answer.Bool(true);
    }
    if (NO.contains(t)) {
      return new Answer.Bool(false);
    }
    return null;
  }

  private static List<String> splitUnion(String s) {
    return Brackets.split(s, (t, i) -> t.charAt(i) == 'U' && i > 0 && i + 1 < t.length()
        && t.charAt(i - 1) == ' ' && t.charAt(i + 1) == ' ' ? 1 : 0);
  }

  private static List<String> splitWords(String s) {
    List<String> parts = new ArrayList<>();
    if (s.indexOf(' ') < 0 && !AnswerText.hasCjk(s)) {
      parts.add(s);
      return parts;
    }
    Matcher m = WORD_SEPARATORS.matcher(s);
    int start = 0;
    while (m.find()) {
      if (Brackets.depthAt(s, m.start()) == 0) {
        parts.add(s.substring(start, m.start()).strip());
        start = m.end();
      }
    }
    parts.add(s.substring(start).strip());
    parts.removeIf(String::isEmpty);
    return parts;
  }

  /** Several answers written side by side: unordered, unless they assign distinct variables. */
  private static Answer multiple(List<String> texts, int depth) {
    List<Answer> items = new ArrayList<>();
    for (String t : texts) {
      items.add(parseAny(t, depth + 1));
    }
    Set<String> names = new HashSet<>();
    boolean assignments = true;
    for (Answer a : items) {
      if (!(a instanceof Answer.Equation e) || e.loneVariable() == null || !names.add(e.loneVariable())) {
        assignments = false;
        break;
      }
    }
    List<Answer> flat = new ArrayList<>();
    for (Answer a : items) {
      if (a instanceof Answer.Many m && !m.ordered() && m.open() == '\0') {
        flat.addAll(m.items());
      } else {
        flat.add(a);
      }
    }
    return new Answer.Many(assignments ? items : flat, assignments, '\0', '\0');
  }

  private static Answer many(String inner, boolean ordered, char open, char close, int depth) {
    List<Answer> items = new ArrayList<>();
    if (!inner.isBlank()) {
      for (String t : AnswerText.splitTopLevel(inner, ',')) {
        if (t.isEmpty()) {
          continue;
        }
        items.add(parseAny(t, depth + 1));
      }
    }
    return new Answer.Many(items, ordered, open, close);
  }

  private static Answer dict(List<String> items, int depth) {
    List<Answer> eqs = new ArrayList<>();
    for (String item : items) {
      int colon = item.indexOf(':');
      if (colon < 0) {
        throw new Unparsable("dict entry without ':'");
      }
      Answer value = parseAny(item.substring(colon + 1), depth + 1);
      if (!(value instanceof Answer.Scalar sc)) {
        throw new Unparsable("dict value is not a scalar");
      }
      eqs.add(new Answer.Equation(ExprParser.parse(item.substring(0, colon).strip()), sc.expr()));
    }
    return eqs.size() == 1 ? eqs.get(0) : new Answer.Many(eqs, false, '{', '}');
  }

  private static boolean containsInfinity(List<String> items) {
    for (String i : items) {
      if (i.contains("oo") || i.contains("inf")) {
        return true;
      }
    }
    return false;
  }

  private static Answer.Interval tryInterval(List<String> items, char open, char close) {
    if (!(open == '(' || open == '[') || !(close == ')' || close == ']')) {
      return null;
    }
    try {
      return interval(
          ExprParser.parse(scalarText(items.get(0)).text),
          ExprParser.parse(scalarText(items.get(1)).text),
          open == '[',
          close == ']');
    } catch (Unparsable e) {
      return null;
    }
  }

  private static Answer.Interval interval(Expr low, Expr high, boolean lowClosed, boolean highClosed) {
    return new Answer.Interval(low, high, lowClosed && !isInfinite(low), highClosed && !isInfinite(high));
  }

  static boolean isInfinite(Expr e) {
    if (e instanceof Expr.Neg n) {
      return isInfinite(n.operand());
    }
    return e instanceof Expr.Sym s && s.name().equals("oo");
  }

  private static Answer matrix(String body, int depth) {
    List<List<Answer>> rows = new ArrayList<>();
    for (String row : body.split("¶")) {
      if (row.isBlank()) {
        continue;
      }
      List<Answer> cells = new ArrayList<>();
      for (String cell : row.split("&")) {
        cells.add(parseAny(cell, depth + 1));
      }
      rows.add(cells);
    }
    return new Answer.Matrix(rows);
  }

  /**
   * A sum, difference or product of written matrices ({@code A + B}, {@code A B}, {@code A * B}),
   * computed cell by cell; products bind first.
   *
   * @return the resulting matrix, or null when {@code s} is not such an expression
   */
  private static Answer matrixArithmetic(String s, int depth) {
    Matcher env = MATRIX_ENV.matcher(s);
    List<List<List<Expr>>> terms = new ArrayList<>();
    List<Character> ops = new ArrayList<>();
    int at = 0;
    while (env.find()) {
      String between = s.substring(at, env.start()).strip();
      if (!terms.isEmpty()) {
        char op = between.isEmpty() || between.equals("*") ? '*' : between.equals("+") ? '+' : between.equals("-") ? '-' : 0;
        if (op == 0) {
          return null;
        }
        ops.add(op);
      } else if (!between.isEmpty()) {
        return null;
      }
      List<List<Expr>> cells = cells((Answer.Matrix) matrix(env.group(2), depth));
      if (cells == null) {
        return null;
      }
      terms.add(cells);
      at = env.end();
    }
    if (terms.size() < 2 || !s.substring(at).isBlank()) {
      return null;
    }
    List<List<Expr>> result = MatrixArithmetic.evaluate(terms, ops);
    List<List<Answer>> rows = new ArrayList<>();
    for (List<Expr> row : result) {
      List<Answer> cells = new ArrayList<>();
      for (Expr e : row) {
        cells.add(new Answer.Scalar(e, false, -1));
      }
      rows.add(cells);
    }
    return new Answer.Matrix(rows);
  }

  private static List<List<Expr>> cells(Answer.Matrix m) {
    List<List<Expr>> rows = new ArrayList<>();
    int width = -1;
    for (List<Answer> row : m.rows()) {
      List<Expr> r = new ArrayList<>();
      for (Answer a : row) {
        if (!(a instanceof Answer.Scalar sc) || sc.percent()) {
          return null;
        }
        r.add(sc.expr());
      }
      if (width >= 0 && r.size() != width) {
        return null;
      }
      width = r.size();
      rows.add(r);
    }
    return rows.isEmpty() ? null : rows;
  }

  private static Answer toMatrix(Answer a) {
    if (a instanceof Answer.Many m) {
      List<List<Answer>> rows = new ArrayList<>();
      for (Answer row : m.items()) {
        rows.add(row instanceof Answer.Many r ? r.items() : List.of(row));
      }
      return new Answer.Matrix(rows);
    }
    throw new Unparsable("Matrix of a non-list");
  }

  /**
   * A one-variable relation as the set it describes: {@code x >= 5}, {@code 5 <= x} and
   * {@code -x <= -5} are all {@code [5, oo)}; {@code -2 <= x < 7} is {@code [-2, 7)};
   * {@code x != 3} is {@code (-oo, 3) U (3, oo)}.
   */
  private static Answer inequality(String s) {
    if (s.indexOf('<') < 0 && s.indexOf('>') < 0 && !s.contains("!=")) {
      return null;
    }
    List<String> ops = new ArrayList<>();
    List<String> sides = Brackets.split(s, (t, i) -> {
      for (String op : RELATIONS) {
        if (t.startsWith(op, i)) {
          ops.add(op);
          return op.length();
        }
      }
      return 0;
    });
    if (sides.size() == 2) {
      String op = ops.get(0);
      String a = sides.get(0);
      String b = sides.get(1);
      if (!variableSide(a) && variableSide(b)) {
        String t = a;
        a = b;
        b = t;
        op = flip(op);
      }
      if (!variableSide(a)) {
        throw new Unparsable("relation without a lone variable");
      }
      Expr bound = ExprParser.parse(scalarText(b).text);
      if (a.startsWith("-")) {
        op = flip(op);
        bound = new Expr.Neg(bound);
      }
      Expr oo = new Expr.Sym("oo");
      Expr minusOo = new Expr.Neg(oo);
      if (op.equals("!=")) {
        return new Answer.Union(List.of(interval(minusOo, bound, false, false), interval(bound, oo, false, false)));
      }
      boolean closed = op.endsWith("=");
      return op.startsWith("<") ? interval(minusOo, bound, false, closed) : interval(bound, oo, closed, false);
    }
    if (sides.size() == 3 && (LONE_VARIABLE.matcher(sides.get(1)).matches() || FUNCTION_OF.matcher(sides.get(1)).matches())
        && !ops.contains("!=")) {
      // "-1 < x < 3", and "0 < f(x) < 1" for the range of a function
      Expr first = ExprParser.parse(sides.get(0));
      Expr last = ExprParser.parse(sides.get(2));
      String op1 = ops.get(0);
      String op2 = ops.get(1);
      if (op1.startsWith("<") && op2.startsWith("<")) {
        return interval(first, last, op1.endsWith("="), op2.endsWith("="));
      }
      if (op1.startsWith(">") && op2.startsWith(">")) {
        return interval(last, first, op2.endsWith("="), op1.endsWith("="));
      }
    }
    throw new Unparsable("relation");
  }

  private static final List<String> RELATIONS = List.of("<=", ">=", "!=", "<", ">");

  private static boolean variableSide(String side) {
    String t = side.startsWith("-") ? side.substring(1).strip() : side;
    return LONE_VARIABLE.matcher(t).matches();
  }

  private static String flip(String op) {
    switch (op) {
      case "<": return ">";
      case ">": return "<";
      case "<=": return ">=";
      case ">=": return "<=";
      default: return op;
    }
  }

  /** The text of a scalar without currency, units and percent sign. */
  private record ScalarText(String text, boolean percent) {}

  private static ScalarText scalarText(String s) {
    s = s.strip();
    if (!s.isEmpty() && "$¥€£rRuUcC".indexOf(s.charAt(0)) >= 0) {
      s = CURRENCY.matcher(s).replaceFirst("");
    }
    if (s.startsWith("百分之")) {
      s = ChineseNumerals.replaceWhole(s.substring(3)).strip() + "%";
    }
    if (!s.isEmpty() && s.charAt(0) > 0x3000) {
      s = ChineseNumerals.replaceWhole(s);
    }
    boolean letters = AnswerText.hasLetters(s);
    if (letters && AnswerText.hasCjk(s)) {
      Matcher lead = LEADING_CJK.matcher(s);
      if (lead.find() && NEGATING_CJK.matcher(lead.group()).find()) {
        throw new Unparsable("a negated value"); // "不是 18" is not 18
      }
      s = lead.replaceFirst("");
      s = TRAILING_CJK.matcher(s).replaceFirst("");
    }
    if (s.endsWith("t") || s.endsWith("T") || s.endsWith("e") || s.endsWith("E")) {
      s = PERCENT_WORD.matcher(s).replaceFirst("%");
    }
    Matcher u = letters && s.length() <= 200 ? UNIT_SUFFIX.matcher(s) : null;
    if (u != null && u.matches()) {
      String unit = u.group(2).strip();
      String first = unit.split("[\\s^/.]")[0];
      boolean spaced = u.end(1) < s.length() && Character.isWhitespace(s.charAt(u.end(1)));
      String compact = unit.replace(" ", "").replace("{", "").replace("}", "");
      if (!MATH_WORDS.contains(first)
          && (spaced && (first.length() >= 2 || SINGLE_LETTER_UNITS.contains(first))
              || JOINED_UNITS.contains(compact) || JOINED_UNITS.contains(first))) {
        s = u.group(1).strip();
      }
    }
    boolean percent = false;
    if (s.endsWith("%")) {
      percent = true;
      s = s.substring(0, s.length() - 1).strip();
    }
    if (s.isEmpty()) {
      throw new Unparsable("empty scalar");
    }
    return new ScalarText(s, percent);
  }

  private static Answer scalar(String s) {
    ScalarText t = scalarText(s);
    if (AnswerText.hasLetters(t.text)) {
      if (AnswerText.hasCjk(t.text)) {
        throw new Unparsable("words");
      }
      Matcher w = WORD.matcher(t.text);
      while (w.find()) {
        if (!ExprParser.isName(w.group())) {
          throw new Unparsable("words");
        }
      }
    }
    Expr e = ExprParser.parse(t.text);
    return new Answer.Scalar(e, t.percent, PlainNumbers.decimals(t.text));
  }
}
