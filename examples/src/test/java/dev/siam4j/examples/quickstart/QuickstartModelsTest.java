package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.LlamaModelFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class QuickstartModelsTest {
  @TempDir Path dir;

  @Test
  void everyPrefixOfEveryWordIsAPieceAndSpacesBecomeTheSpaceMark() {
    List<String> pieces = QuickstartModels.extraTokens();

    assertThat(pieces).contains("▁apples", "▁apple", "▁a", "print", "p", "```", "``", "`", "python");
    assertThat(pieces).doesNotContain("▁", "\n");
    assertThat(pieces).doesNotHaveDuplicates();
  }

  @Test
  void theModelsTokenizerSplitsQuestionsAndProgramsIntoWholeWords() {
    Path model = QuickstartModels.writeUntrained(1, dir.resolve("m.gguf"));
    List<String> vocabulary = LlamaModelFactory.vocabulary(QuickstartModels.spec());
    Tokenizer tokenizer = Tokenizer.fromGguf(GgufFile.read(model));
    MathWorld world = MathWorld.builder().seed(3).size(Split.SEED, 20).size(Split.POOL, 1).size(Split.TEST_ID, 1)
        .size(Split.TEST_OOD, 1).build();

    for (WordProblem p : world.problems(Split.SEED)) {
      SftExample e = QuickstartModels.seedExample(p, QuickstartModels.promptTemplate());
      String text = e.prompt().text() + e.completion();
      List<String> expected = new ArrayList<>(pieces(p.question()));
      expected.addAll(List.of("<0x0A>", "```", "python", "<0x0A>"));
      expected.addAll(pieces(p.program().orElseThrow()));
      expected.add("```");
      List<String> actual = new ArrayList<>();
      for (int id : tokenizer.encode(text)) {
        actual.add(vocabulary.get(id));
      }
      assertThat(actual).as(text).isEqualTo(expected);
    }
  }

  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    for (String w : WordTokenizer.tokenize(text)) {
      out.add(w.equals("\n") ? "<0x0A>" : w.replace(' ', '▁'));
    }
    return out;
  }

  @Test
  void aSeedExampleIsThePromptThenTheProgramAndTheClosingFence() {
    WordProblem p = MathWorld.withSeed(0).problems(Split.SEED).get(0);

    SftExample e = QuickstartModels.seedExample(p, QuickstartModels.promptTemplate());

    assertThat(e.prompt().text()).isEqualTo(p.question() + "\n```python\n");
    assertThat(e.completion()).isEqualTo(p.program().orElseThrow() + "```");
  }
}
