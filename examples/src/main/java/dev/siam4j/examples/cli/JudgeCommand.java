package dev.siam4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.critic.llm.LlmCritic;
import dev.siam4j.critic.extraction.FinalAnswerExtractor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import dev.siam4j.core.Execution;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Comparison;
import dev.siam4j.critic.equivalence.Equivalence;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code siam4j judge --input cases.jsonl}: judges each line's {@code prediction} against its
 * {@code reference} (optional {@code id}, {@code question}, {@code code} are carried along) with
 * the rule-based answer equivalence, falling back to sympy in the sandbox (started only when
 * needed; {@code --no-symbolic} to skip). With {@code --model FILE.gguf}, what rules and sympy
 * leave undecided goes to that model as the code-based LLM critic (the cascade), which also sees
 * {@code question} and {@code code}. Writes one verdict JSON per line, in input order, to stdout
 * or {@code --output}, and one summary line to stderr.
 *
 * <p>With {@code --extract}, predictions and references are solution texts and their final answers
 * are compared ({@link FinalAnswerExtractor}); {@code --percent-scaling} and
 * {@code --absolute-tolerance} turn on the equivalence's options. Nothing in the input aborts a
 * run: a missing or null prediction is NOT_EQUAL ("missing prediction"), error text as the
 * prediction is NOT_EQUAL, and a line without a reference or that is not JSON is written in its
 * place with an {@code error} and not judged; the exit code is 0.
 */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = "Judges predictions against references; writes verdict JSONL and a summary.")
