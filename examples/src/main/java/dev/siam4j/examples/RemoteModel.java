package dev.siam4j.examples;

import dev.siam4j.core.Problem;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.openai.OpenAiGenerator;
import dev.siam4j.core.problems.ProblemSources;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.evaluation.Evaluation;
import dev.siam4j.critic.evaluation.Evaluator;
import dev.siam4j.sandbox.PythonSandbox;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Recipe: generate with a model behind one or more OpenAI-compatible servers (vLLM, SGLang,
 * llama-server replicas), run the programs in the sandbox and score them: the scale-out path for
 * generation. Requests are balanced over the servers and fail over when one dies. The same
 * generator plugs into {@code SelfImprovementLoop.builder().generator(..)}.
 *
 * <pre>
 * ./siam4j example RemoteModel http://gpu-1:8000/v1,http://gpu-2:8000/v1 my-model problems.jsonl [samples]
 * </pre>
 *
 * The API key, if the servers want one, comes from {@code OPENAI_API_KEY}.
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
    return evaluate(List.of(baseUrl), modelName, problems, samples);
  }

  /**
   * Evaluates a model served by several replicas on a plain problem file.
   *
   * @param baseUrls the replicas' OpenAI-compatible base URLs, 8 requests in flight each
   * @param modelName the model the servers serve
   * @param problems plain JSONL problems
   * @param samples programs per problem
   * @return the evaluation
   */
  public static Evaluation evaluate(List<String> baseUrls, String modelName, Path problems, int samples) {
    Objects.requireNonNull(baseUrls, "baseUrls");
    String key = System.getenv("OPENAI_API_KEY");
    OpenAiGenerator.Builder g = OpenAiGenerator.builder().model(modelName);
    for (String url : baseUrls) {
      Endpoint e = Endpoint.of(url, 8);
      g.endpoint(key == null || key.isBlank() ? e : e.withApiKey(key));
    }
    List<Problem> list;
    try (Stream<Problem> s = ProblemSources.plain(problems).open()) {
      list = s.toList();
    }
    try (OpenAiGenerator generator = g.build();
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

  /**
   * Entry point: {@code RemoteModel BASE_URL[,BASE_URL...] MODEL PROBLEMS.jsonl [SAMPLES]}.
   *
   * @param args comma-separated server base URLs, the model name, the problem file and the samples
   *     per problem
   */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: RemoteModel BASE_URL[,BASE_URL...] MODEL PROBLEMS.jsonl [SAMPLES]");
      System.exit(2);
    }
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<String> urls = Arrays.stream(args[0].split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
    System.out.println(evaluate(urls, args[1], Path.of(args[2]), samples).report().toMarkdown());
    System.exit(0);
  }
}
