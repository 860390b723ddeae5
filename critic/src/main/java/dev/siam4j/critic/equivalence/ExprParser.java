package dev.siam4j.critic.equivalence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the arithmetic people and programs write: LaTeX ({@code \frac},
 * {@code \sqrt[3]{}}, {@code ^{}}, {@code \pi}, {@code \sin}), Python and sympy ({@code **},
 * {@code sqrt(2)/2}, {@code Rational(3, 4)}, {@code pi}, {@code E}) and plain text (implicit
 * multiplication {@code 2x}, {@code √2}, {@code 5!}). Not thread-safe; one instance per string.
 */
final class ExprParser {
  private static final Set<String> FUNCTIONS =
      Set.of(
          "sqrt", "cbrt", "root", "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan",
          "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "lg", "exp", "abs",
          "Abs", "factorial", "binomial", "Rational", "Fraction", "Integer", "Float", "float", "int",
          "N", "S", "nsimplify", "sympify", "Decimal", "mpf", "float64", "int64", "Mul", "Add", "Pow");
  /** Multi-letter names tried longest first when scanning letters. */
  private static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>(FUNCTIONS);
    names.add("pi");
    names.add("oo");
    names.add("inf");
    names.add("infty");
    names.sort((a, b) -> b.length() - a.length());
    NAMES = List.copyOf(names);
  }

  /** @return whether {@code word} is a function or constant name the parser knows */
  static boolean isName(String word) {
    return FUNCTIONS.contains(word) || word.equals("infty") || word.equals("frac") || word.equals("sqrt");
  }

  private final String s;
  private int pos;

  private ExprParser(String s) {
    this.s = s;
  }

  /** Parses a whole expression or throws {@link Unparsable}. */
  static Expr parse(String text) {
    ExprParser p = new ExprParser(text);
    Expr e = p.expr();
    p.ws();
    if (p.pos != p.s.length()) {
      throw new Unparsable("unexpected '" + p.s.substring(p.pos) + "' in '" + text + "'");
    }
    return e;
  }

  private void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    ws();
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private boolean at(String t) {
    ws();
    return s.startsWith(t, pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new Unparsable("expected '" + c + "' at " + pos + " in '" + s + "'");
    }
    pos++;
  }

  private Expr expr() {
    Expr left = term();
    while (true) {
      char c = peek();
      if (c == '+') {
        pos++;
        left = new Expr.Op('+', left, term());
      } else if (c == '-') {
        pos++;
        left = new Expr.Op('-', left, term());
      } else {
        return left;
      }
    }
  }

  private Expr term() {
    Expr left = unary();
    while (true) {
      char c = peek();
      if (c == '*' && !at("**")) {
        pos++;
        left = new Expr.Op('*', left, unary());
      } else if (c == '/') {
        pos++;
        left = new Expr.Op('/', left, unary());
      } else if (startsAtom()) {
        left = new Expr.Op('*', left, power());
      } else {
        return left;
      }
    }
  }

  private boolean startsAtom() {
    char c = peek();
    if (c == '\0') {
      return false;
    }
    if (c == '\\') {
      return true;
    }
    return Character.isLetterOrDigit(c) || c == '(' || c == '{' || c == '.' || c == '√' || c == 'π';
  }

  private Expr unary() {
    char c = peek();
    if (c == '-') {
      pos++;
      return new Expr.Neg(unary());
    }
    if (c == '+') {
      pos++;
      return unary();
    }
    return power();
  }

  private Expr power() {
    Expr base = postfix();
    if (at("**")) {
      pos += 2;
      return new Expr.Op('^', base, unary());
    }
    if (peek() == '^') {
      pos++;
      Expr exponent;
      if (peek() == '{') {
        pos++;
        exponent = expr();
        expect('}');
        exponent = postfixOn(exponent);
      } else if (Character.isDigit(peek())) {
        exponent = new Expr.Num(BigRational.of(s.charAt(pos) - '0'), 0);
        pos++;
      } else {
        exponent = unary();
      }
      return new Expr.Op('^', base, exponent);
    }
    return base;
  }

  private Expr postfix() {
    return postfixOn(atom());
  }

  private Expr postfixOn(Expr e) {
    while (peek() == '!' && !at("!=")) {
      pos++;
      e = new Expr.Fn("factorial", List.of(e));
    }
    return e;
  }

  private Expr atom() {
    char c = peek();
    if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
      return number();
    }
    if (c == '(') {
      pos++;
      Expr e = expr();
      expect(')');
      return e;
    }
    if (c == '{') {
      pos++;
      Expr e = expr();
      expect('}');
      return e;
    }
    if (c == '[') {
      pos++;
      Expr e = expr();
      expect(']');
      return e;
    }
    if (c == '|') {
      pos++;
      Expr e = expr();
      expect('|');
      return new Expr.Fn("abs", List.of(e));
    }
    if (c == '√') {
      pos++;
      return new Expr.Fn("sqrt", List.of(groupArg()));
    }
    if (c == 'π') {
      pos++;
      return new Expr.Sym("pi");
    }
    if (c == '\\') {
      return command();
    }
    if (Character.isLetter(c) && c < 128) {
      return identifier();
    }
    throw new Unparsable("unexpected '" + (c == '\0' ? "end" : String.valueOf(c)) + "' in '" + s + "'");
  }

  private Expr number() {
    int start = pos;
    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
      pos++;
    }
    int decimals = 0;
    if (pos < s.length() && s.charAt(pos) == '.' && (pos + 1 >= s.length() || Character.isDigit(s.charAt(pos + 1)) || !Character.isLetter(s.charAt(pos + 1)))) {
      pos++;
      int f = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      decimals = pos - f;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        decimals = -1;
      } else {
        pos = save;
      }
    }
    String text = s.substring(start, pos);
    if (decimals == 0 && pos < s.length() && s.charAt(pos) == '_') {
      return baseNumber(text);
    }
    if (pos < s.length() && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J')
        && (pos + 1 >= s.length() || !Character.isLetter(s.charAt(pos + 1)))) {
      pos++; // Python's imaginary literal: 4j
      return new Expr.Op('*', decimalNumber(text, decimals), new Expr.Sym("i"));
    }
    return decimalNumber(text, decimals);
  }

  /** A number written in another base: {@code 204_5}, {@code 1112_{3}}. */
  private Expr baseNumber(String digits) {
    pos++;
    int end;
    String base;
    if (pos < s.length() && s.charAt(pos) == '{') {
      end = s.indexOf('}', pos);
      if (end < 0) {
        throw new Unparsable("unclosed base");
      }
      base = s.substring(pos + 1, end).strip();
      end++;
    } else {
      end = pos;
      while (end < s.length() && Character.isDigit(s.charAt(end))) {
        end++;
      }
      base = s.substring(pos, end);
    }
    if (base.isEmpty() || base.length() > 2 || !base.chars().allMatch(Character::isDigit)) {
      throw new Unparsable("bad base '" + base + "'");
    }
    int radix = Integer.parseInt(base);
    if (radix < 2 || radix > 36 || digits.length() > 200) {
      throw new Unparsable("bad base " + radix);
    }
    pos = end;
    try {
      return new Expr.Num(BigRational.of(new java.math.BigInteger(digits, radix)), 0);
    } catch (NumberFormatException e) {
      throw new Unparsable("'" + digits + "' is not a base-" + radix + " number");
    }
  }

  private static Expr decimalNumber(String text, int decimals) {
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.length() > 2000) {
      throw new Unparsable("number too long");
    }
    try {
      return new Expr.Num(BigRational.parseDecimal(text), decimals);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Unparsable("bad number '" + text + "'");
    }
  }

  /** A LaTeX argument: a braced group, or one character/command. */
  private Expr groupArg() {
    char c = peek();
    if (c == '{') {
      pos++;
      Expr e = expr();
      expect('}');
      return e;
    }
    if (Character.isDigit(c)) {
      pos++;
      return new Expr.Num(BigRational.of(c - '0'), 0);
    }
    if (Character.isLetter(c) && c < 128) {
      pos++;
      return new Expr.Sym(String.valueOf(c));
    }
    return atom();
  }

  private Expr command() {
    pos++;
    int start = pos;
    while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
      pos++;
    }
    String name = s.substring(start, pos);
    switch (name) {
      case "frac":
        {
          Expr a = groupArg();
          Expr b = groupArg();
          return new Expr.Op('/', a, b);
        }
      case "sqrt":
        {
          if (peek() == '[') {
            pos++;
            Expr n = expr();
            expect(']');
            return new Expr.Fn("root", List.of(groupArg(), n));
          }
          return new Expr.Fn("sqrt", List.of(groupArg()));
        }
      case "binom":
        {
          Expr a = groupArg();
          Expr b = groupArg();
          return new Expr.Fn("binomial", List.of(a, b));
        }
      case "pi":
        return new Expr.Sym("pi");
      case "infty":
        return new Expr.Sym("oo");
      case "exp":
      case "sin":
      case "cos":
      case "tan":
      case "cot":
      case "sec":
      case "csc":
      case "arcsin":
      case "arccos":
      case "arctan":
      case "sinh":
      case "cosh":
      case "tanh":
      case "ln":
      case "lg":
      case "log":
        return latexFunction(name);
      default:
        throw new Unparsable("unknown command \\" + name);
    }
  }

  private Expr latexFunction(String name) {
    Expr base = null;
    if (name.equals("log") && peek() == '_') {
      pos++;
      base = groupArg();
    }
    Expr power = null;
    if (peek() == '^') {
      pos++;
      power = groupArg();
    }
    Expr arg;
    if (peek() == '(' || peek() == '{') {
      arg = atom();
    } else {
      arg = power();
    }
    Expr f = call(canonicalName(name), base == null ? List.of(arg) : List.of(arg, base));
    return power == null ? f : new Expr.Op('^', f, power);
  }

  private Expr identifier() {
    for (String name : NAMES) {
      if (s.startsWith(name, pos)) {
        int end = pos + name.length();
        boolean wordEnd = end >= s.length() || !Character.isLetter(s.charAt(end));
        if (FUNCTIONS.contains(name)) {
          int save = pos;
          pos = end;
          if (peek() == '(') {
            pos++;
            List<Expr> args = new ArrayList<>();
            if (peek() != ')') {
              args.add(expr());
              while (peek() == ',') {
                pos++;
                args.add(expr());
              }
            }
            expect(')');
            return call(canonicalName(name), args);
          }
          if (wordEnd && !name.equals("N") && !name.equals("S")) {
            // "sin x", "ln 2"
            return call(canonicalName(name), List.of(power()));
          }
          pos = save;
        } else if (wordEnd || name.equals("pi")) {
          pos = end;
          return new Expr.Sym(name.equals("pi") ? "pi" : "oo");
        }
      }
    }
    char c = s.charAt(pos++);
    String name = String.valueOf(c);
    if (pos < s.length() && s.charAt(pos) == '\'') {
      while (pos < s.length() && s.charAt(pos) == '\'') {
        name += "'";
        pos++;
      }
      return new Expr.Sym(name); // a prime: f', E''
    }
    if (c == 'E' && (pos >= s.length() || !Character.isLetter(s.charAt(pos)))) {
      return new Expr.Sym("e");
    }
    if (c == 'I' && (pos >= s.length() || !Character.isLetter(s.charAt(pos)))) {
      return new Expr.Sym("i"); // sympy's imaginary unit
    }
    if (pos < s.length() && s.charAt(pos) == '_') {
      pos++;
      if (peek() == '{') {
        int close = s.indexOf('}', pos);
        if (close < 0) {
          throw new Unparsable("unclosed subscript");
        }
        name = name + "_" + s.substring(pos + 1, close).strip();
        pos = close + 1;
      } else if (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        if (pos == start) {
          pos++;
        }
        name = name + "_" + s.substring(start, pos);
      } else {
        throw new Unparsable("bad subscript");
      }
    }
    return new Expr.Sym(name);
  }

  private static String canonicalName(String name) {
    switch (name) {
      case "arcsin": return "asin";
      case "arccos": return "acos";
      case "arctan": return "atan";
      case "Abs": return "abs";
      case "cbrt": return "cbrt";
      default: return name;
    }
  }

  private static Expr call(String name, List<Expr> args) {
    if (args.isEmpty()) {
      throw new Unparsable(name + "() without arguments");
    }
    switch (name) {
      case "Rational":
      case "Fraction":
        return args.size() == 1 ? args.get(0) : new Expr.Op('/', args.get(0), args.get(1));
      case "Integer":
      case "Float":
      case "float":
      case "int":
      case "N":
      case "S":
      case "nsimplify":
      case "sympify":
      case "Decimal":
      case "mpf":
      case "float64":
      case "int64":
        return args.get(0);
      case "Mul":
        return fold('*', args);
      case "Add":
        return fold('+', args);
      case "Pow":
        return new Expr.Op('^', args.get(0), args.get(1));
      case "cbrt":
        return new Expr.Fn("root", List.of(args.get(0), new Expr.Num(BigRational.of(3), 0)));
      case "exp":
        return new Expr.Op('^', new Expr.Sym("e"), args.get(0));
      case "sqrt":
      case "factorial":
      case "abs":
      case "ln":
      case "lg":
      case "sin":
      case "cos":
      case "tan":
      case "cot":
      case "sec":
      case "csc":
      case "asin":
      case "acos":
      case "atan":
      case "sinh":
      case "cosh":
      case "tanh":
        if (args.size() != 1) {
          throw new Unparsable(name + " takes one argument");
        }
        return new Expr.Fn(name, args);
      case "root":
      case "binomial":
        if (args.size() != 2) {
          throw new Unparsable(name + " takes two arguments");
        }
        return new Expr.Fn(name, args);
      case "log":
        if (args.size() > 2) {
          throw new Unparsable("log takes one or two arguments");
        }
        return new Expr.Fn("log", args);
      default:
        throw new Unparsable("unknown function " + name);
    }
  }

  private static Expr fold(char op, List<Expr> args) {
    Expr e = args.get(0);
    for (int i = 1; i < args.size(); i++) {
      e = new Expr.Op(op, e, args.get(i));
    }
    return e;
  }
}
