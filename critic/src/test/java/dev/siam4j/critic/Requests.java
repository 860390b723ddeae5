package dev.siam4j.critic;

import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.Problem;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds critique requests for tests. */
public final class Requests {
  private Requests() {}

  /** A request whose program printed {@code answer}. */
  public static CritiqueRequest printed(String id, String reference, String answer) {
    Problem p = Problem.of(id, "Question " + id + "?", reference, "test");
    return new CritiqueRequest(p, "print(" + answer + ")", Execution.ok(answer + "\n", answer, Duration.ofMillis(3)));
  }

  /** A Chinese problem whose program printed {@code answer}. */
  public static CritiqueRequest printedZh(String id, String reference, String answer) {
    Problem p = new Problem(id, "问题 " + id + "？", reference, "test", Locale.CHINESE, Map.of());
    return new CritiqueRequest(p, "print(" + answer + ")", Execution.ok(answer + "\n", answer, Duration.ofMillis(3)));
  }

  /** A request whose program failed with {@code outcome}. */
  public static CritiqueRequest failed(String id, String reference, Outcome outcome) {
    Problem p = Problem.of(id, "Question " + id + "?", reference, "test");
    return new CritiqueRequest(
        p, "while True: pass", new Execution(outcome, -1, "", "killed", "", Duration.ofSeconds(1), Optional.empty()));
  }
}
