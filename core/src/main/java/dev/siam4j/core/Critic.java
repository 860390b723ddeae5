package dev.siam4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Judges whether a program's output answers a problem correctly, given its reference answer. The
 * paper's code-based critic sees question, reference, code and execution output.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface Critic {

  /**
   * Judges one solution.
   *
   * @param request problem with reference answer, program, execution
   * @return the verdict
   * @throws CritiqueFailedException when the critic itself fails
   */
  Verdict judge(CritiqueRequest request);

  /**
   * Judges one solution; same as {@link #judge(CritiqueRequest)}.
   *
   * @param problem the problem, with its reference answer
   * @param code the program
   * @param execution what running it gave
   * @return the verdict
   * @throws CritiqueFailedException when the critic itself fails
   */
  default Verdict judge(Problem problem, String code, Execution execution) {
    return judge(new CritiqueRequest(problem, code, execution));
  }

  /**
   * Judges several solutions; the default judges them one after another. Critics backed by a
   * model override it to batch.
   *
   * @param requests the solutions
   * @return one verdict per request, in order
   */
  default List<Verdict> judgeAll(List<CritiqueRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    List<Verdict> out = new ArrayList<>(requests.size());
    for (CritiqueRequest r : requests) {
      out.add(judge(r));
    }
    return out;
  }
}
