package dev.siam4j.critic.extraction;

import java.util.Objects;

/**
 * The final answer found in a solution text, with the evidence of where it was found.
 *
 * @param answer the answer's text (LaTeX delimiters and the {@code \boxed{}} wrapper removed);
 *     never blank
 * @param rule which rule found it
 * @param start the index in the solution text where the answer starts (inclusive)
 * @param end the index in the solution text where the answer ends (exclusive); for answers joined
 *     from several places (adjacent {@code \boxed{}}s) the span covers all of them
 */
public record ExtractedAnswer(String answer, Rule rule, int start, int end) {

  /** The rules, from the strongest evidence to the weakest. */
  public enum Rule {
    /** The last {@code \boxed{...}} or {@code \fbox{...}} (adjacent ones are joined as a list). */
    BOXED,
    /** After "the (final) answer is", "Final Answer:", "答案是", "答案为", "最终答案". */
    ANSWER_PHRASE,
    /** The last sentence that concludes ("Therefore ... is", "So ...", "所以", "因此"). */
    CONCLUSION,
    /** The last mathematical expression ({@code $...$}, {@code \(...\)}, {@code \[...\]}). */
    LAST_MATH,
    /** The last number in the text. */
    LAST_NUMBER,
    /** The text is itself an answer: short, with no words around it. */
    WHOLE_TEXT
  }

  /**
   * Validates.
   *
   * @param answer the answer, not blank
   * @param rule the rule that found it, not null
   * @param start the span's start, not negative
   * @param end the span's end, not before {@code start}
   * @throws IllegalArgumentException when the answer is blank or the span is invalid
   */
  public ExtractedAnswer {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(rule, "rule");
    if (answer.isBlank()) {
      throw new IllegalArgumentException("answer must not be blank");
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }
}
