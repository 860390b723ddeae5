package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.alignment.quality.QualityCheck;
import dev.siam4j.alignment.quality.QualityChecks;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Execution;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.Solution;
import dev.siam4j.core.Verdict;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MathWorldTest {
  private static final MathWorld WORLD = MathWorld.withSeed(5);

  @Test
  void defaultSizes() {
    assertThat(WORLD.problems(Split.SEED)).hasSize(2000);
    assertThat(WORLD.problems(Split.POOL)).hasSize(600);
    assertThat(WORLD.problems(Split.TEST_ID)).hasSize(200);
    assertThat(WORLD.problems(Split.TEST_OOD)).hasSize(200);
  }

  @Test
  void seedAndInDistributionTestUseSeedTemplates_outOfDistributionTestNever() {
    assertThat(groups(Split.SEED)).containsOnlyKeys(Group.SEEN);
    assertThat(groups(Split.TEST_ID)).containsOnlyKeys(Group.SEEN);
    assertThat(groups(Split.TEST_OOD)).containsOnlyKeys(Group.PARAPHRASE, Group.NEW, Group.REACHABLE);
    assertThat(groups(Split.TEST_OOD))
        .containsEntry(Group.PARAPHRASE, 68L).containsEntry(Group.NEW, 66L).containsEntry(Group.REACHABLE, 66L);
    assertThat(groups(Split.POOL)).containsEntry(Group.SEEN, 180L).containsEntry(Group.PARAPHRASE, 240L).containsEntry(Group.NEW, 180L);
    Set<String> seedTemplates = templates(Split.SEED);
    assertThat(seedTemplates).containsExactlyInAnyOrderElementsOf(MathWorld.templates(Group.SEEN));
    assertThat(templates(Split.TEST_OOD)).doesNotContainAnyElementsOf(seedTemplates)
        .containsAll(MathWorld.templates(Group.REACHABLE));
    assertThat(templates(Split.POOL))
        .containsAll(MathWorld.templates(Group.PARAPHRASE))
        .containsAll(MathWorld.templates(Group.NEW));
  }

  @Test
  void everyCategoryAppearsInTheSeedInBothLanguages() {
    Set<String> seen =
        WORLD.problems(Split.SEED).stream().map(p -> p.category() + "/" + p.language()).collect(Collectors.toSet());
    for (String category :
        List.of("arithmetic", "fractions", "percentages", "ratios", "units", "linear", "systems", "quadratics", "inequalities", "counting")) {
      assertThat(seen).contains(category + "/en", category + "/zh");
    }
  }

  @Test
  void noQuestionAppearsTwice_andIdsAreUnique() {
    Set<String> questions = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (Split split : Split.values()) {
      for (WordProblem p : WORLD.problems(split)) {
        assertThat(questions.add(p.question())).as(p.question()).isTrue();
        assertThat(ids.add(p.id())).isTrue();
        assertThat(p.split()).isEqualTo(split);
      }
    }
    assertThat(WORLD.problems(Split.POOL).get(0).id()).isEqualTo("mathworld-pool-00001");
  }

  @Test
  void metadataNamesCategoryTemplateSplitGroupAndTheQuestionsNumbers() {
    for (WordProblem p : WORLD.problems(Split.TEST_OOD)) {
      assertThat(p.metadata()).containsOnlyKeys("category", "template", "split", "group", "numbers");
      assertThat(p.template()).startsWith(p.category() + ".");
      assertThat(p.numbers()).isEqualTo(MathWorld.numbersIn(p.question())).isNotEmpty();
    }
  }

  @Test
  void referenceProgramsAreGrounded_everyLiteralComesFromTheQuestionOrIsAFormulaConstant() {
    Set<String> constants = Set.of("0.5", "2", "3", "4", "60", "100", "1000");
    for (Split split : Split.values()) {
      for (WordProblem p : WORLD.problems(split)) {
        Set<String> allowed = new HashSet<>(p.numbers());
        allowed.addAll(constants);
        assertThat(MathWorld.numbersIn(p.program().orElseThrow())).as(p.id() + ": " + p.question()).isSubsetOf(allowed);
      }
    }
  }

  @Test
  void referenceProgramsPassTheGroundingCheckTheLoopFiltersWith() {
    // the quickstart's data filter and grounded accuracy use this check: a reference program it
    // rejects (as it once rejected every root's "** 0.5") makes a whole template unlearnable
    QualityCheck grounded = QualityChecks.grounded();
    for (Split split : Split.values()) {
      for (WordProblem p : WORLD.problems(split)) {
        String program = p.program().orElseThrow();
        Solution solution = new Solution(new SampleKey(p.id(), 0, 0), Prompt.raw(p.question()),
            new Completion(program, Completion.FinishReason.STOP, 0, 0), program);
        JudgedSample sample = new JudgedSample(solution, Execution.ok(p.answer(), p.answer(), Duration.ZERO),
            Verdict.of(true, "test"));
        assertThat(grounded.accepts(p.toProblem(), sample)).as(p.id() + ": " + p.question() + "\n" + program).isTrue();
      }
    }
  }

  @Test
  void numbersInListsUnsignedNumbersInOrderWithoutRepeats() {
    assertThat(MathWorld.numbersIn("Solve 3x - 5 = -11 and 2.5x + 3 = 8.")).containsExactly("3", "5", "11", "2.5", "8");
    assertThat(MathWorld.numbersIn("把12:60化成最简整数比。")).containsExactly("12", "60");
    assertThat(MathWorld.numbersIn("no numbers")).isEmpty();
  }

  @Test
  void sameSeedWritesByteIdenticalFiles_otherSeedDoesNot(@TempDir Path dir) throws IOException {
    Map<Split, Path> a = MathWorld.withSeed(9).write(dir.resolve("a"));
    Map<Split, Path> b = MathWorld.withSeed(9).write(dir.resolve("b"));
    Map<Split, Path> c = MathWorld.withSeed(10).write(dir.resolve("c"));
    for (Split split : Split.values()) {
      assertThat(a.get(split).getFileName().toString()).isEqualTo(split.label() + ".jsonl");
      assertThat(Files.readAllBytes(a.get(split))).isEqualTo(Files.readAllBytes(b.get(split)));
      assertThat(Files.readAllBytes(a.get(split))).isNotEqualTo(Files.readAllBytes(c.get(split)));
    }
  }

  @Test
  void filesHoldTheProblems_programsOnlyInTheSeedSplit(@TempDir Path dir) throws IOException {
    Map<Split, Path> files = WORLD.write(dir);
    for (Split split : Split.values()) {
      List<WordProblem> read = MathWorld.read(files.get(split));
      List<WordProblem> made = WORLD.problems(split);
      assertThat(read).hasSize(made.size());
      for (int i = 0; i < read.size(); i++) {
        WordProblem r = read.get(i);
        WordProblem m = made.get(i);
        assertThat(r.id()).isEqualTo(m.id());
        assertThat(r.question()).isEqualTo(m.question());
        assertThat(r.answer()).isEqualTo(m.answer());
        assertThat(r.language()).isEqualTo(m.language());
        assertThat(r.source()).isEqualTo("mathworld");
        assertThat(r.metadata()).isEqualTo(m.metadata());
        assertThat(r.program()).isEqualTo(split == Split.SEED ? m.program() : java.util.Optional.empty());
      }
    }
    String first = Files.readAllLines(files.get(Split.SEED)).get(0);
    assertThat(first).startsWith("{\"id\":\"mathworld-seed-00001\",\"question\":").contains("\"program\":\"");
    assertThat(Files.readString(files.get(Split.POOL))).doesNotContain("\"program\"");
  }

  @Test
  void readNamesFileAndLineOfABrokenRecord(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("pool.jsonl");
    Files.writeString(file, "{\"id\":\"a\",\"question\":\"q\",\"answer\":\"1\",\"language\":\"en\",\"source\":\"mathworld\",\"metadata\":{}}\n{\"id\":\"b\"}\n");
    assertThatThrownBy(() -> MathWorld.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ":2: missing text field 'question'");
  }

  @Test
  void testSplitsDoNotDependOnTheOtherSizes() {
    MathWorld small = MathWorld.builder().seed(5).size(Split.POOL, 50).size(Split.SEED, 40).build();
    assertThat(small.problems(Split.TEST_ID)).isEqualTo(WORLD.problems(Split.TEST_ID));
    assertThat(small.problems(Split.TEST_OOD)).isEqualTo(WORLD.problems(Split.TEST_OOD));
    assertThat(small.problems(Split.POOL)).hasSize(50);
  }

  @Test
  void toProblemKeepsFieldsAndMapsTheLanguage() {
    WordProblem zh = WORLD.problems(Split.SEED).stream().filter(p -> p.language().equals("zh")).findFirst().orElseThrow();
    Problem p = zh.toProblem();
    assertThat(p.id()).isEqualTo(zh.id());
    assertThat(p.referenceAnswer()).isEqualTo(zh.answer());
    assertThat(p.language()).isEqualTo(Locale.CHINESE);
    assertThat(p.source()).isEqualTo("mathworld");
    assertThat(p.metadata()).isEqualTo(zh.metadata());
  }

  @Test
  void answersComeInSeveralForms() {
    Set<String> shapes = new HashSet<>();
    for (Split split : Split.values()) {
      for (WordProblem p : WORLD.problems(split)) {
        shapes.add(p.category() + ":" + p.answer().replaceAll("\\d+", "N"));
      }
    }
    assertThat(shapes)
        .contains(
            "quadratics:x = N or x = -N", "quadratics:x = ±N", "inequalities:(N, N]", "fractions:N/N",
            "percentages:N%", "arithmetic:N 元", "systems:x=N，y=-N", "ratios:N:N");
  }

  @Test
  void builderRejectsBadAndRepeatedSettings() {
    assertThatThrownBy(() -> MathWorld.builder().seed(1).seed(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("seed was already set to 1");
    assertThatThrownBy(() -> MathWorld.builder().size(Split.POOL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pool size must be positive, was 0");
    assertThatThrownBy(() -> MathWorld.builder().size(Split.SEED, 3).size(Split.SEED, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("seed size was already set to 3");
  }

  @Test
  void threeTimesTheDefaultSizesCanBeDrawn() {
    MathWorld big =
        MathWorld.builder().seed(3).size(Split.SEED, 1200).size(Split.POOL, 1800).size(Split.TEST_ID, 600).size(Split.TEST_OOD, 600).build();
    assertThat(big.problems(Split.POOL)).hasSize(1800);
    assertThat(big.problems(Split.TEST_OOD)).hasSize(600);
  }

  /**
   * A pool of 2,400 (720 of seed templates, 36 for each template and language): English {@code
   * counting.choose} has about 20 questions left after the seed and test splits, so the pool takes
   * what is left of it and fills its share from the other seed templates.
   */
  @Test
  void aLargePoolSkipsATemplateThatRunsOutAndKeepsItsSize() {
    MathWorld world = MathWorld.builder().size(Split.POOL, 2400).build();
    List<WordProblem> pool = world.problems(Split.POOL);
    assertThat(pool).hasSize(2400);
    Map<String, Long> seen = pool.stream()
        .filter(p -> p.metadata().get("group").equals("seen"))
        .collect(Collectors.groupingBy(p -> p.metadata().get("template") + "/" + p.language(), Collectors.counting()));
    assertThat(seen.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(720);
    assertThat(seen.get("counting.choose/en")).isLessThan(seen.get("linear.solve/en"));
    assertThat(seen.get("counting.choose/en")).isLessThan(720 / 20);
    assertThat(seen.values().stream().filter(n -> n > 720 / 20).count()).isPositive();
    // the splits drawn before the pool are those of the default world
    MathWorld defaults = MathWorld.withSeed(0);
    assertThat(world.problems(Split.SEED)).isEqualTo(defaults.problems(Split.SEED));
    assertThat(world.problems(Split.TEST_ID)).isEqualTo(defaults.problems(Split.TEST_ID));
  }

  /**
   * The quickstart's recipe: a quarter of the seed split in Chinese, so the English questions
   * take three-quarters; English {@code counting.choose} runs out of questions on the way, and the
   * other templates fill its share. The pool follows its shares; the test splits are the default
   * world's.
   */
  @Test
  void aRecipeSetsTheSeedSplitsLanguagesAndThePoolsGroups() {
    MathWorld world =
        MathWorld.builder().recipe(new MathWorld.Recipe(0.25, 0.6, 0.15)).size(Split.POOL, 1800).build();
    List<WordProblem> seed = world.problems(Split.SEED);
    assertThat(seed).hasSize(2000);
    Map<String, Long> byTemplate = seed.stream()
        .collect(Collectors.groupingBy(p -> p.template() + "/" + p.language(), Collectors.counting()));
    assertThat(seed.stream().filter(p -> p.language().equals("zh")).count()).isEqualTo(500);
    assertThat(byTemplate.get("linear.solve/zh")).isEqualTo(50);
    assertThat(byTemplate.get("counting.choose/en")).isLessThan(byTemplate.get("linear.solve/en"));
    assertThat(byTemplate.get("linear.solve/en")).isGreaterThan(1500 / 10);
    Map<Group, Long> pool = world.problems(Split.POOL).stream()
        .collect(Collectors.groupingBy(WordProblem::group, Collectors.counting()));
    assertThat(pool).containsEntry(Group.SEEN, 1080L).containsEntry(Group.PARAPHRASE, 450L).containsEntry(Group.NEW, 270L);
    MathWorld defaults = MathWorld.withSeed(0);
    assertThat(defaults.recipe()).isEqualTo(MathWorld.Recipe.DEFAULT);
    assertThat(world.problems(Split.TEST_ID)).isEqualTo(defaults.problems(Split.TEST_ID));
    assertThat(world.problems(Split.TEST_OOD)).isEqualTo(defaults.problems(Split.TEST_OOD));
    assertThat(MathWorld.builder().recipe(MathWorld.Recipe.DEFAULT).build().problems(Split.SEED))
        .isEqualTo(defaults.problems(Split.SEED));
  }

  @Test
  void aRecipeRefusesSharesOutOfRange() {
    assertThatThrownBy(() -> new MathWorld.Recipe(0.6, 0.3, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seedChineseShare must be from 0 to 0.5, was 0.6");
    assertThatThrownBy(() -> new MathWorld.Recipe(0.5, 0.7, 0.4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pool shares must be at least 0 and sum to at most 1, were seen 0.7, new 0.4 and reachable 0.0");
    assertThatThrownBy(() -> new MathWorld.Recipe(0.5, 0.5, 0.3, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pool shares must be at least 0 and sum to at most 1, were seen 0.5, new 0.3 and reachable 0.3");
    assertThatThrownBy(() -> MathWorld.builder().recipe(MathWorld.Recipe.DEFAULT).recipe(MathWorld.Recipe.DEFAULT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("recipe was already set to");
  }

  @Test
  void aRecipeWithReachableTypesPutsThemInThePool_andTheTestsStayTheSame() {
    MathWorld.Recipe recipe = new MathWorld.Recipe(0.25, 0.5, 0.1, 0.25);
    MathWorld world = MathWorld.builder().recipe(recipe).size(Split.POOL, 1800).build();
    Map<Group, Long> pool = world.problems(Split.POOL).stream()
        .collect(Collectors.groupingBy(WordProblem::group, Collectors.counting()));
    assertThat(pool)
        .containsEntry(Group.SEEN, 900L).containsEntry(Group.PARAPHRASE, 270L).containsEntry(Group.NEW, 180L)
        .containsEntry(Group.REACHABLE, 450L);
    assertThat(world.problems(Split.POOL).stream().filter(p -> p.group() == Group.REACHABLE).map(WordProblem::template))
        .containsAll(MathWorld.templates(Group.REACHABLE));
    MathWorld without = MathWorld.builder().recipe(recipe.withPoolReachableShare(0).withPoolSeenShare(0.75))
        .size(Split.POOL, 1800).build();
    assertThat(without.problems(Split.POOL)).noneMatch(p -> p.group() == Group.REACHABLE);
    for (Split split : List.of(Split.SEED, Split.TEST_ID, Split.TEST_OOD)) {
      assertThat(without.problems(split)).isEqualTo(world.problems(split));
    }
  }

  @Test
  void reachableTypesAreWrittenWithTheWordsOfTheOtherTemplatesOnly() {
    // the vocabulary is made from the other groups' templates, so the shipped models' vocabulary
    // holds every token of a reachable question, answer and program
    MathWorld big = MathWorld.builder().seed(11).size(Split.TEST_OOD, 1200).build();
    long reachable = 0;
    for (WordProblem p : big.problems(Split.TEST_OOD)) {
      if (p.group() != Group.REACHABLE) {
        continue;
      }
      reachable++;
      for (String text : List.of(p.question(), p.answer(), p.program().orElseThrow())) {
        assertThat(MathWorld.vocabulary()).as(p.template() + ": " + text).containsAll(WordTokenizer.tokenize(text));
      }
    }
    assertThat(reachable).isEqualTo(400);
    assertThat(MathWorld.vocabulary()).hasSize(464);
  }

  @Test
  void sizesBeyondWhatTheTemplatesCanDrawAreRefused() {
    assertThatThrownBy(() -> MathWorld.builder().size(Split.TEST_OOD, 200_000).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no new question left after 500 draws; choose smaller split sizes");
  }

  private static Map<Group, Long> groups(Split split) {
    return WORLD.problems(split).stream().collect(Collectors.groupingBy(WordProblem::group, Collectors.counting()));
  }

  private static Set<String> templates(Split split) {
    return WORLD.problems(split).stream().map(WordProblem::template).collect(Collectors.toSet());
  }
}
