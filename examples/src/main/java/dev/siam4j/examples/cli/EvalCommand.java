package dev.siam4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Critic;
import dev.siam4j.core.Execution;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.extraction.FinalAnswerExtractor;
import dev.siam4j.critic.evaluation.Evaluation;
import dev.siam4j.critic.evaluation.Evaluator;
import dev.siam4j.critic.evaluation.ExecutedSample;
import dev.siam4j.critic.evaluation.Metrics;
import dev.siam4j.critic.llm.LlmCritic;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code siam4j eval}: scores a benchmark split by rules and by a critic side by side (accuracy,
 * pass@1, maj@k, agreement matrix, per source). Two modes:
 *
 * <ul>
 *   <li>{@code --model FILE.gguf --problems FILE.jsonl}: generate {@code --samples} programs per
 *       problem with llama.cpp, run them in the sandbox, judge them;
 *   <li>{@code --predictions FILE.jsonl}: score samples that were already generated and run (one
 *       line each: {@code id}, {@code reference}, {@code prediction}, optional {@code question},
 *       {@code code}, {@code source}, {@code sample}, {@code outcome}).
 * </ul>
 *
 * <p>Writes the report as JSON to stdout or {@code --output}, optionally Markdown to
 * {@code --markdown}, and a summary line to stderr.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluates a model on a benchmark split, rule- and critic-scored.")
