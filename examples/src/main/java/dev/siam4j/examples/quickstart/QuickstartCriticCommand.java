package dev.siam4j.examples.quickstart;

import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two commands of {@link QuickstartCritic#main}: {@code train OUT.gguf [EPOCHS]} and {@code
 * measure MODEL.gguf}.
 */
final class QuickstartCriticCommand {
  /** The seed of the held-out examples' draws (the training data uses the model seed). */
  static final long HELD_OUT_SEED = 2;

  private QuickstartCriticCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2 || !(args[0].equals("train") || args[0].equals("measure"))) {
      err.println("usage: QuickstartCritic train OUT.gguf [EPOCHS] | measure MODEL.gguf");
      return 2;
    }
    if (System.getProperty("siam4j.torch.threads") == null) {
      System.setProperty("siam4j.torch.threads", "2");
    }
    MathWorld world =
        MathWorld.builder().seed(Quickstart.SHIPPED_WORLD_SEED).size(Split.SEED, QuickstartCritic.SEED_PROBLEMS).build();
    Path file = Path.of(args[1]);
    try (PythonSandbox python = PythonSandbox.builder().workers(2).build()) {
      if (args[0].equals("train")) {
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : QuickstartCritic.CRITIC_MODEL_EPOCHS;
        return train(world, python, epochs, file, err);
      }
      return measure(world, python, file, out, err);
    }
  }

  private static int train(MathWorld world, PythonSandbox python, int epochs, Path file, PrintStream err) {
    Path folder = Path.of(file.toAbsolutePath() + ".training");
    err.printf(
        "QuickstartCritic: training the critic model from scratch: %d seed problems, %d examples each way per problem, "
            + "%d epochs, %d weights%n",
        world.size(Split.SEED), QuickstartCritic.PER_PROBLEM, epochs, QuickstartCritic.spec().parameterCount());
    long t0 = System.nanoTime();
    Path model =
        QuickstartCritic.train(
            world, python, DjlTrainer.create(), QuickstartCritic.options(epochs, QuickstartCritic.CRITIC_MODEL_SEED),
            QuickstartCritic.PER_PROBLEM, folder);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.copy(model, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    err.printf("QuickstartCritic: critic model written to %s in %.0f s (training log: %s)%n",
        file, (System.nanoTime() - t0) / 1e9, folder.resolve("sft").resolve("train.jsonl"));
    return 0;
  }

  private static int measure(MathWorld world, PythonSandbox python, Path model, PrintStream out, PrintStream err) {
    AnswerEquivalence equivalence = AnswerEquivalence.builder().symbolic(python).build();
    Critic rules = Critics.rules(equivalence);
    Critic critic = QuickstartCritic.load(model, LlamaCppOptions.defaultThreads(Runtime.getRuntime().availableProcessors()), 0);
    Critic cascade = QuickstartCritic.cascade(equivalence, critic);
    Tally all = new Tally();
    Map<String, Tally> rows = new TreeMap<>();
    long t0 = System.nanoTime();
    for (Split split : List.of(Split.TEST_ID, Split.TEST_OOD)) {
      List<QuickstartCritic.Example> examples =
          QuickstartCritic.examples(world, split, python, QuickstartCritic.PER_PROBLEM, HELD_OUT_SEED);
      List<CritiqueRequest> requests = new ArrayList<>();
      for (QuickstartCritic.Example e : examples) {
        requests.add(e.request());
      }
      List<Verdict> byModel = critic.judgeAll(requests);
      List<Verdict> byRules = rules.judgeAll(requests);
      List<Verdict> byCascade = cascade.judgeAll(requests);
      for (int i = 0; i < examples.size(); i++) {
        QuickstartCritic.Example e = examples.get(i);
        Verdict r = byRules.get(i);
        boolean undecided = r.confidence() == 0.5;
        boolean rulesRight = !undecided && r.correct() == e.label();
        Outcome o = new Outcome(e.label(), byModel.get(i).correct() == e.label(), rulesRight,
            r.correct() == e.label(), undecided, byCascade.get(i).correct() == e.label());
        for (String key : new java.util.LinkedHashSet<>(List.of("all", split.label(), split.label() + " " + e.kind(),
            "by category: " + e.problem().category(),
            rulesRight ? "rules right" : "rules UNKNOWN or wrong",
            rulesRight ? "rules right" : undecided ? "rules UNKNOWN" : "rules wrong"))) {
          rows.computeIfAbsent(key, k -> new Tally()).add(o);
        }
        all.add(o);
      }
    }
    out.printf(Locale.ROOT, "held-out critic examples (world seed %d, test-id and test-ood, %d YES and %d NO per problem"
        + " where the forms allow, draw seed %d): %d examples, judged in %.0f s%n",
        world.seed(), QuickstartCritic.PER_PROBLEM, QuickstartCritic.PER_PROBLEM, HELD_OUT_SEED, all.n,
        (System.nanoTime() - t0) / 1e9);
    out.println();
    out.println("| subset | examples | YES share | model | rules decided right | rules' verdict right | rules undecided | cascade |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    List<String> keys = new ArrayList<>(rows.keySet());
    keys.remove("all");
    keys.add(0, "all");
    for (String k : keys) {
      Tally t = rows.get(k);
      out.printf(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %d | %.1f%% |%n", k, t.n,
          pct(t.yes, t.n), pct(t.model, t.n), pct(t.rules, t.n), pct(t.rulesVerdict, t.n), t.undecided,
          pct(t.cascade, t.n));
    }
    out.println();
    out.println("model: the critic model alone (5 votes at temperature 0.7, YES when at least half are YES);");
    out.println("rules decided right: Critics.rules with the sympy fallback decided, and rightly (undecided counts as wrong);");
    out.println("rules' verdict right: its verdict, which is NO for an undecided comparison, matches the label;");
    out.println("cascade: rules first, the model for what they leave undecided.");
    return 0;
  }

  private static double pct(int k, int n) {
    return n == 0 ? 0 : 100.0 * k / n;
  }

  private record Outcome(
      boolean label, boolean model, boolean rules, boolean rulesVerdict, boolean undecided, boolean cascade) {}

  private static final class Tally {
    int n;
    int yes;
    int model;
    int rules;
    int rulesVerdict;
    int undecided;
    int cascade;

    void add(Outcome o) {
      n++;
      yes += o.label() ? 1 : 0;
      model += o.model() ? 1 : 0;
      rules += o.rules() ? 1 : 0;
      rulesVerdict += o.rulesVerdict() ? 1 : 0;
      undecided += o.undecided() ? 1 : 0;
      cascade += o.cascade() ? 1 : 0;
    }
  }
}
