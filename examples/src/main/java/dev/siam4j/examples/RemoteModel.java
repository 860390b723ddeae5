package dev.siam4j.examples;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.langchain4j.LangChain4jGenerator;
import dev.siam4j.core.problems.ProblemSources;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.evaluation.Evaluation;
import dev.siam4j.critic.evaluation.Evaluator;
import dev.siam4j.sandbox.PythonSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recipe: generate with a model behind an OpenAI-compatible server (vLLM, llama-server, any
 * provider LangChain4j speaks), run the programs in the sandbox and score them: the scale-out path
 * for generation. The same generator plugs into {@code SelfImprovementLoop.builder().generator(..)}.
 *
 * <pre>
 * ./siam4j example RemoteModel http://localhost:8000/v1 my-model problems.jsonl [samples]
 * </pre>
 *
 * The API key comes from {@code OPENAI_API_KEY} (any value for servers that ignore it).
 */
public final class RemoteModel {
  private RemoteModel() {}

  /**
   * Evaluates a remote model on a plain problem file.
   *
   * @param baseUrl the server's OpenAI-compatible base URL ("http://host:8000/v1")
   * @param modelName the model the server serves
   * @param problems plain JSONL problems
   * @param samples programs per problem
   * @return the evaluation
   */
  public static Evaluation evaluate(String baseUrl, String modelName, Path problems, int samples) {
    OpenAiChatModel chat =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "none"))
            .modelName(modelName)
            .build();
    List<Problem> list;
    try (Stream<Problem> s = ProblemSources.plain(problems).open()) {
      list = s.toList();
    }
    try (LangChain4jGenerator generator = LangChain4jGenerator.builder(chat).maxConcurrency(8).build();
        PythonSandbox sandbox = PythonSandbox.builder().build()) {
      AnswerEquivalence rules = AnswerEquivalence.builder().symbolic(sandbox).build();
      return Evaluator.builder()
          .generator(generator)
          .executor(sandbox)
          .rules(rules)
          .critic(Critics.rules(rules))
          .samplesPerProblem(samples)
          .sampling(SamplingOptions.DEFAULT.withMaxTokens(512))
          .build()
          .evaluate(list);
    }
  }

  /** Entry point: {@code RemoteModel BASE_URL MODEL PROBLEMS.jsonl [SAMPLES]}. */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: RemoteModel BASE_URL MODEL PROBLEMS.jsonl [SAMPLES]");
      System.exit(2);
    }
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    System.out.println(evaluate(args[0], args[1], Path.of(args[2]), samples).report().toMarkdown());
    System.exit(0);
  }
}
