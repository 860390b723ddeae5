package dev.siam4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.jsonl.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TypedEdgesTest {
  private static final Problem P = Problem.of("p-1", "What is 1 + 1?", "2", "test");

  @Test
  void aBarePromptRequestHasNoProblemAndWithProblemAddsIt() {
    GenerationRequest bare = new GenerationRequest(Prompt.raw("1 + 1 ="), 2, SamplingOptions.DEFAULT, 7);
    assertThat(bare.problem()).isEmpty();
    GenerationRequest withIt = bare.withProblem(P);
    assertThat(withIt.problem()).contains(P);
    assertThat(withIt.prompt()).isEqualTo(bare.prompt());
    assertThat(withIt.sampleSeed(1)).isEqualTo(bare.sampleSeed(1));
    assertThatThrownBy(() -> new GenerationRequest(Prompt.raw("x"), 1, SamplingOptions.DEFAULT, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("problem");
  }

  @Test
  void anAbstentionIsNeitherCorrectNorConfidentAndSaysWhy() {
    Verdict v = Verdict.abstain("rules", "cannot read the reference");
    assertThat(v.abstained()).isTrue();
    assertThat(v.correct()).isFalse();
    assertThat(v.confidence()).isZero();
    assertThat(v.rationale()).contains("cannot read the reference");
    assertThat(Verdict.of(false, "rules").abstained()).isFalse();
    assertThatThrownBy(() -> new Verdict(true, 1.0, "rules", Optional.empty(), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an abstention is neither correct nor confident, was correct true with confidence 1.0");
  }

  @Test
  void verdictsRoundTripThroughJsonAndADecidingOneKeepsItsOldForm() throws Exception {
    Verdict decided = Verdict.of(true, 0.9, "llm", "same value");
    String json = Json.toLine(decided);
    assertThat(json).doesNotContain("abstained");
    assertThat(Json.mapper().readValue(json, Verdict.class)).isEqualTo(decided);
    Verdict abstained = Verdict.abstain("rules", "no reference");
    assertThat(Json.toLine(abstained)).contains("\"abstained\":true");
    assertThat(Json.mapper().readValue(Json.toLine(abstained), Verdict.class)).isEqualTo(abstained);
  }
}
