package dev.siam4j.critic.equivalence;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks sympy, through a {@link CodeExecutor}, whether two expressions or equations are equivalent.
 * The program guards against huge powers and factorials, stops itself after the timeout, and prints
 * one result line; anything else is UNKNOWN. Answers reach Python base64-encoded, and only after a
 * whitelist check of their characters and names.
 */
final class SymbolicCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SymbolicCheck.class);
  private static final String MARK = "SIAM4J_RESULT ";
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_+\\-*/().,= !]+");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
  private static final Set<String> NAMES =
      Set.of(
          "sqrt", "root", "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "sinh",
          "cosh", "tanh", "log", "exp", "Abs", "factorial", "binomial", "Rational", "pi", "E", "I",
          "oo", "Integer", "Float", "Symbol", "gamma", "floor", "ceiling", "Sum", "Product");
  private static final Pattern SUBSCRIPTED = Pattern.compile("[A-Za-z]_[0-9]{1,3}");

  private final CodeExecutor executor;
  private final Duration timeout;

  SymbolicCheck(CodeExecutor executor, Duration timeout) {
    this.executor = executor;
    this.timeout = timeout;
  }

  Comparison compare(Answer a, String cleanA, Answer b, String cleanB) {
    String x = toPython(a, cleanA);
    String y = toPython(b, cleanB);
    if (x == null || y == null) {
      return new Comparison(Equivalence.UNKNOWN, "none", "not a single expression or equation");
    }
    if (!safe(x) || !safe(y)) {
      return new Comparison(Equivalence.UNKNOWN, "none", "text not checked symbolically");
    }
    Execution run;
    try {
      run = executor.execute(program(x, y));
    } catch (RuntimeException e) {
      LOG.warn("symbolic check failed to run: {}", e.toString());
      return new Comparison(Equivalence.UNKNOWN, "none", "symbolic check failed: " + e.getMessage());
    }
    for (String line : run.stdout().split("\n")) {
      if (line.startsWith(MARK)) {
        String[] parts = line.substring(MARK.length()).strip().split(" ", 2);
        String why = parts.length > 1 ? parts[1] : "";
        switch (parts[0]) {
          case "EQUAL":
            return new Comparison(Equivalence.EQUAL, "sympy", why.isEmpty() ? "sympy: equivalent" : "sympy: " + why);
          case "NOT_EQUAL":
            return new Comparison(Equivalence.NOT_EQUAL, "sympy", why.isEmpty() ? "sympy: different" : "sympy: " + why);
          default:
            return new Comparison(Equivalence.UNKNOWN, "none", "sympy undecided: " + why);
        }
      }
    }
    return new Comparison(Equivalence.UNKNOWN, "none", "symbolic check ended " + run.outcome());
  }

  /** @return a sympy-parsable form of the answer, or null when it is not one expression/equation */
  static String toPython(Answer a, String clean) {
    if (a instanceof Answer.Scalar s) {
      String e = SympyPrinter.print(s.expr());
      return s.percent() ? "(" + e + ")/100" : e;
    }
    if (a instanceof Answer.Equation q) {
      return SympyPrinter.print(q.lhs()) + " = " + SympyPrinter.print(q.rhs());
    }
    if (a instanceof Answer.Text) {
      return latexToPython(clean);
    }
    return null;
  }

  private static final Pattern FRAC = Pattern.compile("\\\\frac\\s*\\{([^{}]*)\\}\\s*\\{([^{}]*)\\}");
  private static final Pattern SQRT_N = Pattern.compile("\\\\sqrt\\s*\\[([^\\]]*)\\]\\s*\\{([^{}]*)\\}");
  private static final Pattern SQRT = Pattern.compile("\\\\sqrt\\s*\\{([^{}]*)\\}");
  private static final Pattern BINOM = Pattern.compile("\\\\binom\\s*\\{([^{}]*)\\}\\s*\\{([^{}]*)\\}");
  private static final Pattern LOG_BASE = Pattern.compile("\\\\log_\\{?([^{}\\s(]+)\\}?\\s*\\(([^()]*)\\)");

  /** Best-effort LaTeX to Python for text the Java parser could not read; null when it cannot. */
  static String latexToPython(String s) {
    if (s.indexOf('=') != s.lastIndexOf('=') || s.contains("<") || s.contains(">")) {
      return null;
    }
    for (int guard = 0; guard < 20; guard++) {
      String before = s;
      s = replaceAll(FRAC, s, m -> "((" + m.group(1) + ")/(" + m.group(2) + "))");
      s = replaceAll(SQRT_N, s, m -> "root(" + m.group(2) + ", " + m.group(1) + ")");
      s = replaceAll(SQRT, s, m -> "sqrt(" + m.group(1) + ")");
      s = replaceAll(BINOM, s, m -> "binomial(" + m.group(1) + ", " + m.group(2) + ")");
      s = replaceAll(LOG_BASE, s, m -> "log(" + m.group(2) + ", " + m.group(1) + ")");
      if (s.equals(before)) {
        break;
      }
    }
    s = s.replace("\\ln", "log").replace("\\log", "log").replace("\\pi", "pi").replace("π", "pi")
        .replace("\\exp", "exp").replace("\\sin", "sin").replace("\\cos", "cos").replace("\\tan", "tan")
        .replace("\\arcsin", "asin").replace("\\arccos", "acos").replace("\\arctan", "atan")
        .replace('{', '(').replace('}', ')').replace('[', '(').replace(']', ')').replace("^", "**")
        .replace("√", "sqrt");
    return s.indexOf('\\') >= 0 ? null : s;
  }

  private static String replaceAll(Pattern p, String s, java.util.function.Function<java.util.regex.MatchResult, String> f) {
    return p.matcher(s).replaceAll(m -> Matcher.quoteReplacement(f.apply(m)));
  }

  static boolean safe(String s) {
    if (s.length() > 2000 || !ALLOWED.matcher(s).matches() || s.contains("__")) {
      return false;
    }
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      String id = m.group();
      if (!(NAMES.contains(id) || id.length() <= 2 && id.chars().allMatch(Character::isLetter)
          || SUBSCRIPTED.matcher(id).matches())) {
        return false;
      }
    }
    return true;
  }

  private String program(String x, String y) {
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    return PROGRAM
        .replace("@SECONDS@", Long.toString(seconds))
        .replace("@A@", b64(x))
        .replace("@B@", b64(y));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "symbolic=" + executor + " timeout=" + timeout;
  }

  static final String PROGRAM =
      String.join(
          "\n",
          List.of(
              "import base64, signal, sys",
              "def done(r, why=''):",
              "    print('" + MARK + "' + r + ' ' + why)",
              "    sys.stdout.flush()",
              "    sys.exit(0)",
              "signal.signal(signal.SIGALRM, lambda *a: done('UNKNOWN', 'timeout'))",
              "signal.alarm(@SECONDS@)",
              "try:",
              "    from sympy import N, simplify, Rational, preorder_traversal, factorial, nsimplify",
              "    from sympy.parsing.sympy_parser import parse_expr, standard_transformations, implicit_multiplication_application, convert_xor",
              "except Exception:",
              "    done('UNKNOWN', 'sympy is not installed')",
              "T = standard_transformations + (implicit_multiplication_application, convert_xor)",
              "def guard(e):",
              "    for n in preorder_traversal(e):",
              "        if n.is_Pow and n.args[1].is_number:",
              "            try:",
              "                big = abs(float(N(n.args[1], 15))) > 10000",
              "            except Exception:",
              "                big = True",
              "            if big and n.args[0].is_number and n.args[0] not in (0, 1, -1):",
              "                done('UNKNOWN', 'power too large')",
              "        if isinstance(n, factorial) and n.args[0].is_number:",
              "            try:",
              "                big = float(N(n.args[0], 15)) > 5000",
              "            except Exception:",
              "                big = True",
              "            if big:",
              "                done('UNKNOWN', 'factorial too large')",
              "def P(s):",
              "    guard(parse_expr(s, transformations=T, evaluate=False))",
              "    return parse_expr(s, transformations=T)",
              "def parse(s):",
              "    if '=' in s:",
              "        l, r = s.split('=', 1)",
              "        return 'eq', P(l) - P(r)",
              "    return 'ex', P(s)",
              "try:",
              "    ka, a = parse(base64.b64decode('@A@').decode())",
              "    kb, b = parse(base64.b64decode('@B@').decode())",
              "except SystemExit:",
              "    raise",
              "except Exception as e:",
              "    done('UNKNOWN', 'cannot parse: ' + type(e).__name__)",
              "def close(d, scale):",
              "    return abs(complex(N(d, 30))) <= 1e-9 * max(1.0, abs(complex(N(scale, 30))))",
              "try:",
              "    if ka != kb:",
              "        done('UNKNOWN', 'equation against expression')",
              "    if ka == 'eq':",
              "        q = simplify(a / b)",
              "        done('EQUAL' if q.is_number and q != 0 and q.is_finite else 'NOT_EQUAL', 'equations')",
              "    d = simplify(a - b)",
              "    if d == 0:",
              "        done('EQUAL', 'difference simplifies to 0')",
              "    if not d.free_symbols:",
              "        done('EQUAL' if close(d, abs(a) + abs(b)) else 'NOT_EQUAL', 'numeric difference')",
              "    import random",
              "    random.seed(7)",
              "    syms = sorted(d.free_symbols, key=str)",
              "    ok = 0",
              "    for i in range(8):",
              "        sub = {s: Rational(random.randint(1, 97), random.randint(1, 13)) for s in syms}",
              "        try:",
              "            same = close(d.subs(sub), (abs(a) + abs(b)).subs(sub))",
              "        except Exception:",
              "            continue",
              "        if not same:",
              "            done('NOT_EQUAL', 'differs at a point')",
              "        ok += 1",
              "    done('EQUAL' if ok >= 3 else 'UNKNOWN', 'agree at ' + str(ok) + ' points')",
              "except SystemExit:",
              "    raise",
              "except Exception as e:",
              "    done('UNKNOWN', 'sympy failed: ' + type(e).__name__)",
              ""));
}