final class EvalCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE.gguf", description = "The policy model (with --problems).")
  Path model;

  @Option(names = "--problems", paramLabel = "FILE",
      description = "JSONL problems: question, answer (or reference), optional id, source.")
  Path problems;

  @Option(names = "--format", paramLabel = "NAME",
      description = "Format of --problems: plain (default; id, question, answer), gsm8k or math.")
  String format = "plain";

  @Option(names = "--predictions", paramLabel = "FILE",
      description = "JSONL of executed samples to score instead of generating.")
  Path predictions;

  @Option(names = "--samples", paramLabel = "K", description = "Samples per problem (default 1, greedy).")
  Integer samples;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Tokens per completion (default 512).")
  Integer maxTokens;

  @Option(names = "--seed", paramLabel = "N", description = "Base seed (default 0).")
  Long seed;

  @Option(names = "--threads", paramLabel = "N", description = "llama.cpp threads.")
  Integer threads;

  @Option(names = "--context", paramLabel = "N", description = "llama.cpp context size (default 4096).")
  Integer context;

  @Option(names = "--critic", paramLabel = "KIND",
      description = "rules (default) or cascade (rules, then the model itself as LLM critic).")
  String critic;

  @Option(names = "--critic-votes", paramLabel = "N", description = "Votes of the LLM critic (default 5).")
  Integer criticVotes;

  @Option(names = "--no-symbolic", description = "Rules without the sympy fallback.")
  boolean noSymbolic;

  @Option(names = "--extract",
      description = "Predictions are solution texts: score their final answers (last \\boxed{}, "
          + "\"the answer is\", \"答案是\", last formula or number).")
  boolean extract;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the JSON report here.")
  Path output;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown table here.")
  Path markdown;

  @Override
  public Integer call() throws IOException {
    boolean generate = model != null || problems != null;
    if (generate == (predictions != null)) {
      throw new UsageException("eval takes --model FILE.gguf --problems FILE.jsonl, or --predictions FILE.jsonl");
    }
    if (generate && (model == null || problems == null)) {
      throw new UsageException("eval needs both --model and --problems");
    }
    String kind = critic == null ? "rules" : critic.toLowerCase(Locale.ROOT);
    if (!kind.equals("rules") && !kind.equals("cascade")) {
      throw new UsageException("--critic must be rules or cascade, was " + critic);
    }
    if (kind.equals("cascade") && !generate) {
      throw new UsageException("--critic cascade needs --model (the model is the LLM critic)");
    }
    if (criticVotes != null && !kind.equals("cascade")) {
      throw new UsageException("--critic-votes applies to --critic cascade only");
    }
    for (Path p : new Path[] {model, problems, predictions}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new UsageException(p + ": no such file");
      }
    }
    Evaluation result;
    try (PythonSandbox sandbox = noSymbolic && !generate ? null
        : PythonSandbox.builder().wallTime(Duration.ofSeconds(10)).build()) {
      AnswerEquivalence.Builder rb = AnswerEquivalence.builder();
      if (sandbox != null && !noSymbolic) {
        rb.symbolic(sandbox);
      }
      AnswerEquivalence rules = extract ? FinalAnswerExtractor.standard().wrap(rb.build()) : rb.build();
      if (generate) {
        result = generateAndScore(sandbox, rules, kind);
      } else {
        result = Evaluator.builder().rules(rules).critic(Critics.rules(rules)).build().score(readPredictions());
      }
    } catch (InvalidInputException e) {
      throw new UsageException(e.getMessage());
    }
    String json = result.report().toJson();
    if (output != null) {
      write(output, json + "\n");
    } else {
      spec.commandLine().getOut().println(json);
      spec.commandLine().getOut().flush();
    }
    if (markdown != null) {
      write(markdown, result.report().toMarkdown());
    }
    Metrics all = result.report().overall();
    PrintWriter err = spec.commandLine().getErr();
    err.println(String.format(Locale.ROOT,
        "evaluated %d problems, %d samples: rule accuracy %.1f%%, critic accuracy %.1f%%, agreement %.1f%%",
        all.problems(), all.samples(), 100 * all.rules().accuracy(), 100 * all.critic().accuracy(),
        100 * all.agreement().agreementRate()));
    err.flush();
    return 0;
  }

  private Evaluation generateAndScore(CodeExecutor sandbox, AnswerEquivalence rules, String kind) {
    List<Problem> list = readProblems();
    LlamaCppOptions.Builder ob = LlamaCppOptions.builder(model).contextSize(context == null ? 4096 : context);
    if (threads != null) {
      ob.threads(threads);
    }
    try (LlamaCppGenerator generator = LlamaCppGenerator.open(ob.build())) {
      Critic judge = Critics.rules(rules);
      if (kind.equals("cascade")) {
        LlmCritic.Builder lb = LlmCritic.builder().generator(generator);
        if (criticVotes != null) {
          lb.votes(criticVotes);
        }
        judge = Critics.cascade(rules, lb.build());
      }
      int k = samples == null ? 1 : samples;
      SamplingOptions sampling = k == 1 ? SamplingOptions.GREEDY : SamplingOptions.DEFAULT;
      if (maxTokens != null) {
        sampling = sampling.withMaxTokens(maxTokens);
      }
      Evaluator.Builder eb =
          Evaluator.builder().generator(generator).executor(sandbox).rules(rules).critic(judge)
              .samplesPerProblem(k).sampling(sampling);
      if (seed != null) {
        eb.seed(seed);
      }
      return eb.build().evaluate(list);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private List<Problem> readProblems() {
    List<Problem> out;
    try (java.util.stream.Stream<Problem> stream = ProblemFiles.open(problems, format).open()) {
      out = stream.toList();
    } catch (dev.siam4j.core.InvalidInputException e) {
      throw ProblemFiles.asUsage(e);
    }
    if (out.isEmpty()) {
      throw new UsageException(problems + ": no problems");
    }
    return out;
  }

  private List<ExecutedSample> readPredictions() {
    List<ExecutedSample> out = new ArrayList<>();
    String source = predictions.getFileName().toString().replaceFirst("\\.jsonl$", "");
    try (JsonlReader reader = JsonlReader.open(predictions)) {
      for (JsonlReader.Line line : reader) {
        JsonNode n = line.json();
        String id = required(line, "id");
        String reference = required(line, "reference");
        String prediction = n.hasNonNull("prediction") ? n.get("prediction").asText() : "";
        Outcome outcome;
        try {
          outcome = Outcome.valueOf(JudgeCommand.optionalText(n, "outcome").orElse("OK").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new UsageException(line.where() + "unknown outcome " + n.get("outcome").asText());
        }
        String stdout = JudgeCommand.optionalText(n, "stdout").orElse(prediction.isEmpty() ? "" : prediction + "\n");
        Execution e = new Execution(outcome, outcome.isSuccess() ? 0 : 1, stdout, "", prediction, Duration.ZERO, Optional.empty());
        Problem p = new Problem(id, JudgeCommand.optionalText(n, "question").orElse("(question not given)"),
            reference, JudgeCommand.optionalText(n, "source").orElse(source), Locale.ENGLISH, Map.of());
        int sample = n.hasNonNull("sample") ? n.get("sample").asInt() : 0;
        out.add(new ExecutedSample(p, sample, JudgeCommand.optionalText(n, "code").orElse(""), e));
      }
    }
    return out;
  }

  private static String required(JsonlReader.Line line, String field) {
    JsonNode v = line.json().get(field);
    if (v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank()) {
      throw new UsageException(line.where() + "needs a field \"" + field + "\"");
    }
    return v.asText();
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
