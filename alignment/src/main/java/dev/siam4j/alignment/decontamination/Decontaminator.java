package dev.siam4j.alignment.decontamination;

import dev.siam4j.core.Problem;
import dev.siam4j.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds training problems that overlap evaluation splits, by shared word n-grams (13 by default,
 * as in GPT-3's decontamination): a training problem that shares any n-gram with an evaluation
 * problem is contaminated, and the caller drops and lists it.
 *
 * <p>Texts are compared as normalised tokens (NFKC, lower case, punctuation dropped; one token per
 * Chinese or Japanese character). A text shorter than n tokens is one n-gram of its own length,
 * so a short evaluation question is still found when a training question equals it.
 *
 * <pre>{@code
 * Decontaminator d = Decontaminator.builder()
 *     .ngramSize(13)
 *     .addAll("gsm8k-test", gsm8kTest)
 *     .build();
 * Optional<Contamination> c = d.check(trainingProblem);
 * }</pre>
 *
 * <p>Memory: one hash entry per distinct evaluation n-gram (about 60 bytes each; 5,000 MATH test
 * problems take a few MB). Training problems stream through {@link #check}. Immutable and
 * thread-safe once built. A 64-bit hash collision could report a false overlap with probability
 * about (evaluation n-grams × training n-grams) / 2⁶⁴.
 */
public final class Decontaminator {

  /** The default n-gram size. */
  public static final int DEFAULT_NGRAM_SIZE = 13;

  /** Where an n-gram came from. */
  private record Origin(String split, String id) {}

  private final int n;
  private final Map<Long, Origin> grams;

  private Decontaminator(int n, Map<Long, Origin> grams) {
    this.n = n;
    this.grams = grams;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the n-gram size */
  public int ngramSize() {
    return n;
  }

  /** @return how many distinct evaluation n-grams are indexed */
  public int indexedNgrams() {
    return grams.size();
  }

  /**
   * @param problem a training problem
   * @return its first overlap with an evaluation split, or empty when it is clean
   */
  public Optional<Contamination> check(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    return check(problem.id(), problem.question());
  }

  /**
   * @param id the training item's id, for the report
   * @param text its text (a question, a prompt)
   * @return its first overlap with an evaluation split, or empty when it is clean
   */
  public Optional<Contamination> check(String id, String text) {
    Checks.nonBlank(id, "id");
    Objects.requireNonNull(text, "text");
    List<String> tokens = Tokens.of(text);
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    int size = Math.min(n, tokens.size());
    for (int i = 0; i + size <= tokens.size(); i++) {
      Origin o = grams.get(Tokens.hash(tokens, i, i + size));
      if (o != null) {
        return Optional.of(
            new Contamination(id, o.split(), o.id(), String.join(" ", tokens.subList(i, i + size))));
      }
    }
    return Optional.empty();
  }

  /**
   * Collects evaluation texts. Not thread-safe; {@link #build()} copies, so it stays reusable.
   */
  public static final class Builder {
    private Integer n;
    private final List<String[]> texts = new ArrayList<>();

    private Builder() {}

    /**
     * The n-gram size (default {@value Decontaminator#DEFAULT_NGRAM_SIZE}).
     *
     * @param n tokens per n-gram, positive
     * @return this builder
     * @throws IllegalStateException when set twice
     */
    public Builder ngramSize(int n) {
      Checks.positive(n, "ngramSize");
      if (this.n != null) {
        throw new IllegalStateException("ngramSize was already set to " + this.n);
      }
      this.n = n;
      return this;
    }

    /**
     * Adds one evaluation text.
     *
     * @param split the split's name ("gsm8k-test")
     * @param id the item's id
     * @param text its text
     * @return this builder
     */
    public Builder add(String split, String id, String text) {
      Checks.nonBlank(split, "split");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(text, "text");
      texts.add(new String[] {split, id, text});
      return this;
    }

    /**
     * Adds the questions of an evaluation split.
     *
     * @param split the split's name, not blank
     * @param problems the split's problems; each question is added under the problem's id
     * @return this builder
     */
    public Builder addAll(String split, Iterable<Problem> problems) {
      Objects.requireNonNull(problems, "problems");
      for (Problem p : problems) {
        add(split, p.id(), p.question());
      }
      return this;
    }

    /** @return the index; the first text to contain an n-gram is the one reported for it */
    public Decontaminator build() {
      int size = n == null ? DEFAULT_NGRAM_SIZE : n;
      Map<Long, Origin> grams = new HashMap<>();
      for (String[] t : texts) {
        List<String> tokens = Tokens.of(t[2]);
        if (tokens.isEmpty()) {
          continue;
        }
        Origin origin = new Origin(t[0], t[1]);
        if (tokens.size() < size) {
          grams.putIfAbsent(Tokens.hash(tokens, 0, tokens.size()), origin);
          continue;
        }
        for (int i = 0; i + size <= tokens.size(); i++) {
          grams.putIfAbsent(Tokens.hash(tokens, i, i + size), origin);
        }
      }
      return new Decontaminator(size, grams);
    }
  }
}
