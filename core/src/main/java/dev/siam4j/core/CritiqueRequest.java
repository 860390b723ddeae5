package dev.siam4j.core;

import java.util.Objects;

/**
 * What a {@link Critic} judges: a problem with its reference answer, a program and what running it
 * gave.
 *
 * @param problem the problem, with its reference answer
 * @param code the program
 * @param execution what running it gave
 */
public record CritiqueRequest(Problem problem, String code, Execution execution) {

  /**
   * Validates.
   *
   * @param problem the problem, not null
   * @param code the program, not null, possibly empty
   * @param execution what running it gave, not null
   */
  public CritiqueRequest {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(execution, "execution");
  }
}
