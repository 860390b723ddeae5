package dev.siam4j.core.extraction;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Standard {@link CodeExtractor}s. */
public final class CodeExtractors {
  private static final Pattern FENCE =
      Pattern.compile("```(?:python|py)?[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);

  private CodeExtractors() {}

  /** @return the last fenced block, or the whole text when there is no fence */
  public static CodeExtractor lastFencedBlock() {
    return text -> {
      Matcher m = FENCE.matcher(text);
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      String code = last != null ? last : text;
      return code.isBlank() ? Optional.empty() : Optional.of(code.strip() + "\n");
    };
  }
}
