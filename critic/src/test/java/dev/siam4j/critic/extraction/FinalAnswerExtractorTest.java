package dev.siam4j.critic.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Equivalence;
import dev.siam4j.critic.extraction.ExtractedAnswer.Rule;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class FinalAnswerExtractorTest {
  private final FinalAnswerExtractor extractor = FinalAnswerExtractor.standard();

  private ExtractedAnswer extract(String text) {
    Optional<ExtractedAnswer> a = extractor.extract(text);
    assertThat(a).as("an answer in %s", text).isPresent();
    return a.get();
  }

  @Test
  void lastBoxed_withNestedBraces_isTheAnswer() {
    String text = "First $\\boxed{1}$, then after paragraphs\n\nso $x = \\boxed{\\frac{\\sqrt{3}}{2}}$.";
    ExtractedAnswer a = extract(text);
    assertThat(a.answer()).isEqualTo("\\frac{\\sqrt{3}}{2}");
    assertThat(a.rule()).isEqualTo(Rule.BOXED);
    assertThat(text.substring(a.start(), a.end())).isEqualTo("\\frac{\\sqrt{3}}{2}");
  }

  @Test
  void fbox_isReadLikeBoxed() {
    assertThat(extract("The result is \\fbox{42}.").answer()).isEqualTo("42");
  }

  @Test
  void adjacentBoxes_areJoinedAsAList() {
    ExtractedAnswer a = extract("The integers are \\[ \\boxed{-2} \\quad \\text{and} \\quad \\boxed{1}. \\]");
    assertThat(a.answer()).isEqualTo("-2, 1");
    assertThat(a.rule()).isEqualTo(Rule.BOXED);
  }

  @Test
  void aLaterAnswerPhrase_winsOverAnEarlierBox() {
    ExtractedAnswer a = extract("the interest is $\\boxed{255}$ So he has $10,455. Final Answer: The final answer is $10,455$. I hope it is correct.");
    assertThat(a.answer()).isEqualTo("10,455");
    assertThat(a.rule()).isEqualTo(Rule.ANSWER_PHRASE);
  }

  @Test
  void answerPhrase_takesTheLastValueOfItsSentence() {
    ExtractedAnswer a = extract("Final Answer: The volume of $ABCDEFGH$ is 120. I hope it is correct.");
    assertThat(a.answer()).isEqualTo("120");
    assertThat(a.rule()).isEqualTo(Rule.ANSWER_PHRASE);
  }

  @Test
  void chineseAnswerPhrases_areRead() {
    assertThat(extract("解：先算出总数。答案是 18 个。").answer()).isEqualTo("18");
    ExtractedAnswer a = extract("所以面积为多少？最终答案为$\\frac{3}{4}$。");
    assertThat(a.answer()).isEqualTo("\\frac{3}{4}");
    assertThat(a.rule()).isEqualTo(Rule.ANSWER_PHRASE);
  }

  @Test
  void conclusion_takesWhatFollowsItsLastIs() {
    ExtractedAnswer a = extract("We solve it. Therefore, the probability that Alice wins the game is 2/3. <|im_start|>user");
    assertThat(a.answer()).isEqualTo("2/3");
    assertThat(a.rule()).isEqualTo(Rule.CONCLUSION);
  }

  @Test
  void conclusion_withoutAValueAfterIs_takesTheMathematicsBeforeIt() {
    ExtractedAnswer a = extract("We check both cases. Therefore $x \\geq 5$ is the solution.");
    assertThat(a.answer()).isEqualTo("x \\geq 5");
  }

  @Test
  void chineseConclusion_isRead() {
    ExtractedAnswer a = extract("每人分到 3 个，一共 6 人。所以一共有 18 个苹果。");
    assertThat(a.answer()).isEqualTo("18");
    assertThat(a.rule()).isEqualTo(Rule.CONCLUSION);
  }

  @Test
  void withoutPhrases_theLastMathematicsOrNumber_isTheAnswer() {
    assertThat(extract("The identity matrix is $ \\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix} $.").rule())
        .isEqualTo(Rule.LAST_MATH);
    ExtractedAnswer n = extract("not it's not 10 it's 1,000.99m²");
    assertThat(n.answer()).isEqualTo("1,000.99");
    assertThat(n.rule()).isEqualTo(Rule.LAST_NUMBER);
  }

  @Test
  void aBareAnswer_isReturnedWhole() {
    ExtractedAnswer a = extract("  $x \\in [-2,7]$ ");
    assertThat(a.answer()).isEqualTo("x \\in [-2,7]");
    assertThat(a.rule()).isEqualTo(Rule.WHOLE_TEXT);
    assertThat(a.start()).isEqualTo(2);
  }

  @Test
  void doubledBackslashes_areReadAsSingle_andOffsetsReferToTheGivenText() {
    String text = "Thus the point is $\\\\boxed{\\\\left( 3, \\\\frac{\\\\pi}{2} \\\\right)}.$";
    ExtractedAnswer a = extract(text);
    assertThat(a.answer()).isEqualTo("\\left( 3, \\frac{\\pi}{2} \\right)");
    assertThat(text.substring(a.start(), a.end())).isEqualTo("\\\\left( 3, \\\\frac{\\\\pi}{2} \\\\right)");
  }

  @Test
  void aNumberGluedInsideAWord_isNoAnswer() {
    assertThat(extractor.extract("AZYUK2A")).isEmpty();
    assertThat(extractor.extract("   ")).isEmpty();
    assertThat(extractor.extractOrText("no numbers here at all")).isEqualTo("no numbers here at all");
  }

  @Test
  void wrap_comparesFinalAnswers_andAPredictionWithoutOneIsNotEqual() {
    AnswerEquivalence eq = extractor.wrap(AnswerEquivalence.rules());
    assertThat(eq.compare("$125$ miles", "The distance is $\\boxed{125\\textnormal{ miles}}.$").result())
        .isEqualTo(Equivalence.EQUAL);
    assertThat(eq.compare("12", "I could not solve this problem.").reason())
        .isEqualTo("no final answer in the prediction");
    assertThat(eq.compare("12", "I could not solve this problem.").result()).isEqualTo(Equivalence.NOT_EQUAL);
  }

  @Test
  void nullText_isRejected() {
    assertThatThrownBy(() -> extractor.extract(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
    assertThatThrownBy(() -> extractor.wrap(null)).isInstanceOf(NullPointerException.class).hasMessage("equivalence");
  }

  @Test
  void extractedAnswer_validatesItsSpan() {
    assertThatThrownBy(() -> new ExtractedAnswer("1", Rule.BOXED, 5, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bad span [5, 2)");
    assertThatThrownBy(() -> new ExtractedAnswer(" ", Rule.BOXED, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("answer must not be blank");
  }

  @Test
  void anyText_givesAnAnswerInsideTheText_orNone() {
    String[] pieces = {"$", "$$", "\\(", "\\)", "\\[", "\\]", "\\boxed{", "\\fbox", "{", "}", "\\\\", "\\frac",
        "answer", "The final answer is ", "答案是", "所以", "Therefore ", " is ", "=", ".", ". ", "\n", "12", "-3.5",
        "1,000", "x", "\\text{and}", "<|im_start|>", " ", "...", "%", "'", "\"", "\\", "，", "。"};
    java.util.Random random = new java.util.Random(19);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(30);
      for (int i = 0; i < len; i++) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = b.toString();
      Optional<ExtractedAnswer> a = extractor.extract(text);
      if (a.isPresent()) {
        assertThat(a.get().end()).as(text).isLessThanOrEqualTo(text.length());
        assertThat(a.get().start()).as(text).isLessThanOrEqualTo(a.get().end());
        assertThat(a.get().answer()).as(text).isNotBlank();
      }
    }
  }

  @Test
  void hugeTexts_areSearchedInTheirLastPart() {
    String text = "x ".repeat(200_000) + "Final Answer: The final answer is $7$.";
    ExtractedAnswer a = extract(text);
    assertThat(a.answer()).isEqualTo("7");
    assertThat(text.substring(a.start(), a.end())).isEqualTo("7");
  }

  @Test
  void anUnreadableAnswer_isPassedOverForOneThatFollows() {
    AnswerEquivalence eq = FinalAnswerExtractor.standard().wrap(AnswerEquivalence.rules());
    String text = "Final answer is $\\sum_{k=0}^n\\bigl(k\\bigr)$. I hope. ";
    assertThat(eq.compare("42", text + "42").result()).isEqualTo(Equivalence.EQUAL);
    assertThat(eq.compare("43", text + "42").result()).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(eq.compare("42", text + "42").reason()).contains("after an unreadable");
  }

  @Test
  void aMixedNumber_isExtractedWhole() {
    assertThat(extract("The answer is 4 4/9.").answer()).isEqualTo("4 4/9");
  }
}
