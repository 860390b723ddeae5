package dev.siam4j.benchmarks.data;

import dev.siam4j.alignment.decontamination.Decontaminator;
import dev.siam4j.alignment.export.ExportFormat;
import dev.siam4j.alignment.export.TrainingDataExporter;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.preference.TrainingDataStatistics;
import dev.siam4j.alignment.quality.QualityPolicy;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Execution;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.Solution;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Throughput of turning judged samples into training data, in judged samples per second: the
 * paper builder without quality rules (baseline), with the paper's rules, with the strict rules,
 * and with statistics and a TRL export added; and decontamination checks per second against a
 * 13-gram index of 5,000 evaluation questions, against lower-casing and splitting the same
 * questions. All measured in the same run, median of 5 after a warm-up.
 *
 * <p>Run: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*'
 * dev.siam4j.benchmarks.data.TrainingDataBenchmark [problems]}
 */
public final class TrainingDataBenchmark {
  private static final int SAMPLES_PER_PROBLEM = 8;

  private TrainingDataBenchmark() {}

  /**
   * Entry point; prints the measurements.
   *
   * @param args optional number of problems (default 20,000)
   * @throws IOException when the temporary export folder cannot be written
   */
  public static void main(String[] args) throws IOException {
    int problems = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    List<JudgedProblem> data = new ArrayList<>(problems);
    for (int i = 0; i < problems; i++) {
      data.add(problem(i));
    }
    long samples = (long) problems * SAMPLES_PER_PROBLEM;
    Path dir = Files.createTempDirectory("siam4j-bench-data");
    PreferenceBuilder none = PreferenceBuilders.builder().quality(QualityPolicy.none()).build();
    PreferenceBuilder paper = PreferenceBuilders.paper();
    PreferenceBuilder strict = PreferenceBuilders.builder().quality(QualityPolicy.strict()).build();
    System.out.printf("%d problems x %d samples, %d cores, java %s%n", problems,
        SAMPLES_PER_PROBLEM, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    report("builder, no quality rules (baseline)", samples, () -> data.forEach(none::build));
    report("builder, paper quality rules", samples, () -> data.forEach(paper::build));
    report("builder, strict quality rules", samples, () -> data.forEach(strict::build));
    report("paper + statistics + TRL export", samples, () -> {
      TrainingDataStatistics stats = TrainingDataStatistics.create();
      try (TrainingDataExporter out = TrainingDataExporter.open(ExportFormat.TRL, dir)) {
        for (JudgedProblem jp : data) {
          TrainingExamples t = paper.build(jp);
          stats.record(jp, t);
          t.sft().forEach(out::write);
          t.pairs().forEach(out::write);
        }
      }
    });

    Decontaminator.Builder index = Decontaminator.builder();
    for (int i = 0; i < 5_000; i++) {
      index.add("eval", "e" + i, "An evaluation question number " + i + " asks how many marbles "
          + "remain when " + (i * 7 % 97) + " of them roll under the sofa and " + (i % 13)
          + " are found again later that week by the cat.");
    }
    Decontaminator d = index.build();
    List<Problem> questions = data.stream().map(JudgedProblem::problem).toList();
    report("lower-case and split words (baseline)", questions.size(),
        () -> questions.forEach(q -> q.question().toLowerCase(java.util.Locale.ROOT).split("\\W+")));
    report("decontamination check, 13-grams", questions.size(), () -> questions.forEach(d::check));
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static void report(String name, long items, Runnable work) {
    work.run(); // warm-up
    double[] rates = new double[5];
    for (int r = 0; r < rates.length; r++) {
      long t0 = System.nanoTime();
      work.run();
      rates[r] = items / ((System.nanoTime() - t0) / 1e9);
    }
    Arrays.sort(rates);
    System.out.printf("%-40s %,12.0f items/s (min %,.0f, max %,.0f)%n", name, rates[2], rates[0],
        rates[4]);
  }

  /** A problem with a mix of approved, wrong, crashed and sandbox-failed samples. */
  private static JudgedProblem problem(int index) {
    SplittableRandom r = new SplittableRandom(index);
    int a = 2 + r.nextInt(500);
    int b = 2 + r.nextInt(90);
    String question = "Sam has " + a + " pens and buys " + b + " more. How many pens does Sam have?";
    Problem p = Problem.of("q" + index, question, Integer.toString(a + b), "bench");
    Prompt prompt = Prompt.raw("Question: " + question + "\nWrite a Python program.\n");
    List<JudgedSample> samples = new ArrayList<>(SAMPLES_PER_PROBLEM);
    for (int i = 0; i < SAMPLES_PER_PROBLEM; i++) {
      int kind = r.nextInt(10);
      String code;
      Execution e;
      Verdict v;
      if (kind < 4) {
        code = kind == 3 ? "print(" + (a + b) + ")" : "x = " + a + "\ny = " + b + "\nprint(x + y)  # " + i;
        e = Execution.ok((a + b) + "\n", Integer.toString(a + b), Duration.ofMillis(3));
        v = new Verdict(true, 0.5 + 0.5 * r.nextDouble(), "llm", Optional.empty());
      } else if (kind < 7) {
        code = "print(" + a + " * " + b + " + " + i + ")";
        e = Execution.ok("0\n", Integer.toString(a * b + i), Duration.ofMillis(3));
        v = Verdict.of(false, "rules");
      } else if (kind < 9) {
        code = "print(" + a + " / 0 + " + i + ")";
        e = new Execution(Outcome.ERROR, 1, "", "ZeroDivisionError", "", Duration.ofMillis(3),
            Optional.empty());
        v = Verdict.of(false, "rules");
      } else {
        code = "print(" + a + " + " + b + ")";
        e = Execution.sandboxFailure("worker died", Duration.ZERO);
        v = Verdict.of(false, "rules");
      }
      Solution s = new Solution(new SampleKey(p.id(), i, 0), prompt,
          new Completion("```python\n" + code + "\n```", Completion.FinishReason.STOP, 0, 0), code);
      samples.add(new JudgedSample(s, e, v));
    }
    return new JudgedProblem(p, samples);
  }
}
