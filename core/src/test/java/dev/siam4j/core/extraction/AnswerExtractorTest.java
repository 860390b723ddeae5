package dev.siam4j.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class AnswerExtractorTest {

  @Test
  void lastNonEmptyLine_takesTheLastLineWithText() {
    AnswerExtractor e = AnswerExtractor.lastNonEmptyLine();
    assertThat(e.extract("step 1\n  42  \n\n \n")).isEqualTo("42");
    assertThat(e.extract("")).isEmpty();
    assertThat(e.extract("\n\n")).isEmpty();
  }

  @Test
  void wholeOutput_keepsEveryLine() {
    assertThat(AnswerExtractor.wholeOutput().extract("\n x = 2\nx = -2 \n")).isEqualTo("x = 2\nx = -2");
  }

  @Test
  void regex_takesTheLastMatchAndItsGroup() {
    AnswerExtractor e = AnswerExtractor.regex("(?m)^Answer:\\s*(.+)$");
    assertThat(e.extract("Answer: 1\nnoise\nAnswer: 2\nmore noise\n")).isEqualTo("2");
    assertThat(e.extract("nothing")).isEmpty();
  }

  @Test
  void regex_prefersTheNamedAnswerGroupAndFallsBackToTheWholeMatch() {
    assertThat(AnswerExtractor.regex("(x)=(?<answer>\\d+)").extract("x=1 x=23")).isEqualTo("23");
    assertThat(AnswerExtractor.regex("\\d+").extract("a 1 b 22 c")).isEqualTo("22");
  }
}
