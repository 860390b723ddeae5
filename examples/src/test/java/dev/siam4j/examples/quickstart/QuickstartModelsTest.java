package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.LlamaModelFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
  void theShippedSeedModelHasTheVocabularyTheWorldIsWrittenIn() throws Exception {
    Path shipped = dir.resolve("seed-model.gguf");
    try (java.io.InputStream in = QuickstartModelsTest.class.getClassLoader().getResourceAsStream(Quickstart.SEED_MODEL_RESOURCE)) {
      java.nio.file.Files.copy(in, shipped);
    }
    List<String> tokens =
        ((dev.siam4j.core.gguf.GgufArray) GgufFile.read(shipped).get("tokenizer.ggml.tokens").orElseThrow().value()).asStrings();
    assertThat(tokens).hasSize(1141).isEqualTo(LlamaModelFactory.vocabulary(QuickstartModels.spec()));
  }

  @Test
  void theShippedSeedModelsPassAtKCoversEveryTypeOutsideTheSeedSplitInBothLanguages() {
    List<QuickstartResults.TypePassAtK> rows = TypeReach.shipped(dir.resolve("pass-at-k.jsonl"));
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (Group g : List.of(Group.PARAPHRASE, Group.REACHABLE, Group.NEW)) {
      for (String t : MathWorld.templates(g)) {
        expected.add(g.label() + " " + t + " en");
        expected.add(g.label() + " " + t + " zh");
      }
    }
    assertThat(rows).extracting(r -> r.group() + " " + r.template() + " " + r.language())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows).allMatch(r -> r.k() == 64 && r.temperature() == 0.7 && r.passAt1() <= r.passAt5() && r.passAt5() <= r.passAtK());
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

  @Test
  void measureSamplesEverySplitAndTemplateOfTheFirstProblems() {
    Path model = QuickstartModels.writeUntrained(1, dir.resolve("m.gguf"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = SeedModelCommand.run(new String[] {"measure", model.toString(), "2", "3", "0.7", "3"}, print(out), print(err));

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(table).contains("2 samples per problem at temperature 0.7 (seed 1, 3 slots)", "3 test problems per split, 3 pool problems", "| pass@2 |");
    for (String split : List.of("test-id", "test-ood", "pool")) {
      // an untrained model writes no program that answers anything
      assertThat(table).contains("| " + split + " | all | all | all | 3 | 0.0% | 0.0% |");
    }
    MathWorld world = MathWorld.builder().seed(0).size(Split.POOL, 3).size(Split.TEST_ID, 3).size(Split.TEST_OOD, 3).build();
    WordProblem first = world.problems(Split.TEST_OOD).get(0);
    assertThat(table).contains("| test-ood | " + first.metadata().get("group") + " | " + first.metadata().get("template") + " | "
        + first.language() + " |");
  }

  @Test
  void measureRefusesMisuseWithExitCode2() {
    Path model = QuickstartModels.writeUntrained(1, dir.resolve("m.gguf"));
    for (String[] args : List.of(new String[] {"measure"}, new String[] {"train", model.toString()},
        new String[] {"measure", dir.resolve("missing.gguf").toString()}, new String[] {"measure", model.toString(), "0"},
        new String[] {"measure", model.toString(), "5", "x"}, new String[] {"measure", model.toString(), "5", "9", "hot"},
        new String[] {"measure", model.toString(), "5", "9", "0.7", "2"}, new String[] {"measure", model.toString(), "1", "9", "0", "x"})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(SeedModelCommand.run(args, print(new ByteArrayOutputStream()), print(err))).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).containsAnyOf("usage:", "no model file", "must be a positive", "must be a number", "must be at least K");
    }
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
