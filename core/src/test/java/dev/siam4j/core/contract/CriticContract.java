package dev.siam4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Critic} must do on unambiguous cases. An implementation's test class
 * implements this interface and supplies the critic.
 */
public interface CriticContract {

  /** @return the critic under test */
  Critic critic();

  /** @return a request whose printed answer plainly equals the reference */
  default CritiqueRequest plainlyCorrect() {
    Problem p = Problem.of("c1", "What is 6 times 7?", "42", "contract");
    return new CritiqueRequest(p, "print(6 * 7)", Execution.ok("42\n", "42", Duration.ofMillis(5)));
  }

  /** @return a request whose printed answer plainly differs from the reference */
  default CritiqueRequest plainlyWrong() {
    Problem p = Problem.of("c2", "What is 6 times 7?", "42", "contract");
    return new CritiqueRequest(p, "print(6 + 7)", Execution.ok("13\n", "13", Duration.ofMillis(5)));
  }

  @Test
  default void judge_acceptsAPlainlyCorrectAnswer() {
    Verdict v = critic().judge(plainlyCorrect());
    assertThat(v.correct()).isTrue();
    assertThat(v.confidence()).isBetween(0.5, 1.0);
    assertThat(v.judge()).isNotBlank();
  }

  @Test
  default void judge_rejectsAPlainlyWrongAnswer() {
    Verdict v = critic().judge(plainlyWrong());
    assertThat(v.correct()).isFalse();
    assertThat(v.confidence()).isBetween(0.0, 0.5);
  }

  @Test
  default void judgeAll_answersEachRequestInOrder() {
    List<Verdict> all = critic().judgeAll(List.of(plainlyWrong(), plainlyCorrect()));
    assertThat(all).extracting(Verdict::correct).containsExactly(false, true);
  }
}
