package dev.siam4j.core.extraction;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The last match of a pattern: its {@code answer} group, else its first group, else all of it. */
final class RegexAnswer implements AnswerExtractor {
  private final Pattern pattern;
  private final boolean named;

  RegexAnswer(Pattern pattern) {
    this.pattern = pattern;
    this.named = pattern.pattern().contains("(?<answer>"); // Pattern.namedGroups() is not public before Java 20
  }

  @Override
  public String extract(String stdout) {
    Matcher m = pattern.matcher(Objects.requireNonNull(stdout, "stdout"));
    String last = null;
    while (m.find()) {
      String g = named ? m.group("answer") : m.groupCount() > 0 ? m.group(1) : m.group();
      last = g == null ? "" : g;
    }
    return last == null ? "" : last.strip();
  }

  @Override
  public String toString() {
    return "regex(" + pattern + ")";
  }
}
