package dev.siam4j.critic.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.critic.Requests;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LLM critic on real llama.cpp with a tiny random model the test writes. The model answers
 * arbitrarily; what is checked is the plumbing: prompts render and run, votes are counted, the
 * confidence is the share of YES votes and the verdict follows it.
 */
final class LlmCriticOnLlamaCppTest {

  @Test
  void tinyModel_votesAreCountedIntoConsistentVerdicts(@TempDir Path dir) {
    Path model = LlamaModelFactory.writeRandom(LlamaModelSpec.tiny(), 42, dir.resolve("tiny.gguf"));
    try (LlamaCppGenerator generator =
        LlamaCppGenerator.open(LlamaCppOptions.builder(model).contextSize(2048).parallelSlots(2).threads(1).build())) {
      LlmCritic critic =
          LlmCritic.builder()
              .generator(generator)
              .prompt(CriticPrompts.raw("Reference: {reference}\nOutput: {output}\nSame? Answer YES or NO:"))
              .votes(4)
              .seed(7)
              .build();
      List<CritiqueRequest> requests =
          List.of(Requests.printed("a", "5", "5"), Requests.printed("b", "3/4", "0.7"), Requests.printedZh("c", "12 元", "12"));
      List<Verdict> verdicts = critic.judgeAll(requests);
      assertThat(verdicts).hasSize(3);
      Pattern votes = Pattern.compile("(\\d+) of 4 votes YES");
      for (Verdict v : verdicts) {
        assertThat(v.judge()).isEqualTo("llm");
        Matcher m = votes.matcher(v.rationale().orElseThrow());
        assertThat(m.find()).as(v.rationale().orElseThrow()).isTrue();
        int yes = Integer.parseInt(m.group(1));
        assertThat(v.confidence()).isEqualTo(yes / 4.0);
        assertThat(v.correct()).isEqualTo(yes >= 2);
        // the YES/NO grammar holds even a random model to one of the two words
        assertThat(v.rationale().orElseThrow()).doesNotContain("neither YES nor NO");
      }
      assertThat(critic.judgeAll(requests)).isEqualTo(verdicts);
    }
  }

  /**
   * A scripted model (its answer depends on the prompt's last character) as the critic behind the
   * rules: YES for outputs ending in 4, NO otherwise. Checks votes, confidence and the cascade's
   * routing end to end on real llama.cpp.
   */
  @Test
  void scriptedModel_decidesWhatTheRulesLeaveOpen(@TempDir Path dir) {
    Path model = LlamaModelFactory.writeScripted(java.util.Map.of('4', "YES"), "NO", dir.resolve("judge.gguf"));
    try (LlamaCppGenerator generator =
        LlamaCppGenerator.open(LlamaCppOptions.builder(model).contextSize(2048).parallelSlots(2).threads(1).build())) {
      LlmCritic llm =
          LlmCritic.builder()
              .generator(generator)
              .prompt(CriticPrompts.raw("Question: {question}\nReference: {reference}\nOutput: {output}"))
              .votes(3)
              .build();
      List<Verdict> direct = llm.judgeAll(List.of(Requests.printed("a", "24", "24"), Requests.printed("b", "24", "27")));
      assertThat(direct).extracting(Verdict::correct).containsExactly(true, false);
      assertThat(direct).extracting(Verdict::confidence).containsExactly(1.0, 0.0);
      assertThat(direct.get(0).rationale()).contains("3 of 3 votes YES");

      dev.siam4j.core.Critic cascade =
          dev.siam4j.critic.Critics.cascade(dev.siam4j.critic.equivalence.AnswerEquivalence.rules(), llm);
      List<Verdict> vs =
          cascade.judgeAll(List.of(
              Requests.printed("c", "gamma(5)", "24"),
              Requests.printed("d", "gamma(5)", "23"),
              Requests.printed("e", "\\frac{1}{2}", "0.5")));
      assertThat(vs).extracting(Verdict::judge).containsExactly("llm", "llm", "rules");
      assertThat(vs).extracting(Verdict::correct).containsExactly(true, false, true);
    }
  }
}
