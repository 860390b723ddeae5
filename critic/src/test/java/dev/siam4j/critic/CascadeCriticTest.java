package dev.siam4j.critic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.contract.CriticContract;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class CascadeCriticTest implements CriticContract {
  /** A stand-in LLM critic that says YES to everything and records what it saw. */
  private static final class RecordingCritic implements Critic {
    final List<List<CritiqueRequest>> batches = new ArrayList<>();

    @Override
    public Verdict judge(CritiqueRequest request) {
      return judgeAll(List.of(request)).get(0);
    }

    @Override
    public synchronized List<Verdict> judgeAll(List<CritiqueRequest> requests) {
      batches.add(List.copyOf(requests));
      List<Verdict> out = new ArrayList<>();
      for (CritiqueRequest r : requests) {
        out.add(Verdict.of(true, 0.8, "llm", "fake"));
      }
      return out;
    }
  }

  private final RecordingCritic llm = new RecordingCritic();

  @Override
  public Critic critic() {
    return Critics.cascade(AnswerEquivalence.rules(), llm);
  }

  @Test
  void rulesDecide_llmIsNotAsked() {
    Verdict v = critic().judge(Requests.printed("a", "x = 2 or x = -2", "[-2, 2]"));
    assertThat(v.correct()).isTrue();
    assertThat(v.judge()).isEqualTo("rules");
    assertThat(llm.batches).isEmpty();
  }

  @Test
  void undecided_goesToTheLlmInOneBatch() {
    List<Verdict> vs =
        critic().judgeAll(List.of(
            Requests.printed("a", "gamma(5)", "24"),
            Requests.printed("b", "7", "7"),
            Requests.printed("c", "Monday", "Tuesday"),
            Requests.failed("d", "3", Outcome.ERROR)));
    assertThat(vs).extracting(Verdict::judge).containsExactly("llm", "rules", "llm", "rules");
    assertThat(vs).extracting(Verdict::correct).containsExactly(true, true, true, false);
    assertThat(llm.batches).hasSize(1);
    assertThat(llm.batches.get(0)).extracting(r -> r.problem().id()).containsExactly("a", "c");
  }

  @Test
  void auditShareOne_auditsEveryRuleDecision_butTheRulesVerdictStands() {
    Critic c = Critics.cascadeBuilder(AnswerEquivalence.rules(), llm).auditShare(1.0).build();
    Verdict v = c.judge(Requests.printed("a", "5", "6"));
    assertThat(v.correct()).isFalse();
    assertThat(v.judge()).isEqualTo("rules");
    assertThat(v.rationale().orElseThrow()).endsWith("audit: llm disagrees (confidence 0.800)");
    assertThat(llm.batches).hasSize(1);
  }

  @Test
  void auditShare_picksAboutThatShare_andTheSameOnesAgain() {
    Critic c = Critics.cascadeBuilder(AnswerEquivalence.rules(), llm).auditShare(0.25).seed(3).build();
    List<CritiqueRequest> rs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rs.add(Requests.printed("p" + i, "5", "5"));
    }
    c.judgeAll(rs);
    int first = llm.batches.get(0).size();
    c.judgeAll(rs);
    assertThat(first).isBetween(60, 140);
    assertThat(llm.batches.get(1)).isEqualTo(llm.batches.get(0));
  }

  @Test
  void cache_comparesARepeatedPairOnce_ignoringWhitespace() {
    AtomicInteger calls = new AtomicInteger();
    AnswerEquivalence rules = AnswerEquivalence.rules();
    AnswerEquivalence counting = (r, p) -> {
      calls.incrementAndGet();
      return rules.compare(r, p);
    };
    Critic c = Critics.cascade(counting, llm);
    c.judge(Requests.printed("a", "3/4", "0.75"));
    c.judge(Requests.printed("b", " 3/4", "0.75"));
    c.judge(Requests.printed("c", "3/4", "0.7"));
    assertThat(calls).hasValue(2);
  }

  @Test
  void builder_rejectsBadShareAndRepeats() {
    assertThatThrownBy(() -> Critics.cascadeBuilder(AnswerEquivalence.rules(), llm).auditShare(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("auditShare must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> Critics.cascadeBuilder(AnswerEquivalence.rules(), llm).cacheSize(5).cacheSize(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cacheSize was already set to 5");
  }
}
