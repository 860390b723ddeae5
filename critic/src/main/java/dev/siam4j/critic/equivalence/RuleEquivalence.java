package dev.siam4j.critic.equivalence;

import dev.siam4j.core.CodeExecutor;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standard {@link AnswerEquivalence}: rules first, then an optional sympy check. */
final class RuleEquivalence implements AnswerEquivalence {
  private final Rules rules;
  private final SymbolicCheck symbolic;
  private final double relativeTolerance;

  private final double absoluteTolerance;
  private final boolean percentScaling;

  RuleEquivalence(double relativeTolerance, double absoluteTolerance, boolean percentScaling, CodeExecutor executor, Duration timeout) {
    this.relativeTolerance = relativeTolerance;
    this.absoluteTolerance = absoluteTolerance;
    this.percentScaling = percentScaling;
    this.rules = new Rules(relativeTolerance, absoluteTolerance, percentScaling);
    this.symbolic = executor == null ? null : new SymbolicCheck(executor, timeout);
  }

  @Override
  public Comparison compare(String reference, String prediction) {
    java.util.Objects.requireNonNull(reference, "reference");
    java.util.Objects.requireNonNull(prediction, "prediction");
    try {
      return compareUnchecked(reference, prediction);
    } catch (RuntimeException | StackOverflowError e) {
      // the rules must never fail a run: an answer they choke on is one they cannot decide
      return new Comparison(Equivalence.UNKNOWN, "none", "rules failed: " + e);
    }
  }

  private Comparison compareUnchecked(String reference, String prediction) {
    String r = reference.strip();
    String p = prediction.strip();
    if (r.isEmpty()) {
      return new Comparison(Equivalence.UNKNOWN, "none", "empty reference");
    }
    if (p.isEmpty()) {
      return new Comparison(Equivalence.NOT_EQUAL, "rules", "empty prediction");
    }
    if (r.equals(p)) {
      return new Comparison(Equivalence.EQUAL, "rules", "identical text");
    }
    if (p.length() > 8 && ERROR_TEXT.matcher(p).find()) {
      return new Comparison(Equivalence.NOT_EQUAL, "rules", "the prediction is an error message");
    }
    Equivalence fast = PlainNumbers.compare(r, p, relativeTolerance);
    if (fast == Equivalence.NOT_EQUAL && (absoluteTolerance > 0 || percentScaling)) {
      fast = null; // the options may still make them equal
    }
    if (fast != null) {
      return new Comparison(fast, "rules", "plain numbers");
    }
    String cr = AnswerText.clean(r);
    String cp = AnswerText.clean(p);
    if (cp.isEmpty()) {
      return new Comparison(Equivalence.NOT_EQUAL, "rules", "empty prediction after normalisation");
    }
    if (cr.equals(cp)) {
      return new Comparison(Equivalence.EQUAL, "rules", "identical after normalisation");
    }
    // "(p,q)=(3,2)" against the values alone; never against an answer that names its own variables
    if (cr.indexOf('=') > 0 && cp.indexOf('=') < 0 && !AnswerText.hasLetters(cp)) {
      cr = namedValues(cr);
    } else if (cp.indexOf('=') > 0 && cr.indexOf('=') < 0 && !AnswerText.hasLetters(cr)) {
      cp = namedValues(cp);
    } else if (cr.indexOf('=') > 0 && cp.indexOf('=') > 0) {
      // "p=5, q=2; p=7, q=2" against "p = 5, q = 2 and p = 7, q = 2": the same names, grouped
      String[] x = namedGroups(cr);
      String[] y = namedGroups(cp);
      if (x != null && y != null && x[0].equals(y[0])) {
        cr = x[1];
        cp = y[1];
      }
    }
    if (cr.indexOf("or") > 0) {
      cr = TUPLES_OR.matcher(cr).replaceAll(",");
    }
    if (cp.indexOf("or") > 0) {
      cp = TUPLES_OR.matcher(cp).replaceAll(",");
    }
    Comparison choice = choices(cr, cp);
    if (choice != null) {
      return choice;
    }
    if (cr.indexOf(',') > 0 && DECIMAL_COMMA.matcher(cr).matches() && PlainNumbers.decimals(cp) >= 0) {
      cr = cr.replace(',', '.'); // "1,22" against a number: a decimal comma, not a list
    } else if (cp.indexOf(',') > 0 && DECIMAL_COMMA.matcher(cp).matches() && PlainNumbers.decimals(cr) >= 0) {
      cp = cp.replace(',', '.');
    }
    Answer a = AnswerParser.parse(cr);
    Answer b = AnswerParser.parse(cp);
    if (cr.equalsIgnoreCase(cp) && WORD.matcher(cr).matches() && !(a instanceof Answer.Bool)) {
      // an answer in words ("Evelyn", "evelyn"); different words stay undecided (synonyms)
      return new Comparison(Equivalence.EQUAL, "rules", "the same word");
    }
    if (CLOCK.matcher(cr).matches() && CLOCK.matcher(cp).matches()) {
      // times of day ("12:00", "1:00") are read as written, never as ratios
      boolean same = stripHourZero(cr).equals(stripHourZero(cp));
      return new Comparison(same ? Equivalence.EQUAL : Equivalence.NOT_EQUAL, "rules", "times of day");
    }
    if (a instanceof Answer.Text ^ b instanceof Answer.Text) {
      String text = a instanceof Answer.Text ? cr : cp;
      Answer value = a instanceof Answer.Text ? b : a;
      if (value instanceof Answer.Scalar sc && !Expr.hasVariables(sc.expr())
          && ARITHMETIC.matcher(text).matches() && DIVISION_BY_ZERO.matcher(text).find()) {
        // "4 4/0", "0/0": a division by zero has no value, so it equals no number
        return new Comparison(Equivalence.NOT_EQUAL, "rules", "'" + text + "' divides by zero");
      }
    }
    if (a instanceof Answer.Text ^ b instanceof Answer.Text) {
      // "The total is 18": a sentence with one number against a value
      a = a instanceof Answer.Text t ? oneNumber(t, a) : a;
      b = b instanceof Answer.Text t ? oneNumber(t, b) : b;
    }
    Equivalence e;
    try {
      e = rules.compare(a, b);
    } catch (RuntimeException | StackOverflowError ex) {
      e = Equivalence.UNKNOWN;
    }
    if (e != Equivalence.UNKNOWN) {
      return new Comparison(e, "rules", describe(a) + " vs " + describe(b));
    }
    if (symbolic == null) {
      return new Comparison(Equivalence.UNKNOWN, "none", "rules cannot decide " + describe(a) + " vs " + describe(b));
    }
    return symbolic.compare(a, cr, b, cp);
  }