final class JudgeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "JSONL with reference, prediction and optional id, question, code.")
  Path input;

  @Option(names = "--output", paramLabel = "FILE", description = "Write JSONL here instead of stdout.")
  Path output;

  @Option(names = "--no-symbolic", description = "Rules only: no sympy fallback.")
  boolean noSymbolic;

  @Option(names = "--symbolic-timeout", paramLabel = "DURATION",
      converter = ExecCommand.DurationConverter.class,
      description = "Time for one sympy check (default 5s).")
  Duration symbolicTimeout;

  @Option(names = "--model", paramLabel = "FILE.gguf",
      description = "An LLM critic for what the rules leave undecided.")
  Path model;

  @Option(names = "--critic-votes", paramLabel = "N", description = "Votes of the LLM critic (default 5).")
  Integer criticVotes;

  @Option(names = "--tolerance", paramLabel = "REL",
      description = "Relative tolerance for non-integers (default 1e-8).")
  Double tolerance;

  @Option(names = "--absolute-tolerance", paramLabel = "ABS",
      description = "Numbers that differ by at most ABS are equal, integers included (default: off).")
  Double absoluteTolerance;

  @Option(names = "--percent-scaling",
      description = "A number also matches a hundred times or a hundredth of itself: 0.7 = 70 (default: off).")
  boolean percentScaling;

  @Option(names = "--extract",
      description = "Predictions and references are solution texts: compare their final answers "
          + "(last \\boxed{}, \"the answer is\", \"答案是\", last formula or number).")
  boolean extract;

  /**
   * One output line.
   *
   * @param id the input id, or the line number
   * @param reference the reference answer
   * @param prediction the predicted answer
   * @param result what rules and sympy found: EQUAL, NOT_EQUAL or UNKNOWN
   * @param correct the verdict: EQUAL, or the LLM critic's YES for UNKNOWN
   * @param confidence 1 for EQUAL, 0 for NOT_EQUAL, 0.5 for UNKNOWN, the LLM critic's otherwise
   * @param judge rules, sympy or llm
   * @param rationale why
   * @param error why the line could not be judged (no reference, not JSON), else null
   */
  record JudgedCase(
      String id, String reference, String prediction, Equivalence result, boolean correct,
      double confidence, String judge, String rationale, String error) {}

  /** Starts the sandbox on the first symbolic check only. */
  private static final class LazySandbox implements CodeExecutor, AutoCloseable {
    private PythonSandbox sandbox;

    @Override
    public synchronized Execution execute(String code) {
      if (sandbox == null) {
        sandbox = PythonSandbox.builder().workers(1).wallTime(Duration.ofSeconds(30)).build();
      }
      return sandbox.execute(code);
    }

    @Override
    public synchronized void close() {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(input)) {
      throw new UsageException(input + ": no such file");
    }
    AnswerEquivalence.Builder b = AnswerEquivalence.builder();
    LazySandbox sandbox = noSymbolic ? null : new LazySandbox();
    try {
      if (tolerance != null) {
        b.relativeTolerance(tolerance);
      }
      if (absoluteTolerance != null) {
        b.absoluteTolerance(absoluteTolerance);
      }
      if (percentScaling) {
        b.percentScaling(true);
      }
      if (sandbox != null) {
        b.symbolic(sandbox);
        if (symbolicTimeout != null) {
          b.symbolicTimeout(symbolicTimeout);
        }
      } else if (symbolicTimeout != null) {
        throw new UsageException("--symbolic-timeout does not apply with --no-symbolic");
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (model != null && !Files.isRegularFile(model)) {
      throw new UsageException(model + ": no such file");
    }
    if (criticVotes != null && model == null) {
      throw new UsageException("--critic-votes needs --model");
    }
    AnswerEquivalence equivalence = AnswerEquivalence.cached(
        extract ? FinalAnswerExtractor.standard().wrap(b.build()) : b.build(), 100_000);
    List<JudgedCase> judged = new ArrayList<>();
    List<CritiqueRequest> undecided = new ArrayList<>();
    List<Integer> undecidedAt = new ArrayList<>();
    int errors = 0;
    try (JsonlReader reader = JsonlReader.open(input)) {
      Iterator<JsonlReader.Line> lines = reader.iterator();
      while (true) {
        JsonlReader.Line line;
        try {
          if (!lines.hasNext()) {
            break;
          }
          line = lines.next();
        } catch (JsonlReader.LineException e) {
          // a line that is not JSON is reported in place and the rest is judged
          judged.add(new JudgedCase(Long.toString(e.line()), null, null, Equivalence.UNKNOWN, false, 0.0, "none",
              "", input + ":" + e.line() + ": " + e.reason()));
          errors++;
          continue;
        }
        String id = optionalText(line.json(), "id").orElse(Long.toString(line.number()));
        Optional<String> reference = field(line.json(), "reference");
        Optional<String> prediction = field(line.json(), "prediction");
        if (reference.isEmpty()) {
          judged.add(new JudgedCase(id, null, prediction.orElse(null), Equivalence.UNKNOWN, false, 0.0, "none",
              "", line.where() + "needs a field \"reference\""));
          errors++;
          continue;
        }
        if (prediction.isEmpty()) {
          judged.add(new JudgedCase(id, reference.get(), null, Equivalence.NOT_EQUAL, false, 0.0, "rules",
              "missing prediction", null));
          continue;
        }
        Comparison c = equivalence.compare(reference.get(), prediction.get());
        if (c.result() == Equivalence.UNKNOWN && model != null) {
          undecidedAt.add(judged.size());
          undecided.add(new CritiqueRequest(
              new Problem(id, optionalText(line.json(), "question").orElse("(question not given)"),
                  reference.get(), "judge", Locale.ENGLISH, Map.of()),
              optionalText(line.json(), "code").orElse(""),
              Execution.ok(prediction.get() + "\n", prediction.get(), Duration.ZERO)));
        }
        judged.add(new JudgedCase(
            id, reference.get(), prediction.get(), c.result(), c.result() == Equivalence.EQUAL,
            c.result() == Equivalence.EQUAL ? 1.0 : c.result() == Equivalence.NOT_EQUAL ? 0.0 : 0.5,
            c.result() == Equivalence.UNKNOWN ? "rules" : c.method(), c.reason(), null));
      }
    } catch (InvalidInputException e) {
      throw new UsageException(e.getMessage());
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
    int byLlm = 0;
    if (!undecided.isEmpty()) {
      try (LlamaCppGenerator generator = LlamaCppGenerator.open(LlamaCppOptions.builder(model).build())) {
        LlmCritic.Builder lb = LlmCritic.builder().generator(generator);
        if (criticVotes != null) {
          lb.votes(criticVotes);
        }
        List<Verdict> verdicts = lb.build().judgeAll(undecided);
        for (int k = 0; k < verdicts.size(); k++) {
          int i = undecidedAt.get(k);
          JudgedCase c = judged.get(i);
          Verdict v = verdicts.get(k);
          judged.set(i, new JudgedCase(c.id(), c.reference(), c.prediction(), c.result(), v.correct(),
              v.confidence(), v.judge(), v.rationale().orElse(""), null));
          byLlm++;
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    int[] counts = new int[3];
    int bySympy = 0;
    int n = judged.size();
    try (PrintWriter w = openOutput()) {
      for (JudgedCase c : judged) {
        counts[c.result().ordinal()]++;
        bySympy += c.judge().equals("sympy") ? 1 : 0;
        w.println(Json.toLine(c));
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(String.format(Locale.ROOT,
        "judged %d: %d equal, %d not equal, %d unknown (%d by sympy%s)%s",
        n - errors, counts[0], counts[1], counts[2] - errors, bySympy,
        model == null ? "" : ", " + byLlm + " by the LLM critic",
        errors == 0 ? "" : "; " + errors + (errors == 1 ? " line" : " lines") + " not judged (see \"error\")"));
    err.flush();
    return 0;
  }

  /** A field as text: a JSON array or object as its JSON text; empty when missing or null. */
  private static Optional<String> field(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(v.isContainerNode() ? v.toString() : v.asText());
  }

  private PrintWriter openOutput() {
    if (output == null) {
      return new PrintWriter(spec.commandLine().getOut()) {
        @Override
        public void close() {
          flush(); // the command line owns stdout
        }
      };
    }
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
  }

  static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }
}
