package dev.siam4j.examples;

import dev.siam4j.core.Problem;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.core.problems.ProblemSources;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.evaluation.Evaluation;
import dev.siam4j.critic.evaluation.Evaluator;
import dev.siam4j.critic.llm.LlmCritic;
import dev.siam4j.sandbox.PythonSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recipe: evaluate a GGUF model on a benchmark split without training, scored by rules and by the
 * critic side by side (the paper's complementary evaluation): accuracy, pass@1, maj@k and the
 * agreement matrix, as a Markdown table.
 *
 * <pre>
 * ./siam4j example EvaluateOnly model.gguf gsm8k-test.jsonl gsm8k [samples]
 * </pre>
 */
public final class EvaluateOnly {
  private EvaluateOnly() {}

  /**
   * @param model the policy (also the LLM critic for what the rules leave undecided)
   * @param problems the split
   * @param format plain, gsm8k or math
   * @param samples programs per problem
   * @return the evaluation
   */
  public static Evaluation evaluate(Path model, Path problems, String format, int samples) {
    List<Problem> list;
    try (Stream<Problem> s =
        (switch (format) {
              case "gsm8k" -> ProblemSources.gsm8k(problems);
              case "math" -> ProblemSources.math(problems);
              default -> ProblemSources.plain(problems);
            })
            .open()) {
      list = s.toList();
    }
    try (LlamaCppGenerator generator =
            LlamaCppGenerator.open(LlamaCppOptions.builder(model).contextSize(4096).build());
        PythonSandbox sandbox = PythonSandbox.builder().build()) {
      AnswerEquivalence rules = AnswerEquivalence.builder().symbolic(sandbox).build();
      return Evaluator.builder()
          .generator(generator)
          .executor(sandbox)
          .rules(rules)
          .critic(Critics.cascade(rules, LlmCritic.builder().generator(generator).build()))
          .samplesPerProblem(samples)
          .sampling(samples == 1 ? SamplingOptions.GREEDY : SamplingOptions.DEFAULT)
          .build()
          .evaluate(list);
    }
  }

  /**
   * Entry point: {@code EvaluateOnly MODEL.gguf PROBLEMS.jsonl [plain|gsm8k|math] [SAMPLES]}.
   *
   * @param args the model file, the problem file, the field mapping and the samples per problem
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: EvaluateOnly MODEL.gguf PROBLEMS.jsonl [plain|gsm8k|math] [SAMPLES]");
      System.exit(2);
    }
    String format = args.length > 2 ? args[2] : "plain";
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    System.out.println(evaluate(Path.of(args[0]), Path.of(args[1]), format, samples).report().toMarkdown());
    System.exit(0);
  }
}
