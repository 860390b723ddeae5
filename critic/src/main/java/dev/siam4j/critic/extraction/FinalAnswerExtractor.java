package dev.siam4j.critic.extraction;

import dev.siam4j.critic.equivalence.AnswerEquivalence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a solution text (a chain-of-thought, a tool-integrated trajectory, a
 * worked solution) in English and Chinese, keeping the evidence: which rule found it and where.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>A text that is itself an answer (short, no words around the mathematics) is returned
 *       whole.
 *   <li>Of the last {@code \boxed{...}}/{@code \fbox{...}} (nested braces; adjacent ones such as
 *       {@code \boxed{-2} and \boxed{1}} are joined as a list) and the last answer phrase ("the
 *       final answer is", "Final Answer:", "the answer is", "答案是", "答案为", "最终答案"), the one
 *       written later wins: a solution that boxes an intermediate value and then states "The final
 *       answer is ..." is answered by the statement.
 *   <li>The last concluding sentence ("Therefore ... is X", "So ...", "Thus ...", "所以", "因此"):
 *       what follows its last "is"/"are"/"=", or else its last mathematical expression or number.
 *   <li>The last mathematical expression ({@code $...$}, {@code $$...$$}, {@code \(...\)},
 *       {@code \[...\]}) or the last number, whichever comes later.
 * </ol>
 *
 * <p>Solution texts stored with doubled backslashes ({@code \\frac}, {@code \\boxed}, as in JSON
 * written twice) are read as single ones; the offsets always refer to the text as given.
 *
 * <pre>{@code
 * FinalAnswerExtractor.standard().extract("The distance is $\\boxed{125\\textnormal{ miles}}.$")
 *     .map(ExtractedAnswer::answer);   // Optional["125\\textnormal{ miles}"]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FinalAnswerExtractor {
  private static final FinalAnswerExtractor STANDARD = new FinalAnswerExtractor();

  /** Texts longer than this are searched in their last part only: bounded work on any input. */
  static final int MAX_SEARCHED_CHARS = 100_000;

  private static final String COMMANDS =
      "(?:boxed|fbox|frac|dfrac|tfrac|sqrt|left|right|text|mathrm|mathbf|pi|cdot|times|infty|begin|end"
          + "|le|ge|leq|geq|neq|lt|gt|in|cup|cap|approx|pm|mp|circ|dots|ldots|cdots|sin|cos|tan|log|ln)(?![a-zA-Z])";
  private static final Pattern DOUBLED = Pattern.compile("(?<!\\\\)\\\\\\\\" + COMMANDS);
  private static final Pattern SINGLE = Pattern.compile("(?<!\\\\)\\\\" + COMMANDS);
  private static final Pattern PHRASE =
      Pattern.compile(
          "(?:\\bfinal\\s+answer\\b|\\bthe\\s+answer\\b|\\banswer\\b)\\s*(?:is\\b|:|=|：)?\\s*"
              + "|(?:最终)?答案\\s*(?:应该|应)?\\s*(?:是|为|:|：)\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern COPULA =
      Pattern.compile("\\s(?:is|are|was|were|equals|becomes)\\s|=|为|是", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![A-Za-z0-9_.\\\\])[-+]?(?:\\d{1,3}(?: \\d{3})*[ \\t]+(?=\\d+\\s*/\\s*[1-9]))?"
              + "\\d+(?:,\\\\?!?\\s?\\d{3})*(?:[.,]\\d+)?(?:\\s*/\\s*\\d+)?"
              + "(?:\\s*(?:\\\\?%|percentage\\b|percent\\b|per\\s+cent\\b|pct\\b))?");
  private static final Pattern CONNECTORS =
      Pattern.compile(
          "(?:\\s|\\$|,|;|&|\\\\quad|\\\\qquad|\\\\[,;:!]|\\\\[\\[\\]()]|\\band\\b|\\bor\\b|和|或"
              + "|\\\\text\\{\\s*(?:and|or|,)?\\s*\\})*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_CONNECTORS =
      Pattern.compile("(?:\\s|,|;|\"|'|\\\\\"|\\band\\b|\\bor\\b|和|或)*", Pattern.CASE_INSENSITIVE);
  private static final Pattern WORD = Pattern.compile("(?<![\\\\A-Za-z])[A-Za-z]{3,}");
  private static final Set<String> MATH_WORDS =
      Set.of(
          "and", "sin", "cos", "tan", "cot", "sec", "csc", "log", "exp", "sqrt", "frac", "dfrac",
          "tfrac", "cfrac", "pmatrix", "bmatrix", "matrix", "array", "begin", "end", "cup", "cap",
          "infty", "inf", "left", "right", "text", "textbf", "mathrm", "mathbf", "boxed", "cdot",
          "times", "geq", "leq", "neq", "approx", "circ", "Interval", "Matrix", "Union",
          "FiniteSet", "Rational", "True", "False", "Yes", "yes", "true", "false", "abs", "mod",
          "pmod", "dots", "ldots", "cdots", "sympy", "arcsin", "arccos", "arctan", "sinh",
          "cosh", "tanh", "pi", "oo", "open", "Lopen", "Ropen", "emptyset", "varnothing", "pm",
          "mp", "div", "lbrace", "rbrace", "displaystyle");
  private static final int WHOLE_TEXT_MAX = 200;

  private FinalAnswerExtractor() {}

  /** @return the standard extractor */
  public static FinalAnswerExtractor standard() {
    return STANDARD;
  }

  /**
   * Finds the final answer of a solution text.
   *
   * @param text the solution text, in any form
   * @return the answer and its evidence, or empty when the text holds no answer (no boxed
   *     expression, answer phrase, mathematics or number)
   */
  public Optional<ExtractedAnswer> extract(String text) {
    Objects.requireNonNull(text, "text");
    int offset = Math.max(0, text.length() - MAX_SEARCHED_CHARS);
    Source src = Source.of(offset == 0 ? text : text.substring(offset));
    Found f = find(src.text);
    if (f == null || f.answer.isBlank()) {
      return Optional.empty();
    }
    String answer = tidy(f.answer.strip());
    if (answer.isBlank()) {
      return Optional.empty();
    }
    int start = f.start == 0 ? 0 : src.origin(f.start - 1) + 1;
    int end = f.end == 0 ? 0 : src.origin(f.end - 1) + 1;
    return Optional.of(new ExtractedAnswer(answer, f.rule, offset + start, offset + end));
  }

  /**
   * @param text the solution text
   * @return the final answer's text, or {@code text} itself when it holds none
   */
  public String extractOrText(String text) {
    return extract(text).map(ExtractedAnswer::answer).orElse(text);
  }

  /**
   * Wraps an equivalence so that it compares final answers: the prediction's answer is extracted
   * (a prediction that holds none is NOT_EQUAL, "no final answer in the prediction"), and so is the
   * reference's when it is a solution text (a reference without one is compared as written). The
   * comparison's reason names the rule and the span that found the prediction's answer.
   *
   * @param equivalence compares the extracted answers
   * @return the wrapping equivalence, thread-safe when {@code equivalence} is
   */
  public AnswerEquivalence wrap(AnswerEquivalence equivalence) {
    Objects.requireNonNull(equivalence, "equivalence");
    return new ExtractingEquivalence(this, equivalence);
  }

  @Override
  public String toString() {
    return "FinalAnswerExtractor[standard]";
  }

  /**
   * Removes what only delimits: the math delimiters of an answer that is one formula, and LaTeX's
   * grouping braces around the whole ({@code {1,3}} is the list 1, 3 in LaTeX, not a set).
   */
  private static String tidy(String answer) {
    String a = answer;
    int[] span = a.isEmpty() ? null : spanAt(a, 0);
    if (span != null && span[1] == a.length()) {
      a = a.substring(span[2], span[3]).strip();
    }
    if (a.length() > 1 && a.charAt(0) == '{' && matchingBrace(a, 0) == a.length() - 1) {
      a = a.substring(1, a.length() - 1).strip();
    }
    return a;
  }

  private record Found(String answer, ExtractedAnswer.Rule rule, int start, int end) {}

  /** The text searched: doubled backslashes read as single, with a map back to the original. */
  private record Source(String text, int[] originOf) {
    static Source of(String raw) {
      if (raw.indexOf("\\\\") < 0 || !DOUBLED.matcher(raw).find() || SINGLE.matcher(raw).find()) {
        return new Source(raw, null);
      }
      StringBuilder b = new StringBuilder(raw.length());
      int[] map = new int[raw.length() + 1];
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 2 < raw.length() && raw.charAt(i + 1) == '\\' && Character.isLetter(raw.charAt(i + 2))
            && (i == 0 || raw.charAt(i - 1) != '\\')) {
          continue; // the first of a doubled backslash before a command
        }
        map[b.length()] = i;
        b.append(c);
      }
      map[b.length()] = raw.length();
      return new Source(b.toString(), map);
    }

    int origin(int i) {
      return originOf == null ? i : originOf[i];
    }
  }

  private static Found find(String s) {
    String stripped = s.strip();
    if (stripped.isEmpty()) {
      return null;
    }
    if (stripped.length() <= WHOLE_TEXT_MAX && !hasProse(stripped) && !stripped.contains("\\boxed") && !stripped.contains("\\fbox")) {
      int start = s.indexOf(stripped);
      return new Found(stripped, ExtractedAnswer.Rule.WHOLE_TEXT, start, start + stripped.length());
    }
    Found boxed = lastBoxed(s);
    Found phrase = answerPhrase(s, boxed == null ? 0 : boxed.start);
    if (phrase != null) {
      return phrase;
    }
    if (boxed != null) {
      return boxed;
    }
    Found conclusion = conclusion(s);
    if (conclusion != null) {
      return conclusion;
    }
    List<int[]> spans = mathSpans(s, 0, s.length());
    Found math = null;
    if (!spans.isEmpty()) {
      int[] last = spans.get(spans.size() - 1);
      math = new Found(s.substring(last[2], last[3]), ExtractedAnswer.Rule.LAST_MATH, last[2], last[3]);
    }
    Found number = lastNumber(s, 0, s.length(), spans);
    if (number != null && (math == null || number.start > math.end)) {
      return number;
    }
    return math;
  }

  /** @return whether {@code s} has a word that is not mathematics, or Chinese text */
  private static boolean hasProse(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u3400' && c <= '\u9fff') {
        return true;
      }
    }
    Matcher w = WORD.matcher(s);
    while (w.find()) {
      if (!MATH_WORDS.contains(w.group())) {
        return true;
      }
    }
    return false;
  }

  // ---- boxed

  private static Found lastBoxed(String s) {
    List<int[]> boxes = new ArrayList<>(); // {start, contentStart, contentEnd, end}
    int from = 0;
    while (true) {
      int b = s.indexOf("\\boxed", from);
      int f = s.indexOf("\\fbox", from);
      int at = b < 0 ? f : f < 0 ? b : Math.min(b, f);
      if (at < 0) {
        break;
      }
      int after = at + (s.startsWith("\\boxed", at) ? 6 : 5);
      int open = after;
      while (open < s.length() && s.charAt(open) == ' ') {
        open++;
      }
      if (open < s.length() && s.charAt(open) == '{') {
        int close = matchingBrace(s, open);
        int contentEnd = close < 0 ? s.length() : close;
        boxes.add(new int[] {at, open + 1, contentEnd, close < 0 ? s.length() : close + 1});
        from = close < 0 ? s.length() : close + 1;
      } else {
        int end = open;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '$') {
          end++;
        }
        if (end > open) {
          boxes.add(new int[] {at, open, end, end});
        }
        from = Math.max(end, after);
      }
    }
    if (boxes.isEmpty()) {
      return null;
    }
    int last = boxes.size() - 1;
    int first = last;
    while (first > 0 && CONNECTORS.matcher(s.substring(boxes.get(first - 1)[3], boxes.get(first)[0])).matches()) {
      first--;
    }
    StringBuilder answer = new StringBuilder();
    for (int i = first; i <= last; i++) {
      String content = s.substring(boxes.get(i)[1], boxes.get(i)[2]).strip();
      if (content.isEmpty()) {
        continue;
      }
      if (answer.length() > 0) {
        answer.append(", ");
      }
      answer.append(content);
    }
    if (answer.length() == 0) {
      return null;
    }
    return new Found(answer.toString(), ExtractedAnswer.Rule.BOXED, boxes.get(first)[1], boxes.get(last)[2]);
  }

  static int matchingBrace(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
        i++; // an escaped brace is text
      } else if (c == '{') {
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

  // ---- answer phrase and conclusion

  /** The last answer phrase after {@code notBefore} that is followed by an answer. */
  private static Found answerPhrase(String s, int notBefore) {
    int first = firstPhraseWord(s, notBefore);
    if (first < 0) {
      return null;
    }
    Matcher m = PHRASE.matcher(s).region(Math.max(notBefore, first - 16), s.length());
    List<int[]> hits = new ArrayList<>();
    while (m.find()) {
      hits.add(new int[] {m.start(), m.end()});
    }
    for (int k = hits.size() - 1; k >= 0; k--) {
      int[] h = hits.get(k);
      if (h[0] < notBefore) {
        return null;
      }
      int end = sentenceEnd(s, h[1]);
      Found f = answerIn(s, h[1], end, ExtractedAnswer.Rule.ANSWER_PHRASE);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** @return where "answer" (any case) or "答案" first occurs at or after {@code from}, or -1 */
  private static int firstPhraseWord(String s, int from) {
    int zh = s.indexOf("答案", from);
    for (int i = Math.max(0, from); i + 6 <= s.length(); i++) {
      char c = s.charAt(i);
      if ((c == 'a' || c == 'A') && s.regionMatches(true, i, "answer", 0, 6)) {
        return zh < 0 ? i : Math.min(i, zh);
      }
      if (zh >= 0 && i >= zh) {
        return zh;
      }
    }
    return zh;
  }

  private static final String[] CONCLUDING =
      {"therefore", "thus", "so", "hence", "consequently", "in conclusion", "finally", "所以", "因此", "故"};

  /** @return {start, end} of the last concluding word that starts a sentence, or null */
  private static int[] lastConcludingWord(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    int best = -1;
    int bestEnd = -1;
    for (String w : CONCLUDING) {
      boolean latin = w.charAt(0) < 128;
      int at = lower.lastIndexOf(w);
      while (at > best) {
        int end = at + w.length();
        boolean word = !latin || (at == 0 || !Character.isLetter(lower.charAt(at - 1)))
            && (end >= lower.length() || !Character.isLetter(lower.charAt(end)));
        if (word && (!latin || sentenceStart(s, at))) {
          best = at;
          bestEnd = end;
          break;
        }
        at = at == 0 ? -1 : lower.lastIndexOf(w, at - 1);
      }
    }
    return best < 0 ? null : new int[] {best, bestEnd};
  }

  /** @return whether only spaces and markdown marks stand between {@code at} and a sentence's start */
  private static boolean sentenceStart(String s, int at) {
    int i = at - 1;
    while (i >= 0 && (Character.isWhitespace(s.charAt(i)) || "*#>".indexOf(s.charAt(i)) >= 0)) {
      if (s.charAt(i) == '\n') {
        return true;
      }
      i--;
    }
    return i < 0 || ".!?。！？".indexOf(s.charAt(i)) >= 0;
  }

  private static Found conclusion(String s) {
    int[] word = lastConcludingWord(s);
    if (word == null) {
      return null;
    }
    int last = word[0];
    int lastEnd = word[1];
    int end = sentenceEnd(s, lastEnd);
    Matcher c = COPULA.matcher(s).region(lastEnd, end);
    int after = -1;
    while (c.find()) {
      if (!insideMath(s, lastEnd, c.start())) {
        after = c.end();
      }
    }
    if (after >= 0) {
      Found f = answerIn(s, after, end, ExtractedAnswer.Rule.CONCLUSION);
      if (f != null) {
        return f;
      }
    }
    return answerIn(s, lastEnd, end, ExtractedAnswer.Rule.CONCLUSION);
  }

  private static boolean insideMath(String s, int from, int at) {
    for (int[] span : mathSpans(s, from, at + 1)) {
      if (span[0] < at && at < span[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The answer written in {@code s[from, to)}: all of it when it is mathematics only or a list of
   * values joined by "and"/commas, else its last mathematical expression or number.
   */
  private static Found answerIn(String s, int from, int to, ExtractedAnswer.Rule rule) {
    String part = s.substring(from, to);
    String trimmed = trimSentence(part);
    if (trimmed.isEmpty()) {
      return null;
    }
    int start = from + part.indexOf(trimmed);
    List<int[]> spans = mathSpans(s, from, to);
    if (!hasProse(removeMath(s, from, to, spans)) && hasValue(trimmed)) {
      if (spans.size() == 1 && spans.get(0)[0] == start && spans.get(0)[1] == start + trimmed.length()) {
        return new Found(s.substring(spans.get(0)[2], spans.get(0)[3]), rule, spans.get(0)[2], spans.get(0)[3]);
      }
      return new Found(stripDelimiters(trimmed), rule, start, start + trimmed.length());
    }
    List<String> values = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    int at = from;
    for (int[] span : spans) {
      rest.append(s, at, span[0]);
      values.add(s.substring(span[2], span[3]));
      at = span[1];
    }
    rest.append(s, at, to);
    if (values.size() >= 2 && LIST_CONNECTORS.matcher(trimSentence(rest.toString())).matches()) {
      return new Found(String.join(" and ", values), rule, spans.get(0)[2], spans.get(spans.size() - 1)[3]);
    }
    Found number = lastNumber(s, from, to, spans);
    int[] lastSpan = spans.isEmpty() ? null : spans.get(spans.size() - 1);
    if (number != null && (lastSpan == null || number.start > lastSpan[1])) {
      return new Found(number.answer, rule, number.start, number.end);
    }
    if (lastSpan != null && !s.substring(lastSpan[2], lastSpan[3]).isBlank()) {
      return new Found(s.substring(lastSpan[2], lastSpan[3]), rule, lastSpan[2], lastSpan[3]);
    }
    return null;
  }

  private static boolean hasValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '\\') {
        return true;
      }
    }
    return false;
  }

  private static String removeMath(String s, int from, int to, List<int[]> spans) {
    StringBuilder b = new StringBuilder();
    int at = from;
    for (int[] span : spans) {
      b.append(s, at, span[0]).append(' ');
      at = span[1];
    }
    b.append(s, at, to);
    return b.toString();
  }

  private static String stripDelimiters(String s) {
    return s.replace("$$", " ").replace("\\(", " ").replace("\\)", " ").replace("\\[", " ").replace("\\]", " ")
        .replaceAll("(?<!\\\\)\\$", " ").strip();
  }

  /** Strips whitespace, quotes, markdown emphasis and sentence punctuation at both ends. */
  private static String trimSentence(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && " \t\r\n\"'*:：".indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && " \t\r\n\"'*.,;:!?。，；！？".indexOf(s.charAt(b - 1)) >= 0) {
      if (b - a >= 3 && s.startsWith("...", b - 3)) {
        break; // an ellipsis is part of the answer
      }
      b--;
    }
    return s.substring(a, b);
  }

  /** The end of the sentence that goes on at {@code from} (mathematics is skipped whole). */
  private static int sentenceEnd(String s, int from) {
    int i = from;
    boolean content = false;
    while (i < s.length()) {
      int skip = mathEnd(s, i);
      if (skip > i) {
        i = skip;
        content = true;
        continue;
      }
      char c = s.charAt(i);
      if (c == '\n' && content) {
        return i;
      }
      if (c == '。' || c == '！' || c == '？' || c == '；') {
        return i;
      }
      if ((c == '.' || c == '!' || c == '?') && (i + 1 >= s.length() || Character.isWhitespace(s.charAt(i + 1))
          || s.charAt(i + 1) == '<')) {
        if (!(c == '.' && i >= 2 && s.startsWith("...", i - 2))) {
          return i;
        }
      }
      if (!Character.isWhitespace(c) && c != '*') {
        content = true;
      }
      i++;
    }
    return s.length();
  }

  // ---- mathematics and numbers

  /**
   * @return the end (exclusive) of the mathematics delimited at {@code i}, or {@code i} when none
   *     starts there
   */
  private static int mathEnd(String s, int i) {
    int[] span = spanAt(s, i);
    return span == null ? i : span[1];
  }

  /** @return {start, end, contentStart, contentEnd} of the mathematics delimited at i, or null */
  private static int[] spanAt(String s, int i) {
    char c = s.charAt(i);
    if (c == '$' && (i == 0 || s.charAt(i - 1) != '\\')) {
      if (s.startsWith("$$", i)) {
        int close = s.indexOf("$$", i + 2);
        return close < 0 ? null : new int[] {i, close + 2, i + 2, close};
      }
      int close = i + 1;
      while (close < s.length() && (s.charAt(close) != '$' || s.charAt(close - 1) == '\\')) {
        close++;
      }
      return close >= s.length() ? null : new int[] {i, close + 1, i + 1, close};
    }
    if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '(' || s.charAt(i + 1) == '[')) {
      String closer = s.charAt(i + 1) == '(' ? "\\)" : "\\]";
      int close = s.indexOf(closer, i + 2);
      return close < 0 ? null : new int[] {i, close + 2, i + 2, close};
    }
    return null;
  }

  /** The mathematics spans in {@code s[from, to)}, in order. */
  private static List<int[]> mathSpans(String s, int from, int to) {
    List<int[]> spans = new ArrayList<>();
    int i = from;
    while (i < to) {
      int[] span = spanAt(s, i);
      if (span != null && span[1] <= to) {
        if (!s.substring(span[2], span[3]).isBlank()) {
          spans.add(span);
        }
        i = span[1];
      } else {
        i++;
      }
    }
    return spans;
  }

  private static Found lastNumber(String s, int from, int to, List<int[]> spans) {
    Matcher m = NUMBER.matcher(s).region(from, to);
    Found last = null;
    int k = 0;
    while (m.find()) {
      while (k < spans.size() && spans.get(k)[1] <= m.start()) {
        k++;
      }
      if (k < spans.size() && spans.get(k)[0] <= m.start()) {
        continue; // inside mathematics
      }
      last = new Found(m.group().toLowerCase(Locale.ROOT).replace("pct", "%"), ExtractedAnswer.Rule.LAST_NUMBER, m.start(), m.end());
    }
    return last;
  }
}
