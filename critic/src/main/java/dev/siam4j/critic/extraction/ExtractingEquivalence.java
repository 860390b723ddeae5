package dev.siam4j.critic.extraction;

import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Comparison;
import dev.siam4j.critic.equivalence.Equivalence;
import java.util.Objects;
import java.util.Optional;

/** Compares the final answers of two solution texts with another equivalence. */
final class ExtractingEquivalence implements AnswerEquivalence {
  /** The longest text after an unreadable answer that is searched for a readable one. */
  private static final int MAX_FOLLOWING_CHARS = 300;

  private final FinalAnswerExtractor extractor;
  private final AnswerEquivalence delegate;

  ExtractingEquivalence(FinalAnswerExtractor extractor, AnswerEquivalence delegate) {
    this.extractor = extractor;
    this.delegate = delegate;
  }

  @Override
  public Comparison compare(String reference, String prediction) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(prediction, "prediction");
    Optional<ExtractedAnswer> p = extractor.extract(prediction);
    if (p.isEmpty()) {
      return new Comparison(Equivalence.NOT_EQUAL, "rules", "no final answer in the prediction");
    }
    Optional<ExtractedAnswer> r = extractor.extract(reference);
    String ref = r.map(ExtractedAnswer::answer).orElse(reference);
    Comparison c = delegate.compare(ref, p.get().answer());
    if (c.result() == Equivalence.UNKNOWN) {
      // an answer the rules cannot read is passed over for one that follows it ("... $\\sum...$. I hope. 42")
      String after = prediction.substring(Math.min(prediction.length(), p.get().end()));
      Optional<ExtractedAnswer> later = after.length() <= MAX_FOLLOWING_CHARS ? extractor.extract(after) : Optional.empty();
      if (later.isPresent()) {
        Comparison retry = delegate.compare(ref, later.get().answer());
        if (retry.result() != Equivalence.UNKNOWN) {
          return new Comparison(retry.result(), retry.method(), retry.reason() + " (prediction's answer '"
              + abbreviate(later.get().answer()) + "' by " + later.get().rule() + " after an unreadable '"
              + abbreviate(p.get().answer()) + "')");
        }
      }
    }
    return new Comparison(c.result(), c.method(), c.reason() + " (prediction's answer '" + abbreviate(p.get().answer())
        + "' by " + p.get().rule() + " at " + p.get().start() + ".." + p.get().end()
        + r.map(a -> "; reference's '" + abbreviate(a.answer()) + "' by " + a.rule()).orElse("") + ")");
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  @Override
  public String toString() {
    return "extracting(" + delegate + ")";
  }
}
