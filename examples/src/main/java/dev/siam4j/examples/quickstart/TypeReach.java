package dev.siam4j.examples.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Generator;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.llama.LlamaCpp;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.critic.evaluation.ScoredSample;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How far a policy reaches into the problem types outside the seed split: pass@1, pass@5 and
 * pass@k per template and language, with k up to 64 at the sampling temperature. A type whose
 * pass@k is 0 gives self-training nothing to keep; one with pass@k above 0 and a low pass@1 is
 * where the loop, and exploration, can lift it.
 *
 * <p>The command {@code QuickstartModels types MODEL.gguf [K [N [OUT.jsonl [GROUPS]]]]} measures
 * the types of GROUPS (comma-separated labels, default {@code reachable,new}; {@code paraphrase}
 * too) with K samples (default 64) on N problems of each template and language (default 6), drawn
 * from a test-ood split of the quickstart's world, and prints a Markdown table; with OUT it also
 * writes one JSON line per row. The shipped seed model's lines are a resource,
 * shown beside the loop's accuracy in the report.
 */
final class TypeReach {
  /** The classpath resource holding the shipped seed model's pass@k per type. */
  static final String SHIPPED_RESOURCE = "dev/siam4j/examples/quickstart/seed-model-pass-at-k.jsonl";
  /** The sampling temperature of the loop, at which types are measured. */
  static final double TEMPERATURE = 0.7;

  private TypeReach() {}

