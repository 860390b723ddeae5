package dev.siam4j.core.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds Python in model text: fenced blocks ({@code ```python}, {@code ```py}, bare {@code ```}),
 * the code a completion continues before its first closing fence, or unfenced code.
 */
final class FencedCodeExtractor implements CodeExtractor {
  private static final Set<String> PYTHON = Set.of("", "python", "py", "python3", "py3", "{python}");
  private static final Pattern OUTPUT_HEADER =
      Pattern.compile("(?i)(?:output|result|输出|结果|运行结果)\\s*[:：].*");

  private final BlockPolicy policy;
  private final boolean continuationFirst;
  private final boolean unfencedFallback;

  FencedCodeExtractor(BlockPolicy policy, boolean continuationFirst, boolean unfencedFallback) {
    this.policy = policy;
    this.continuationFirst = continuationFirst;
    this.unfencedFallback = unfencedFallback;
  }

  @Override
  public Optional<String> extract(String modelText) {
    Objects.requireNonNull(modelText, "modelText");
    List<String> lines = splitFences(modelText);
    List<List<String>> blocks = new ArrayList<>();
    int firstFence = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (isFence(lines.get(i))) {
        firstFence = i;
        break;
      }
    }
    if (firstFence < 0) {
      if (!unfencedFallback) {
        return Optional.empty();
      }
      int start = firstNonBlank(lines, 0);
      int end = PythonLines.codeRun(lines, start, lines.size());
      return finish(lines.subList(start, end));
    }
    int scanFrom = 0;
    List<String> prefix = lines.subList(0, firstFence);
    if (info(lines.get(firstFence)).isEmpty() && PythonLines.mostlyCode(stripOutput(prefix))) {
      // a completion of a prompt that ended with an opening fence: code, then the closing fence
      blocks.add(prefix);
      scanFrom = firstFence + 1;
      if (continuationFirst) {
        return finish(prefix);
      }
    }
    scanBlocks(lines, scanFrom, blocks);
    List<List<String>> cleaned = new ArrayList<>();
    for (List<String> b : blocks) {
      List<String> c = stripOutput(b);
      if (c.stream().anyMatch(l -> !l.isBlank())) {
        cleaned.add(c);
      }
    }
    if (cleaned.isEmpty()) {
      return Optional.empty();
    }
    return switch (policy) {
      case FIRST -> finish(cleaned.get(0));
      case LAST -> finish(cleaned.get(cleaned.size() - 1));
      case CONCATENATE -> {
        List<String> all = new ArrayList<>();
        for (List<String> b : cleaned) {
          List<String> d = dedent(b);
          if (!all.isEmpty()) {
            all.add("");
          }
          all.addAll(trimBlankLines(d));
        }
        yield finish(all);
      }
    };
  }

  private static void scanBlocks(List<String> lines, int from, List<List<String>> blocks) {
    List<String> current = null;
    boolean python = false;
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (current == null) {
        if (isFence(line)) {
          current = new ArrayList<>();
          python = PYTHON.contains(info(line).toLowerCase(Locale.ROOT));
        }
      } else if (isFence(line)) {
        if (python) {
          blocks.add(current);
        }
        current = null;
        String info = info(line).toLowerCase(Locale.ROOT);
        if (!info.isEmpty() && PYTHON.contains(info)) {
          // an opening fence where a closing one was due: the model began a new block
          current = new ArrayList<>();
          python = true;
        }
      } else {
        current.add(line);
      }
    }
    if (current != null && python) {
      blocks.add(current); // unterminated: the model stopped inside the block
    }
  }

  /** Splits into lines, moving a fence that ends a code line ({@code print(x)```}) to its own. */
  private static List<String> splitFences(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r?\n", -1)) {
      int at = line.indexOf("```");
      if (at > 0 && !line.substring(0, at).isBlank()) {
        out.add(line.substring(0, at));
        out.add(line.substring(at));
      } else {
        out.add(line);
      }
    }
    return out;
  }

  private static boolean isFence(String line) {
    return line.stripLeading().startsWith("```");
  }

  private static String info(String fenceLine) {
    String s = fenceLine.strip();
    int i = 0;
    while (i < s.length() && s.charAt(i) == '`') {
      i++;
    }
    return s.substring(i).strip();
  }

  /**
   * Drops what a model wrote after the program as if it had run it: a REPL transcript keeps only
   * its statements; otherwise trailing {@code >>>} lines and an {@code Output:} section go.
   */
  static List<String> stripOutput(List<String> block) {
    int first = firstNonBlank(block, 0);
    if (first < block.size() && block.get(first).startsWith(">>>")) {
      List<String> code = new ArrayList<>();
      for (String l : block) {
        if (l.startsWith(">>> ") || l.startsWith("... ")) {
          code.add(l.substring(4));
        } else if (l.equals(">>>") || l.equals("...")) {
          code.add("");
        }
      }
      return code;
    }
    int end = block.size();
    for (int i = 0; i < block.size(); i++) {
      String l = block.get(i);
      if (OUTPUT_HEADER.matcher(l).matches() && !l.contains("=")) {
        end = i;
        break;
      }
    }
    while (end > 0 && (block.get(end - 1).isBlank() || block.get(end - 1).startsWith(">>>"))) {
      end--;
    }
    return block.subList(0, end);
  }

  private static int firstNonBlank(List<String> lines, int from) {
    int i = from;
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  private static List<String> trimBlankLines(List<String> lines) {
    int start = firstNonBlank(lines, 0);
    int end = lines.size();
    while (end > start && lines.get(end - 1).isBlank()) {
      end--;
    }
    return lines.subList(start, end);
  }

  /** Removes the indentation common to all non-blank lines, as Python's textwrap.dedent. */
  private static List<String> dedent(List<String> lines) {
    int common = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        int n = 0;
        while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
          n++;
        }
        common = Math.min(common, n);
      }
    }
    if (common == Integer.MAX_VALUE || common == 0) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(common));
    }
    return out;
  }

  private static Optional<String> finish(List<String> lines) {
    List<String> code = trimBlankLines(dedent(stripOutput(lines)));
    if (code.isEmpty() || code.stream().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (String l : code) {
      out.append(l.stripTrailing()).append('\n');
    }
    return Optional.of(out.toString());
  }

  @Override
  public String toString() {
    return "FencedCodeExtractor[" + policy + (continuationFirst ? ", continuation first" : "")
        + (unfencedFallback ? ", unfenced fallback" : "") + "]";
  }
}
