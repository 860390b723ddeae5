package dev.siam4j.core.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ReferenceAnswersTest {

  @Test
  void afterHashes_takesWhatFollowsTheLastHashesAsWritten() {
    assertThat(ReferenceAnswers.afterHashes("a\nb #### c\n#### 1,000 ")).contains("1,000");
    assertThat(ReferenceAnswers.afterHashes("#### -3.5")).contains("-3.5");
    assertThat(ReferenceAnswers.afterHashes("no answer")).isEmpty();
    assertThat(ReferenceAnswers.afterHashes("empty ####  \n")).isEmpty();
  }

  @Test
  void lastBoxed_matchesNestedBraces() {
    assertThat(ReferenceAnswers.lastBoxed("so $\\boxed{\\frac{1}{\\sqrt{2}}}$.")).contains("\\frac{1}{\\sqrt{2}}");
  }

  @Test
  void lastBoxed_lastBoxWins_andFboxCounts() {
    assertThat(ReferenceAnswers.lastBoxed("\\boxed{1} and \\fbox{2}")).contains("2");
    assertThat(ReferenceAnswers.lastBoxed("\\fbox{2} and \\boxed{3}")).contains("3");
  }

  @Test
  void lastBoxed_escapedBracesDoNotOpenOrCloseGroups() {
    assertThat(ReferenceAnswers.lastBoxed("\\boxed{\\{1, 2\\}}")).contains("\\{1, 2\\}");
    assertThat(ReferenceAnswers.lastBoxed("\\boxed{\\}}")).contains("\\}");
  }

  @Test
  void lastBoxed_readsTheBraceLessForm() {
    assertThat(ReferenceAnswers.lastBoxed("so $\\boxed 5$")).contains("5");
  }

  @Test
  void lastBoxed_passesOverUnclosedEmptyAndOtherCommands() {
    assertThat(ReferenceAnswers.lastBoxed("\\boxed{4} then \\boxed{5")).contains("4");
    assertThat(ReferenceAnswers.lastBoxed("\\boxed{4} then \\boxed{ }")).contains("4");
    assertThat(ReferenceAnswers.lastBoxed("\\boxedfoo{4}")).isEmpty();
    assertThat(ReferenceAnswers.lastBoxed("no box")).isEmpty();
    assertThat(ReferenceAnswers.lastBoxed("\\boxed")).isEmpty();
  }
}
