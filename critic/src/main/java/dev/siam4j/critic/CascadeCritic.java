package dev.siam4j.critic;

import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Verdict;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Comparison;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cascade: rules (cached) decide EQUAL/NOT_EQUAL, the LLM critic decides UNKNOWN, and a sampled
 * share of rule decisions is audited by the LLM critic too (the rules' verdict stands; the audit
 * goes into the rationale, and a disagreement is logged). Batches go to the LLM critic in one
 * {@link Critic#judgeAll} call.
 */
final class CascadeCritic implements Critic {
  private static final Logger LOG = LoggerFactory.getLogger(CascadeCritic.class);

  private final AnswerEquivalence rules;
  private final Critic llm;
  private final double auditShare;
  private final long seed;

  CascadeCritic(AnswerEquivalence rules, Critic llm, double auditShare, long seed) {
    this.rules = rules;
    this.llm = llm;
    this.auditShare = auditShare;
    this.seed = seed;
  }

  @Override
  public Verdict judge(CritiqueRequest request) {
    return judgeAll(List.of(Objects.requireNonNull(request, "request"))).get(0);
  }

  @Override
  public List<Verdict> judgeAll(List<CritiqueRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    Verdict[] out = new Verdict[requests.size()];
    boolean[] audit = new boolean[requests.size()];
    List<Integer> forLlm = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      CritiqueRequest r = requests.get(i);
      Verdict failed = RuleCritic.failedRun(r.execution());
      if (failed != null) {
        out[i] = failed;
        continue;
      }
      Comparison c = rules.compare(r.problem().referenceAnswer(), r.execution().answer());
      if (!c.decided()) {
        forLlm.add(i);
      } else {
        out[i] = RuleCritic.toVerdict(c);
        if (auditShare > 0 && audited(r)) {
          audit[i] = true;
          forLlm.add(i);
        }
      }
    }
    if (!forLlm.isEmpty()) {
      List<CritiqueRequest> batch = new ArrayList<>(forLlm.size());
      for (int i : forLlm) {
        batch.add(requests.get(i));
      }
      List<Verdict> judged = llm.judgeAll(batch);
      if (judged.size() != batch.size()) {
        throw new IllegalStateException(
            "LLM critic returned " + judged.size() + " verdicts for " + batch.size() + " requests");
      }
      for (int k = 0; k < forLlm.size(); k++) {
        int i = forLlm.get(k);
        Verdict v = judged.get(k);
        out[i] = audit[i] ? audited(out[i], v, requests.get(i)) : v;
      }
    }
    return Arrays.asList(out);
  }

  private boolean audited(CritiqueRequest r) {
    long h = seed;
    for (byte b : (r.problem().id() + "\u0000" + r.code() + "\u0000" + r.execution().answer()).getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    double u = (h >>> 11) * 0x1.0p-53;
    return u < auditShare;
  }

  private static Verdict audited(Verdict rules, Verdict llm, CritiqueRequest r) {
    boolean agree = rules.correct() == llm.correct();
    if (!agree) {
      LOG.warn(
          "audit: {} says {} but {} says {} for problem {} (reference '{}', output '{}')",
          rules.judge(), rules.correct() ? "YES" : "NO", llm.judge(), llm.correct() ? "YES" : "NO",
          r.problem().id(), r.problem().referenceAnswer(), r.execution().answer());
    }
    String note = String.format(java.util.Locale.ROOT, "audit: %s %s (confidence %.3f)",
        llm.judge(), agree ? "agrees" : "disagrees", llm.confidence());
    return new Verdict(
        rules.correct(), rules.confidence(), rules.judge(),
        Optional.of(rules.rationale().map(s -> s + "; ").orElse("") + note));
  }

  @Override
  public String toString() {
    return "Critics.cascade(" + rules + ", " + llm + ", auditShare=" + auditShare + ")";
  }
}