  private static final Pattern ERROR_TEXT =
      Pattern.compile(
          "^Traceback \\(most recent call last\\):|^\\s*File \"[^\"]*\", line \\d+"
              + "|^[A-Za-z_][\\w.]*(?:Error|Exception)(?::|$)",
          Pattern.MULTILINE);
  private static final Pattern WORD = Pattern.compile("[A-Za-z]{3,}");
  private static final Pattern CLOCK = Pattern.compile("(?:[01]?\\d|2[0-3]):[0-5]\\d");
  private static final Pattern ARITHMETIC = Pattern.compile("[-+*/().%\\d\\s]+");
  private static final Pattern DIVISION_BY_ZERO = Pattern.compile("/\\s*\\(?\\s*0+(?:\\.0*)?(?![\\d.])");

  private static final String NAME = "[A-Za-z]{1,4}(?:_\\{?[A-Za-z0-9]+\\}?)?'?";
  /**
   * "(p,q)=(3,2)", "V_1:V_2=11:21", "\\frac{NO}{BO}=...": a tuple, ratio or quotient of names on the
   * left, their values on the right.
   */
  private static final Pattern NAMED_VALUES = Pattern.compile(
      "(?:\\(\\s*" + NAME + "(?:\\s*,\\s*" + NAME + ")+\\s*\\)|" + NAME + "(?:\\s*[:/]\\s*" + NAME + ")+"
          + "|\\\\frac\\{" + NAME + "\\}\\{" + NAME + "\\})\\s*=\\s*([^=]+)");
  /** "(11,7)or(7,11)": alternatives between tuples or intervals. */
  private static final Pattern TUPLES_OR = Pattern.compile("(?<=[)\\]])\\s*\\bor\\b\\s*(?=[(\\[])");
  private static final Pattern GROUP_SEPARATOR = Pattern.compile("\\s*(?:;|\\band\\b)\\s*");

  private static final Pattern NAMED_ITEM = Pattern.compile("\\s*[A-Za-z]{1,3}(?:_\\{?[A-Za-z0-9]+\\}?)?\\s*=\\s*([^=,;]+)");

