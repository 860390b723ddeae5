package dev.siam4j.benchmarks.sources;

import dev.siam4j.core.Problem;
import dev.siam4j.core.extraction.CodeExtractor;
import dev.siam4j.core.extraction.CodeExtractors;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.problems.ProblemReader;
import dev.siam4j.core.problems.ProblemSources;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Timed harness for the problem readers and the code extractor, each against a baseline in the
 * same run:
 *
 * <ol>
 *   <li>reading GSM8K-shaped JSONL: {@code JsonlReader} alone (JSON parsing only) against the GSM8K
 *       reader (parsing, fields, answer after {@code ####}, language, duplicate ids);
 *   <li>extracting code from completions: the earlier one-regex extractor against
 *       {@code CodeExtractors.defaultExtractor()};
 *   <li>memory: streaming a million problems against collecting them in a list, in the heap the
 *       JVM was given (run with {@code -Xmx128m}).
 * </ol>
 *
 * <p>Usage: {@code SourcesBenchmark [lines] [millionLines]}; prints a Markdown table.
 */
public final class SourcesBenchmark {
  private static final Pattern OLD_FENCE =
      Pattern.compile("```(?:python|py)?[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);

  private SourcesBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional: lines of the reading file (default 200000), lines of the memory file
   *     (default 1000000)
   * @throws IOException when the temporary files cannot be written
   */
  public static void main(String[] args) throws IOException {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int million = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Path dir = Files.createTempDirectory("siam4j-sources-bench");
    try {
      reading(dir.resolve("gsm8k.jsonl"), lines);
      extraction();
      memory(dir.resolve("plain.jsonl"), million);
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void reading(Path file, int lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        w.write("{\"question\": \"Janet has " + i + " ducks that lay 16 eggs per day. She eats three"
            + " for breakfast and bakes muffins with four. She sells the rest for $2 each. How"
            + " much does she make?\", \"answer\": \"She sells 16 - 3 - 4 = <<16-3-4=9>>9 eggs.\\n"
            + "She makes 9 * 2 = $<<9*2=18>>18.\\n#### " + (i * 7 % 1000) + "\"}\n");
      }
    }
    System.out.printf("%n### Reading %,d GSM8K-shaped lines (%,d MB)%n%n", lines,
        Files.size(file) >> 20);
    System.out.println("| reader | round | lines/s |");
    System.out.println("|---|---|---|");
    for (int round = 1; round <= 3; round++) {
      long t0 = System.nanoTime();
      long n = 0;
      try (JsonlReader r = JsonlReader.open(file)) {
        for (JsonlReader.Line l : r) {
          n += l.json().size();
        }
      }
      double base = lines / ((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      long m = 0;
      try (ProblemReader r = ProblemSources.gsm8k(file).reader()) {
        for (Problem p : r) {
          m += p.referenceAnswer().length();
        }
      }
      double ours = lines / ((System.nanoTime() - t0) / 1e9);
      System.out.printf("| baseline: JsonlReader only | %d | %,.0f |%n", round, base);
      System.out.printf("| ProblemSources.gsm8k | %d | %,.0f |%n", round, ours);
      if (n == 0 || m == 0) {
        throw new AssertionError("nothing read");
      }
    }
  }

  private static void extraction() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String program = "eggs = 16 - 3 - " + (i % 5) + "\nfor k in range(3):\n    eggs += k\n"
          + "print(eggs * 2)\n";
      switch (i % 3) {
        case 0 -> texts.add("Let me write code.\n```python\n" + program + "```\nThe answer is 18.");
        case 1 -> texts.add(program + "```\n\nThe answer is 18.\n\nQuestion: next one");
        default -> texts.add(program + "\nSo the answer is 18.");
      }
    }
    CodeExtractor old = SourcesBenchmark::oldLastFencedBlock;
    CodeExtractor ours = CodeExtractors.defaultExtractor();
    System.out.printf("%n### Extracting code from 10,000 completions (fenced, continuation,"
        + " unfenced, a third each)%n%n");
    System.out.println("| extractor | round | completions/s | programs that are exactly the code |");
    System.out.println("|---|---|---|---|");
    for (int round = 1; round <= 3; round++) {
      for (var e : List.of(new Object[] {"baseline: one regex, else whole text", old},
          new Object[] {"CodeExtractors.defaultExtractor", ours})) {
        CodeExtractor x = (CodeExtractor) e[1];
        long t0 = System.nanoTime();
        int exact = 0;
        for (int rep = 0; rep < 5; rep++) {
          for (int i = 0; i < texts.size(); i++) {
            String expected = "eggs = 16 - 3 - " + (i % 5) + "\nfor k in range(3):\n    eggs += k\n"
                + "print(eggs * 2)\n";
            if (x.extract(texts.get(i)).filter(expected::equals).isPresent() && rep == 0) {
              exact++;
            }
          }
        }
        double rate = 5.0 * texts.size() / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("| %s | %d | %,.0f | %d / %d |%n", e[0], round, rate, exact, texts.size());
      }
    }
  }

  private static Optional<String> oldLastFencedBlock(String text) {
    Matcher m = OLD_FENCE.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    String code = last != null ? last : text;
    return code.isBlank() ? Optional.empty() : Optional.of(code.strip() + "\n");
  }

  private static void memory(Path file, int lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        w.write("{\"id\":\"p" + i + "\",\"question\":\"What is " + i + " plus " + (i + 1)
            + ", times three, minus the first?\",\"answer\":\"" + (2 * i + 3 * i + 3) + "\"}\n");
      }
    }
    long heap = Runtime.getRuntime().maxMemory() >> 20;
    System.out.printf("%n### Memory: %,d problems (%,d MB file), max heap %,d MB%n%n", lines,
        Files.size(file) >> 20, heap);
    System.out.println("| how | problems read | outcome |");
    System.out.println("|---|---|---|");
    long n = 0;
    try (Stream<Problem> s = ProblemSources.plain(file).open()) {
      n = s.count();
    }
    System.out.printf("| ProblemSources.plain(...).open(), streamed | %,d | finished |%n", n);
    List<Problem> all = new ArrayList<>();
    try (ProblemReader r = ProblemSources.plain(file).reader()) {
      for (Problem p : r) {
        all.add(p);
      }
      System.out.printf("| baseline: collected into a List | %,d | finished |%n", all.size());
    } catch (OutOfMemoryError e) {
      int size = all.size();
      all = null;
      System.out.printf("| baseline: collected into a List | %,d | OutOfMemoryError |%n", size);
    }
  }
}
