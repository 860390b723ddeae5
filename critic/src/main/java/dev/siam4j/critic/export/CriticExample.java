package dev.siam4j.critic.export;

import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Verdict;
import dev.siam4j.critic.llm.CriticPrompt;
import java.util.Objects;

/**
 * One training example for a dedicated critic model, as the paper trains one: the four inputs,
 * the label, and the same example rendered as a prompt/completion pair for SFT.
 *
 * @param problemId the problem's id
 * @param question the question
 * @param reference the reference answer
 * @param code the program
 * @param output what the critic sees of the execution (stdout, and the error for failed runs)
 * @param label whether the answer is correct
 * @param judge who labelled it ("rules", "sympy", "llm", "human")
 * @param confidence the labeller's confidence in YES
 * @param prompt the critic prompt, rendered
 * @param completion "YES" or "NO"
 */
public record CriticExample(
    String problemId,
    String question,
    String reference,
    String code,
    String output,
    boolean label,
    String judge,
    double confidence,
    String prompt,
    String completion) {

  /**
   * Validates.
   *
   * @param problemId the problem's id, not null
   * @param question the question, not null
   * @param reference the reference answer, not null
   * @param code the program, not null
   * @param output what the critic sees of the execution, not null
   * @param label whether the answer is correct
   * @param judge who labelled it, not null
   * @param confidence the labeller's confidence in YES
   * @param prompt the rendered critic prompt, not null
   * @param completion "YES" or "NO", not null
   */
  public CriticExample {
    Objects.requireNonNull(problemId, "problemId");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(judge, "judge");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(completion, "completion");
  }

  /**
   * @param request what was judged
   * @param verdict its label
   * @param template the critic prompt to render (the one the trained critic will see)
   * @return the example
   */
  public static CriticExample of(CritiqueRequest request, Verdict verdict, CriticPrompt template) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(template, "template");
    return new CriticExample(
        request.problem().id(),
        request.problem().question(),
        request.problem().referenceAnswer(),
        request.code(),
        CriticDataset.output(request),
        verdict.correct(),
        verdict.judge(),
        verdict.confidence(),
        template.render(request).flatten(),
        verdict.correct() ? "YES" : "NO");
  }
}