  /**
   * @return the values of a "names = values" answer (a tuple or ratio of names, or a list such as
   *     "AB=4, CD=5"), else the text
   */
  private static String namedValues(String s) {
    Matcher m = NAMED_VALUES.matcher(s);
    if (m.matches()) {
      return m.group(1).strip();
    }
    String[] groups = namedGroups(s);
    if (groups != null) {
      return groups[1];
    }
    String[] items = s.split(",");
    if (items.length < 2) {
      return s;
    }
    StringBuilder values = new StringBuilder();
    for (String item : items) {
      Matcher i = NAMED_ITEM.matcher(item);
      if (!i.matches()) {
        return s;
      }
      values.append(values.length() == 0 ? "" : ",").append(i.group(1).strip());
    }
    return values.toString();
  }

  /**
   * @return for "p=5, q=2; p=7, q=2" (two or more groups of named values, split by ";" or "and"),
   *     the names of each group and the groups' values as tuples ("(5,2),(7,2)"), else null
   */
  private static String[] namedGroups(String s) {
    String[] groups = GROUP_SEPARATOR.split(s.strip());
    if (groups.length < 2) {
      return null;
    }
    StringBuilder names = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (String group : groups) {
      String[] items = group.split(",");
      StringBuilder tuple = new StringBuilder();
      for (String item : items) {
        Matcher i = NAMED_ITEM.matcher(item);
        if (!i.matches()) {
          return null;
        }
        names.append(item, 0, item.indexOf('=')).append(';');
        tuple.append(tuple.length() == 0 ? "" : ",").append(i.group(1).strip());
      }
      values.append(values.length() == 0 ? "" : ",").append(items.length > 1 ? "(" + tuple + ")" : tuple);
      names.append('|');
    }
    return new String[] {names.toString().replace(" ", ""), values.toString()};
  }

  private static String stripHourZero(String time) {
    return time.length() == 5 && time.charAt(0) == '0' ? time.substring(1) : time;
  }
  private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+,\\d+");
  private static final Pattern CHOICE = Pattern.compile("\\(?([A-E])\\)?");
  private static final Pattern CHOICE_WITH_TEXT = Pattern.compile("\\(?([A-E])\\)?(?:[.:)]\\s*|\\s+)\\S.*", Pattern.DOTALL);
  private static final Pattern NUMBER_IN_TEXT = Pattern.compile("(?<![\\w.^/*+-])-?\\d+(?:\\.\\d+)?(?![\\w.^/*+]|\\.\\d)");
  private static final Pattern NEGATION =
      Pattern.compile("\\b(?:not|no|never|cannot|can't|isn't|aren't|without|except)\\b|不|没|非", Pattern.CASE_INSENSITIVE);
  private static final Pattern SENTENCE_WORDS = Pattern.compile("[A-Za-z]{2,}\\s+[A-Za-z]{2,}|[\\u3400-\\u9fff]{2,}");

  /** A multiple-choice letter against the letter followed by its option: "C" and "C. x = 42". */
  private static Comparison choices(String r, String p) {
    Matcher lr = CHOICE.matcher(r);
    Matcher lp = CHOICE.matcher(p);
    Matcher other = null;
    String letter = null;
    if (lr.matches()) {
      letter = lr.group(1);
      other = CHOICE_WITH_TEXT.matcher(p);
    } else if (lp.matches()) {
      letter = lp.group(1);
      other = CHOICE_WITH_TEXT.matcher(r);
    }
    if (other == null || !other.matches()) {
      return null;
    }
    return new Comparison(other.group(1).equals(letter) ? Equivalence.EQUAL : Equivalence.NOT_EQUAL, "rules", "choice letters");
  }

  /** @return the number of a sentence that holds exactly one, parsed; else {@code fallback} */
  private static Answer oneNumber(Answer.Text t, Answer fallback) {
    String text = t.text();
    if (text.length() > 300 || !SENTENCE_WORDS.matcher(text).find() || NEGATION.matcher(text).find()) {
      return fallback; // "the answer is not 5" is no answer of 5
    }
    Matcher m = NUMBER_IN_TEXT.matcher(text);
    if (!m.find()) {
      return fallback;
    }
    String number = m.group();
    if (m.find()) {
      return fallback;
    }
    return AnswerParser.parse(number);
  }

  private static String describe(Answer a) {
    String name = a.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    return name.equals("many") ? (((Answer.Many) a).ordered() ? "tuple" : "set") : name;
  }

  @Override
  public String toString() {
    return "AnswerEquivalence[rules, tolerance=" + relativeTolerance
        + (absoluteTolerance > 0 ? ", absoluteTolerance=" + absoluteTolerance : "")
        + (percentScaling ? ", percentScaling" : "")
        + (symbolic == null ? "" : ", " + symbolic) + "]";
  }
}
