package dev.siam4j.examples;

import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Critic;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.llama.LlamaCpp;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recipe: substitute a component. Here the critic is the host's own: it lets the standard rules
 * judge, but refuses any program that prints its answer as a bare literal ("print(42)"), the
 * reward hack a self-training model finds first. Every other part is the default. Runs offline on
 * a tiny model it writes.
 *
 * <pre>
 * ./siam4j example CustomCritic [RUN_FOLDER]
 * </pre>
 */
public final class CustomCritic {
  private CustomCritic() {}

  /**
   * A critic that wraps another and says NO to programs that only print a literal.
   *
   * @param inner the critic that judges every other program
   * @param refused counts the programs refused
   * @return the wrapping critic
   */
  public static Critic refusingLiterals(Critic inner, AtomicInteger refused) {
    return request -> {
      String code = request.code().strip();
      if (code.matches("print\\(\\s*-?[0-9./]+\\s*\\)")) {
        refused.incrementAndGet();
        return Verdict.of(false, 0.0, "no-literals", "the program prints a literal");
      }
      return inner.judge(request);
    };
  }

  /**
   * Runs one iteration with the custom critic.
   *
   * @param runFolder where the run goes
   * @return the result
   * @throws IOException when the run folder cannot be created
   */
  public static LoopResult run(Path runFolder) throws IOException {
    Files.createDirectories(runFolder);
    Path model = LlamaModelFactory.writeAnswering("print(42)\n```", runFolder.resolve("demo.gguf"));
    List<Problem> problems =
        List.of(
            Problem.of("q1", "What is 6 times 7?", "42", "demo"),
            Problem.of("q2", "What is 40 plus 2?", "42", "demo"));
    AtomicInteger refused = new AtomicInteger();
    try (PythonSandbox sandbox = PythonSandbox.builder().workers(1).build()) {
      Critic critic =
          refusingLiterals(Critics.rules(AnswerEquivalence.builder().symbolic(sandbox).build()), refused);
      return SelfImprovementLoop.builder()
          .problems(problems)
          .policy(Checkpoint.of(model),
              LlamaCpp.policyLoader(LlamaCppOptions.builder(model).contextSize(2048).threads(1).build()))
          .executor(sandbox)
          .critic(critic)
          .preferenceBuilder(PreferenceBuilders.paper())
          .samplesPerProblem(2)
          .runFolder(runFolder.resolve("run"))
          .build()
          .run();
    }
  }

  /**
   * Entry point.
   *
   * @param args the run folder (default {@code runs/custom-critic})
   * @throws IOException when the run folder cannot be created
   */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "runs/custom-critic");
    LoopResult r = run(folder);
    System.out.println("approved " + r.iterations().get(0).approved() + " of "
        + r.iterations().get(0).samples() + " samples; judges " + r.iterations().get(0).judges());
    System.exit(0);
  }
}
