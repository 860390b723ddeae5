package dev.siam4j.core.prompts;

import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One template per language, found on first use by a lookup ({@code <base>.<language>.txt}),
 * English when a problem's language has none. Thread-safe.
 */
final class LanguageTemplates implements PromptTemplate {
  private final String name;
  private final Function<String, Optional<PromptTemplate>> lookup;
  private final PromptTemplate english;
  private final Map<String, PromptTemplate> byLanguage = new ConcurrentHashMap<>();

  LanguageTemplates(String name, Function<String, Optional<PromptTemplate>> lookup) {
    this.name = name;
    this.lookup = lookup;
    this.english =
        lookup.apply("en").orElseThrow(() -> new IllegalArgumentException(
            "no English template: " + name + ".en.txt not found"));
    byLanguage.put("en", english);
  }

  @Override
  public Prompt render(Problem problem) {
    String language = problem.language().getLanguage();
    PromptTemplate t =
        byLanguage.computeIfAbsent(language, l -> lookup.apply(l).orElse(english));
    return t.render(problem);
  }

  @Override
  public String toString() {
    return name + ".<language>.txt";
  }
}
