package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

final class WordTokenizerTest {

  @Test
  void wordsKeepTheirLeadingSpace_digitsAndPunctuationStandAlone() {
    assertThat(WordTokenizer.tokenize("Tom buys 12 apples, x=-2."))
        .containsExactly("Tom", " buys", " 1", "2", " apples", ",", " x", "=", "-", "2", ".");
  }

  @Test
  void chineseCharactersAreTokensOneByOne() {
    assertThat(WordTokenizer.tokenize("小明买了3支笔。")).containsExactly("小", "明", "买", "了", "3", "支", "笔", "。");
  }

  @Test
  void lineFeedsAndOtherWhiteSpaceAreTokensOfTheirOwn() {
    assertThat(WordTokenizer.tokenize("a = 1\n  print(a) \n"))
        .containsExactly("a", " =", " 1", "\n", "  ", "print", "(", "a", ")", " ", "\n");
    assertThat(WordTokenizer.tokenize("")).isEmpty();
    assertThat(WordTokenizer.tokenize(" ")).containsExactly(" ");
  }

  @Test
  void detokenizeInvertsTokenize_onAwkwardText() {
    for (String text : List.of("", " ", "  x", "x  ", "\t a\n\n b ", "(1, 3]", "x = ±5 或 x=-5", "12 元 ", "x²\r\n")) {
      assertThat(WordTokenizer.detokenize(WordTokenizer.tokenize(text))).isEqualTo(text);
    }
  }

  @Test
  void everyTextOfEverySplit_roundTripsAndStaysInTheVocabulary() {
    Set<String> vocabulary = MathWorld.vocabulary();
    Set<String> outside = new TreeSet<>();
    List<String> broken = new ArrayList<>();
    for (long seed : new long[] {1, 2, 3}) {
      MathWorld world = MathWorld.withSeed(seed);
      for (Split split : Split.values()) {
        for (WordProblem p : world.problems(split)) {
          for (String text : List.of(p.question(), p.answer(), p.program().orElseThrow())) {
            List<String> tokens = WordTokenizer.tokenize(text);
            if (!WordTokenizer.detokenize(tokens).equals(text)) {
              broken.add(text);
            }
            for (String t : tokens) {
              if (!vocabulary.contains(t)) {
                outside.add(t);
              }
            }
          }
        }
      }
    }
    assertThat(broken).isEmpty();
    assertThat(outside).isEmpty();
    assertThat(vocabulary).hasSizeBetween(100, 600).contains(" 7", "7", "\n", "元", " apples", "print");
  }
}
