package dev.siam4j.critic.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Completion;
import dev.siam4j.core.CritiqueFailedException;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.TokenScorer;
import dev.siam4j.core.Verdict;
import dev.siam4j.critic.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Composition with stand-in generators; {@code LlmCriticOnLlamaCppTest} runs a real model. */
final class LlmCriticTest {
  /** Answers each request with the scripted texts, cycling; records the requests. */
  private static final class ScriptedGenerator implements Generator {
    final List<String> script;
    final List<GenerationRequest> seen = new ArrayList<>();
    int batches;

    ScriptedGenerator(String... script) {
      this.script = List.of(script);
    }

    @Override
    public List<Completion> generate(GenerationRequest request) {
      seen.add(request);
      List<Completion> out = new ArrayList<>();
      for (int i = 0; i < request.samples(); i++) {
        out.add(new Completion(script.get((seen.size() - 1 + i) % script.size()), Completion.FinishReason.STOP, 10, 1));
      }
      return out;
    }

    @Override
    public List<List<Completion>> generateAll(List<GenerationRequest> requests) {
      batches++;
      return Generator.super.generateAll(requests);
    }
  }

  @Test
  void votes_confidenceIsTheShareOfYes() {
    ScriptedGenerator g = new ScriptedGenerator("YES", " yes.", "NO", "Yes", "maybe");
    Verdict v = LlmCritic.builder().generator(g).votes(5).build().judge(Requests.printed("p", "5", "5"));
    assertThat(v.correct()).isTrue();
    assertThat(v.confidence()).isEqualTo(0.6);
    assertThat(v.judge()).isEqualTo("llm");
    assertThat(v.rationale()).contains("3 of 5 votes YES (1 neither YES nor NO)");
  }

  @Test
  void votes_minorityYes_isNo() {
    ScriptedGenerator g = new ScriptedGenerator("NO", "No", "YES");
    Verdict v = LlmCritic.builder().generator(g).votes(3).build().judge(Requests.printed("p", "5", "6"));
    assertThat(v.correct()).isFalse();
    assertThat(v.confidence()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void prompt_carriesQuestionReferenceCodeAndOutput_andSamplingIsOneWord() {
    ScriptedGenerator g = new ScriptedGenerator("YES");
    LlmCritic.builder().generator(g).votes(1).build().judge(Requests.printed("p7", "\\frac{1}{2}", "0.5"));
    GenerationRequest r = g.seen.get(0);
    String text = r.prompt().flatten();
    assertThat(text).contains("Question p7?", "\\frac{1}{2}", "print(0.5)", "Program output:\n0.5", "YES or NO");
    assertThat(r.sampling().maxTokens()).isEqualTo(3);
    assertThat(r.sampling().stop()).containsExactly("\n");
  }

  @Test
  void placeholderLikeTextInAField_isNotReplaced() {
    dev.siam4j.core.Problem p = dev.siam4j.core.Problem.of("q", "What is {code}?", "$5", "test");
    dev.siam4j.core.CritiqueRequest r =
        new dev.siam4j.core.CritiqueRequest(p, "print(5)", dev.siam4j.core.Execution.ok("5\n", "5", java.time.Duration.ZERO));
    assertThat(CriticPrompts.fill("Q: {question} R: {reference} C: {code} O: {output}", r))
        .isEqualTo("Q: What is {code}? R: $5 C: print(5) O: 5");
  }

  @Test
  void chineseProblem_getsTheChinesePrompt() {
    ScriptedGenerator g = new ScriptedGenerator("是");
    Verdict v = LlmCritic.builder().generator(g).votes(1).build().judge(Requests.printedZh("z", "12 元", "12"));
    assertThat(g.seen.get(0).prompt().flatten()).contains("参考答案", "12 元");
    assertThat(v.correct()).isTrue();
  }

  @Test
  void failedProgram_showsTheOutcomeToTheCritic() {
    ScriptedGenerator g = new ScriptedGenerator("NO");
    LlmCritic.builder().generator(g).votes(1).build().judge(Requests.failed("f", "5", Outcome.TIMEOUT));
    assertThat(g.seen.get(0).prompt().flatten()).contains("[TIMEOUT]", "killed");
  }

  @Test
  void judgeAll_sendsOneBatch_inOrder() {
    ScriptedGenerator g = new ScriptedGenerator("YES", "NO");
    List<Verdict> vs =
        LlmCritic.builder().generator(g).votes(1).build()
            .judgeAll(List.of(Requests.printed("a", "1", "1"), Requests.printed("b", "1", "2")));
    assertThat(vs).extracting(Verdict::correct).containsExactly(true, false);
    assertThat(g.batches).isEqualTo(1);
    assertThat(g.seen).extracting(r -> r.prompt().flatten().contains("Question a?")).containsExactly(true, false);
  }

  @Test
  void scorer_confidenceIsPYes_normalisedOverYesAndNo() {
    TokenScorer scorer = (prompt, continuation) -> new TokenScorer.Score(continuation.equals("YES") ? Math.log(0.3) : Math.log(0.1), 1);
    Verdict v = LlmCritic.builder().scorer(scorer).build().judge(Requests.printed("p", "5", "5"));
    assertThat(v.confidence()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(v.correct()).isTrue();
    assertThat(v.rationale()).contains("P(YES)=0.7500 from token scores");
  }

  @Test
  void generatorFailure_isACritiqueFailure_keepingRetriability() {
    Generator broken = r -> {
      throw new GenerationFailedException("server busy", null, true);
    };
    assertThatThrownBy(() -> LlmCritic.builder().generator(broken).build().judge(Requests.printed("p", "5", "5")))
        .isInstanceOf(CritiqueFailedException.class)
        .hasMessage("LLM critic: generation failed for a batch of 1 (first problem p): server busy")
        .matches(e -> ((CritiqueFailedException) e).isRetriable());
  }

  @Test
  void builder_needsAGeneratorOrScorer_andValidates() {
    assertThatThrownBy(() -> LlmCritic.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an LLM critic needs a generator or a scorer");
    assertThatThrownBy(() -> LlmCritic.builder().votes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("votes must be in [1, 100], was 0");
    assertThatThrownBy(() -> LlmCritic.builder().scorer((p, c) -> new TokenScorer.Score(0, 1)).votes(3).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("votes and sampling do not apply with a scorer");
  }

  @Test
  void yesNo_readsTheFirstWordRobustly() {
    assertThat(YesNo.parse("  **YES**")).contains(true);
    assertThat(YesNo.parse("No, because")).contains(false);
    assertThat(YesNo.parse("否")).contains(false);
    assertThat(YesNo.parse("正确")).isEmpty();
    assertThat(YesNo.parse("对")).contains(true);
    assertThat(YesNo.parse("Yesterday")).isEmpty();
    assertThat(YesNo.parse("")).isEmpty();
  }
}
