package dev.siam4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Generator} must do. An implementation's test class implements this interface
 * and supplies the generator; JUnit runs the default methods as its tests.
 */
public interface GeneratorContract {

  /** @return the generator under test, ready to use */
  Generator generator();

  /** @return a prompt the generator can complete */
  default Prompt prompt() {
    return Prompt.raw("1 + 1 =");
  }

  /** @return whether the same request and seed give the same completions */
  default boolean reproducible() {
    return true;
  }

  private GenerationRequest request(int k, long seed) {
    return new GenerationRequest(prompt(), k, SamplingOptions.DEFAULT.withMaxTokens(8), seed);
  }

  @Test
  default void generate_returnsExactlyTheRequestedNumberOfCompletions() {
    assertThat(generator().generate(request(3, 7))).hasSize(3).doesNotContainNull();
  }

  @Test
  default void generate_respectsTheTokenLimit() {
    for (Completion c : generator().generate(request(2, 11))) {
      assertThat(c.completionTokens()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  default void generate_sameSeedGivesSameCompletions() {
    if (!reproducible()) {
      return;
    }
    List<String> a = generator().generate(request(2, 5)).stream().map(Completion::text).toList();
    List<String> b = generator().generate(request(2, 5)).stream().map(Completion::text).toList();
    assertThat(a).isEqualTo(b);
  }

  @Test
  default void generateAll_answersEachRequestInOrder() {
    List<List<Completion>> all = generator().generateAll(List.of(request(1, 1), request(2, 2)));
    assertThat(all).hasSize(2);
    assertThat(all.get(0)).hasSize(1);
    assertThat(all.get(1)).hasSize(2);
  }

  @Test
  default void generate_rejectsNull() {
    assertThatThrownBy(() -> generator().generate(null)).isInstanceOf(NullPointerException.class);
  }
}