  /**
   * The unbiased estimate of pass@j from n samples of which c are correct: {@code 1 - C(n - c, j)
   * / C(n, j)}.
   *
   * @param n samples drawn
   * @param c correct among them
   * @param j the budget estimated for, at most n
   * @return the chance that j samples hold a correct one
   */
  static double passAt(int n, int c, int j) {
    if (j > n || c < 0 || c > n || j <= 0) {
      throw new IllegalArgumentException("need 0 < j <= n and 0 <= c <= n, were n " + n + ", c " + c + ", j " + j);
    }
    if (n - c < j) {
      return 1.0;
    }
    double miss = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      miss *= 1.0 - (double) j / i;
    }
    return 1.0 - miss;
  }

  /**
   * Up to {@code perType} problems of each template and language of {@code groups}, from a test-ood
   * split large enough to hold them, in split order.
   */
  static List<WordProblem> problems(long worldSeed, Set<Group> groups, int perType) {
    int slots = 0;
    for (Group g : Group.values()) {
      slots = Math.max(slots, 2 * MathWorld.templates(g).size());
    }
    MathWorld world =
        MathWorld.builder().seed(worldSeed).recipe(Quickstart.WORLD_RECIPE).size(Split.TEST_OOD, 3 * slots * perType + 3).build();
    Map<String, Integer> taken = new TreeMap<>();
    List<WordProblem> out = new ArrayList<>();
    for (WordProblem p : world.problems(Split.TEST_OOD)) {
      if (groups.contains(p.group()) && taken.merge(p.template() + " " + p.language(), 1, Integer::sum) <= perType) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Samples {@code k} programs per problem and counts, per template and language, the grounded
   * programs the answer rules accept.
   *
   * @return one row per template and language, ordered by group, template, language
   */
  static List<QuickstartResults.TypePassAtK> measure(
      Generator generator, CodeExecutor executor, List<WordProblem> problems, int k, double temperature) {
    List<ScoredSample> samples = QuickstartModels.sampleAndJudge(generator, executor, problems, k, temperature);
    Map<String, Map<String, int[]>> byType = new TreeMap<>();
    for (ScoredSample s : samples) {
      Map<String, String> m = s.problem().metadata();
      String key = m.get("group") + "\t" + m.get("template") + "\t" + s.problem().language();
      int[] counts = byType.computeIfAbsent(key, x -> new LinkedHashMap<>()).computeIfAbsent(s.problem().id(), x -> new int[2]);
      counts[0]++;
      if (s.verdict().correct() && Quickstart.grounded(s)) {
        counts[1]++;
      }
    }
    List<QuickstartResults.TypePassAtK> rows = new ArrayList<>();
    byType.forEach((key, perProblem) -> {
      String[] parts = key.split("\t");
      double p1 = 0;
      double p5 = 0;
      double pk = 0;
      for (int[] c : perProblem.values()) {
        p1 += (double) c[1] / c[0];
        p5 += passAt(c[0], c[1], Math.min(5, c[0]));
        pk += c[1] > 0 ? 1 : 0;
      }
      int n = perProblem.size();
      rows.add(new QuickstartResults.TypePassAtK(parts[1], parts[0], parts[2], n, k, temperature, p1 / n, p5 / n, pk / n));
    });
    return rows;
  }

  /** Writes rows as JSON lines. */
  static void write(List<QuickstartResults.TypePassAtK> rows, Path file) {
    StringBuilder text = new StringBuilder();
    try {
      for (QuickstartResults.TypePassAtK r : rows) {
        text.append(Json.mapper().writeValueAsString(r)).append('\n');
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new RunStoreException("cannot write pass@k rows as JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RunStoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads rows {@link #write} wrote.
   *
   * @throws InvalidInputException naming the file and line of a row that does not read
   */
  static List<QuickstartResults.TypePassAtK> read(Path file) {
    List<QuickstartResults.TypePassAtK> rows = new ArrayList<>();
    try (JsonlReader reader = JsonlReader.open(file)) {
      for (JsonlReader.Line line : reader) {
        rows.add(line.as(QuickstartResults.TypePassAtK.class));
      }
    }
    return List.copyOf(rows);
  }

  /** @return the shipped seed model's rows; empty when the resource is missing */
  static List<QuickstartResults.TypePassAtK> shipped(Path scratch) {
    try (InputStream in = TypeReach.class.getClassLoader().getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        return List.of();
      }
      Files.createDirectories(scratch.getParent());
      Files.write(scratch, in.readAllBytes());
      return read(scratch);
    } catch (IOException e) {
      throw new RunStoreException("cannot copy " + SHIPPED_RESOURCE + " to " + scratch + ": " + e.getMessage(), e);
    }
  }

  /** The {@code types} command; see the class comment. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2 || args.length > 6) {
      err.println("usage: QuickstartModels types MODEL.gguf [K [N [OUT.jsonl [GROUPS]]]]");
      return 2;
    }
    Path model = Path.of(args[1]);
    if (!Files.isRegularFile(model)) {
      err.println("QuickstartModels: no model file " + model);
      return 2;
    }
    int k = args.length > 2 ? SeedModelCommand.positive(args[2], "K", err) : 64;
    int n = args.length > 3 ? SeedModelCommand.positive(args[3], "N", err) : 6;
    if (k <= 0 || n <= 0) {
      return 2;
    }
    Quickstart.Options full = Quickstart.Options.full(Path.of("unused"));
    Set<Group> groups = java.util.EnumSet.noneOf(Group.class);
    for (String label : (args.length > 5 ? args[5] : "reachable,new").split(",")) {
      try {
        Group g = Group.of(label.strip());
        if (g == Group.SEEN) {
          throw new IllegalArgumentException("seen");
        }
        groups.add(g);
      } catch (IllegalArgumentException e) {
        err.println("QuickstartModels: GROUPS must be labels among paraphrase, reachable and new, was '" + args[5] + "'");
        return 2;
      }
    }
    List<WordProblem> problems = problems(full.worldSeed(), groups, n);
    long t0 = System.nanoTime();
    LlamaCppOptions options =
        LlamaCppOptions.builder(model).threads(full.threads()).parallelSlots(k).contextSize(256 * k).seed(1).build();
    Generator generator = ClosingFenceGenerator.loader(LlamaCpp.policyLoader(options)).load(Checkpoint.of(model));
    List<QuickstartResults.TypePassAtK> rows;
    try (PythonSandbox python = PythonSandbox.builder().workers(2).build()) {
      rows = measure(generator, python, problems, k, TEMPERATURE);
    } finally {
      if (generator instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // the measurement is complete; closing frees native memory only
        }
      }
    }
    if (args.length > 4) {
      write(rows, Path.of(args[4]));
    }
    out.print(table(rows, String.format(Locale.ROOT,
        "%s: %d samples per problem at temperature %s (seed 1), %d problems per template and language of the"
            + " quickstart's world (seed %d); grounded and correct by the answer rules; %.0f s",
        model.getFileName(), k, TEMPERATURE, n, full.worldSeed(), (System.nanoTime() - t0) / 1e9)));
    return 0;
  }

  /** @return a Markdown table of rows under a heading line, with the unreached types named below */
  static String table(List<QuickstartResults.TypePassAtK> rows, String heading) {
    StringBuilder s = new StringBuilder(heading).append("\n\n");
    int k = rows.isEmpty() ? 0 : rows.get(0).k();
    s.append(String.format(Locale.ROOT, "| group | template | language | problems | pass@1 | pass@5 | pass@%d |%n", k));
    s.append("|---|---|---|---:|---:|---:|---:|\n");
    List<String> unreached = new ArrayList<>();
    for (QuickstartResults.TypePassAtK r : rows) {
      s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f%% | %.1f%% | %.1f%% |%n", r.group(), r.template(),
          r.language(), r.problems(), 100 * r.passAt1(), 100 * r.passAt5(), 100 * r.passAtK()));
      if (r.unreached()) {
        unreached.add(r.template() + " (" + r.language() + ")");
      }
    }
    s.append("\npass@").append(k).append(" = 0, out of reach of self-training from these samples: ")
        .append(unreached.isEmpty() ? "none" : String.join(", ", unreached)).append('\n');
    return s.toString();
  }
}
