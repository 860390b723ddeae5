package dev.siam4j.examples.quickstart;

import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Generator;
import dev.siam4j.core.llama.LlamaCpp;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.critic.evaluation.ScoredSample;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command of {@link QuickstartModels#main}: {@code measure MODEL.gguf [K [N [T [SLOTS]]]]}
 * samples K programs (default 5, at temperature T, default 0.7, seed 1) per problem of the
 * quickstart's test splits and pool (or N problems of each), with llama.cpp's context laid out for
 * SLOTS parallel sequences of 256 tokens (default K; the quickstart evaluates with 5), and
 * prints pass@1 (the share of grounded correct samples) and pass@K per split and per template, as
 * a Markdown table (one row per template and language). Judged by the answer rules, as the quickstart's rule-scored accuracy.
 * {@code types MODEL.gguf [K [N [OUT.jsonl]]]} measures pass@k per problem type outside the seed
 * split ({@link TypeReach}).
 */
final class SeedModelCommand {
  private SeedModelCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("types")) {
      return TypeReach.run(args, out, err);
    }
    if (args.length < 2 || args.length > 6 || !args[0].equals("measure")) {
      err.println("usage: QuickstartModels measure MODEL.gguf [K [N [TEMPERATURE [SLOTS]]]]");
      err.println("   or: QuickstartModels types MODEL.gguf [K [N [OUT.jsonl]]]");
      return 2;
    }
    Path model = Path.of(args[1]);
    if (!Files.isRegularFile(model)) {
      err.println("QuickstartModels: no model file " + model);
      return 2;
    }
    int k = args.length > 2 ? positive(args[2], "K", err) : 5;
    int limit = args.length > 3 ? positive(args[3], "N", err) : Integer.MAX_VALUE;
    if (k <= 0 || limit <= 0) {
      return 2;
    }
    double temperature = 0.7;
    if (args.length > 4) {
      try {
        temperature = Double.parseDouble(args[4]);
      } catch (NumberFormatException e) {
        temperature = -1;
      }
      if (!(temperature >= 0 && temperature <= 5)) {
        err.println("QuickstartModels: TEMPERATURE must be a number from 0 to 5, was '" + args[4] + "'");
        return 2;
      }
    }
    int slots = args.length > 5 ? positive(args[5], "SLOTS", err) : k;
    if (slots <= 0) {
      return 2;
    }
    if (slots < k) {
      err.println("QuickstartModels: SLOTS must be at least K (" + k + "), was " + slots);
      return 2;
    }
    Quickstart.Options full = Quickstart.Options.full(Path.of("unused"));
    // N problems of each split: the world drawn at that size (its first draws are those of a
    // smaller world's), else the quickstart's own splits
    MathWorld world = limit == Integer.MAX_VALUE ? full.world()
        : new Quickstart.Options(full.output(), full.worldSeed(), full.seeds(), full.iterations(), limit, limit, 0, limit,
            full.samplesPerProblem(), full.evalSamples(), full.seedEpochs(), full.loopEpochs(), full.learningRate(),
            full.preferenceLearningRate(), full.threads(), false, full.seedModel(), false, full.trainingData()).world();
    long t0 = System.nanoTime();
    Map<String, Tally> rows = new LinkedHashMap<>();
    LlamaCppOptions options =
        LlamaCppOptions.builder(model).threads(full.threads()).parallelSlots(slots).contextSize(256 * slots).seed(1).build();
    Generator generator = ClosingFenceGenerator.loader(LlamaCpp.policyLoader(options)).load(Checkpoint.of(model));
    try (PythonSandbox python = PythonSandbox.builder().workers(2).build()) {
      for (Split split : List.of(Split.TEST_ID, Split.TEST_OOD, Split.POOL)) {
        List<ScoredSample> samples =
            QuickstartModels.sampleAndJudge(generator, python, world.problems(split), k, temperature);
        Map<String, Tally> templates = new TreeMap<>();
        Tally whole = rows.computeIfAbsent(split.label() + " | all | all | all", x -> new Tally());
        for (ScoredSample s : samples) {
          boolean good = s.verdict().correct() && Quickstart.grounded(s);
          String key = split.label() + " | " + s.problem().metadata().get("group") + " | "
              + s.problem().metadata().get("template") + " | " + s.problem().language();
          whole.add(s.problem().id(), good);
          templates.computeIfAbsent(key, x -> new Tally()).add(s.problem().id(), good);
        }
        rows.putAll(templates);
      }
    } finally {
      if (generator instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // the measurement is complete; closing frees native memory only
        }
      }
    }
    out.printf(Locale.ROOT, "%s: %d samples per problem at temperature %s (seed 1, %d slots), world seed %d, %d test problems"
        + " per split, %d pool problems; grounded and correct by the answer rules; %.0f s%n%n",
        model.getFileName(), k, temperature, slots, world.seed(), world.size(Split.TEST_ID), world.size(Split.POOL),
        (System.nanoTime() - t0) / 1e9);
    out.printf("| split | group | template | language | problems | pass@1 | pass@%d |%n", k);
    out.println("|---|---|---|---|---:|---:|---:|");
    rows.forEach((key, t) -> out.printf(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% |%n", key, t.problems.size(),
        100.0 * t.correct / t.samples, 100.0 * t.problems.values().stream().filter(b -> b).count() / t.problems.size()));
    return 0;
  }

  /** @return the value, or 0 after printing why it is not a positive whole number */
  static int positive(String text, String name, PrintStream err) {
    try {
      int v = Integer.parseInt(text);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    err.println("QuickstartModels: " + name + " must be a positive whole number, was '" + text + "'");
    return 0;
  }

  private static final class Tally {
    final Map<String, Boolean> problems = new LinkedHashMap<>();
    int samples;
    int correct;

    void add(String problem, boolean good) {
      samples++;
      correct += good ? 1 : 0;
      problems.merge(problem, good, Boolean::logicalOr);
    }
  }
}
