package dev.siam4j.core;

/**
 * Turns the judged samples of a problem into training data, after quality control: SFT examples
 * from approved solutions and preference pairs of approved against rejected ones.
 *
 * <p>The loop calls it once per problem, so memory stays bounded however many problems there are.
 * Implementations are thread-safe and deterministic for the same input.
 */
@FunctionalInterface
public interface PreferenceBuilder {

  /**
   * @param problem a problem and all of its judged samples of one iteration
   * @return the SFT examples and pairs made of it, with counts of what was dropped and why
   */
  TrainingExamples build(JudgedProblem problem);
}
