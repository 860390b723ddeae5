package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Equivalence;
import dev.siam4j.sandbox.PythonSandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class QuickstartCriticTest {
  private static final MathWorld WORLD = world(20, 20);

  private static PythonSandbox python;

  @TempDir Path dir;

  private static MathWorld world(int seed, int ood) {
    return MathWorld.builder().seed(5).size(Split.SEED, seed).size(Split.POOL, 1).size(Split.TEST_ID, 1)
        .size(Split.TEST_OOD, ood).build();
  }

  @BeforeAll
  static void startPython() {
    python = PythonSandbox.builder().workers(2).build();
  }

  @AfterAll
  static void stopPython() {
    python.close();
  }

  @Test
  void theDatasetHasAsManyYesAsNoForEveryProblem_andCompletionsAreYesOrNo() {
    List<QuickstartCritic.Example> examples = QuickstartCritic.examples(WORLD, Split.SEED, python, 3, 1);

    Map<String, List<QuickstartCritic.Example>> byProblem = new java.util.TreeMap<>();
    for (QuickstartCritic.Example e : examples) {
      byProblem.computeIfAbsent(e.problem().id(), k -> new ArrayList<>()).add(e);
    }
    assertThat(byProblem).hasSize(20);
    for (List<QuickstartCritic.Example> list : byProblem.values()) {
      long yes = list.stream().filter(QuickstartCritic.Example::label).count();
      assertThat(yes).as(list.get(0).problem().id()).isEqualTo(list.size() - yes).isBetween(1L, 3L);
    }
    assertThat(examples.size()).isGreaterThan(20 * 4);
    assertThat(examples).extracting(QuickstartCritic.Example::kind).contains("reference", "form", "mutant", "wrong-form");
    List<SftExample> sft = QuickstartCritic.dataset(WORLD, Split.SEED, python, 3, 1);
    assertThat(sft).extracting(SftExample::completion).containsOnly("YES", "NO");
    SftExample first = sft.get(0);
    assertThat(first.prompt().text())
        .isEqualTo(examples.get(0).problem().answer() + "\n" + examples.get(0).output() + "\n");
  }

  @Test
  void theDatasetIsTheSameForTheSameSeed_andDiffersForAnother() {
    MathWorld small = world(8, 1);
    List<SftExample> a = QuickstartCritic.dataset(small, Split.SEED, python, 3, 1);
    List<SftExample> b = QuickstartCritic.dataset(small, Split.SEED, python, 3, 1);
    List<SftExample> c = QuickstartCritic.dataset(small, Split.SEED, python, 3, 2);

    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  @Tag("slow")
  void yesOutputsAreEquivalentToTheReference_andNoOutputsAreNot_byTheRulesWithSympyOrByValue() {
    AnswerEquivalence rules = AnswerEquivalence.builder().symbolic(python).build();
    MathWorld world = world(80, 120);
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Split split : List.of(Split.SEED, Split.TEST_OOD)) {
      for (QuickstartCritic.Example e : QuickstartCritic.examples(world, split, python, 3, 3)) {
        Equivalence byRules = rules.compare(e.problem().answer(), e.output()).result();
        boolean byValue = AnswerValue.parse(e.problem().answer())
            .matches(AnswerValue.parse(e.output()), e.problem().category().equals("quadratics"));
        boolean right = e.label() ? byRules == Equivalence.EQUAL || byValue : byRules != Equivalence.EQUAL && !byValue;
        if (!right) {
          wrong.add(e.kind() + " " + e.label() + ": '" + e.problem().answer() + "' vs '" + e.output() + "' rules "
              + byRules + ", by value " + byValue);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1000);
    assertThat(wrong).isEmpty();
  }

  @Test
  void formsIncludeAnswersThatStringComparisonRejects() {
    AnswerForms.Forms roots = AnswerForms.of("2.0 -2.0", "x = ±2", "quadratics", "quadratics.square", false);
    AnswerForms.Forms fraction = AnswerForms.of("3/4", "3/4", "fractions", "fractions.pizza", false);
    AnswerForms.Forms percent = AnswerForms.of("75.0 %", "75%", "percentages", "percentages.what", false);
    AnswerForms.Forms money = AnswerForms.of("12", "12 元", "arithmetic", "arithmetic.buy", true);
    AnswerForms.Forms ray = AnswerForms.of("x >= 5.0", "[5, +∞)", "inequalities", "inequalities.linear", false);

    assertThat(roots.equivalent()).contains("x = 2 or x = -2", "-2, 2", "x = ±2");
    assertThat(roots.wrong()).contains("2", "-2");
    assertThat(fraction.equivalent()).contains("0.75", "6/8");
    assertThat(fraction.wrong()).contains("4/3", "4/4");
    assertThat(percent.equivalent()).contains("0.75", "75%");
    assertThat(money.equivalent()).contains("12 元");
    assertThat(money.wrong()).contains("13", "11");
    assertThat(ray.equivalent()).contains("[5, +∞)", "x ≥ 5");
    assertThat(ray.wrong()).contains("(5, +∞)", "x <= 5");
  }

  @Test
  void aMutantChangesOneNumberOrOneOperator() {
    String program = "a = 6\nb = 10\nc = 34\nprint((c - b) / a)\n";
    for (int seed = 0; seed < 20; seed++) {
      String mutant = QuickstartCritic.mutate(program, new Random(seed));
      assertThat(mutant).isNotEqualTo(program);
      String[] before = program.split("\n");
      String[] after = mutant.split("\n");
      assertThat(after).hasSameSizeAs(before);
      int changed = 0;
      for (int i = 0; i < before.length; i++) {
        changed += before[i].equals(after[i]) ? 0 : 1;
      }
      assertThat(changed).as(mutant).isEqualTo(1);
    }
  }

  @Test
  void theCriticVocabularySplitsPromptsIntoWholeWords_andLlamaCppCountsTheSameTokens() {
    Path model = LlamaModelFactory.writeRandom(QuickstartCritic.spec(), 1, dir.resolve("critic.gguf"));
    List<String> vocabulary = LlamaModelFactory.vocabulary(QuickstartCritic.spec());
    Tokenizer tokenizer = Tokenizer.fromGguf(GgufFile.read(model));
    List<SftExample> data = QuickstartCritic.dataset(WORLD, Split.TEST_OOD, python, 3, 1);
    List<GenerationRequest> requests = new ArrayList<>();
    List<Integer> ours = new ArrayList<>();
    for (SftExample e : data) {
      String text = e.prompt().text();
      List<String> expected = new ArrayList<>();
      for (String w : WordTokenizer.tokenize(text + e.completion())) {
        expected.add(w.equals("\n") ? "<0x0A>" : w.replace(' ', '▁'));
      }
      List<String> actual = new ArrayList<>();
      for (int id : tokenizer.encode(text + e.completion())) {
        actual.add(vocabulary.get(id));
      }
      assertThat(actual).as(text).isEqualTo(expected);
      ours.add(tokenizer.encode(text).length);
      requests.add(new GenerationRequest(e.prompt(), 1, new SamplingOptions(0.0, 1.0, 0, 1, List.of()), 0));
    }
    try (LlamaCppGenerator generator = LlamaCppGenerator.open(QuickstartCritic.llamaOptions(model, 2))) {
      List<List<Completion>> out = generator.generateAll(requests);
      for (int i = 0; i < out.size(); i++) {
        assertThat(out.get(i).get(0).promptTokens()).as(data.get(i).prompt().text()).isEqualTo(ours.get(i));
      }
    }
  }

  @Test
  void theCascadeAsksTheModelOnlyWhatTheRulesLeaveUnknown() {
    List<CritiqueRequest> asked = new CopyOnWriteArrayList<>();
    Critic model = new Critic() {
      @Override
      public Verdict judge(CritiqueRequest request) {
        asked.add(request);
        return Verdict.of(true, 0.8, Critics.LLM, "fake");
      }
    };
    WordProblem problem = WORLD.problems(Split.SEED).get(0);
    CritiqueRequest equal = request(problem, "105 dollars", "105");
    CritiqueRequest notEqual = request(problem, "105 dollars", "7");
    CritiqueRequest unknown = request(problem, "5比2", "5:2");
    AnswerEquivalence rules = AnswerEquivalence.rules();
    assertThat(rules.compare("105 dollars", "105").result()).isEqualTo(Equivalence.EQUAL);
    assertThat(rules.compare("105 dollars", "7").result()).isEqualTo(Equivalence.NOT_EQUAL);
    assertThat(rules.compare("5比2", "5:2").result()).isEqualTo(Equivalence.UNKNOWN);

    List<Verdict> verdicts = QuickstartCritic.cascade(rules, model).judgeAll(List.of(equal, notEqual, unknown));

    assertThat(asked).containsExactly(unknown);
    assertThat(verdicts).extracting(Verdict::judge).containsExactly(Critics.RULES, Critics.RULES, Critics.LLM);
    assertThat(verdicts).extracting(Verdict::correct).containsExactly(true, false, true);
  }

  private static CritiqueRequest request(WordProblem p, String reference, String output) {
    WordProblem q = new WordProblem(p.id(), p.question(), reference, p.language(), p.source(), p.metadata(), p.program());
    return new QuickstartCritic.Example(q, "print(1)", output, true, "test").request();
  }

  /**
   * The shipped model through real llama.cpp on 24 held-out cases (the first 12 test-id problems:
   * the reference program's output, YES; the output "0", NO). It is right on at least 18; an
   * untrained model of the same shape, which answers alike whatever it sees, is right on about
   * half, and the test checks that it stays under 18, so the bar separates a trained critic from
   * none. (The shipped model is right on 77% of all held-out examples: docs/benchmarks.)
   */
  @Test
  @Tag("slow")
  void theShippedModelLoadsInLlamaCpp_andJudgesHeldOutCasesBetterThanAnUntrainedOne() {
    MathWorld world = MathWorld.withSeed(Quickstart.SHIPPED_WORLD_SEED);
    List<CritiqueRequest> requests = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (WordProblem p : world.problems(Split.TEST_ID).subList(0, 12)) {
      String program = p.program().orElseThrow();
      String printed = python.execute(program).answer().strip();
      requests.add(new QuickstartCritic.Example(p, program, printed, true, "reference").request());
      labels.add(true);
      requests.add(new QuickstartCritic.Example(p, "print(0)", "0", false, "wrong").request());
      labels.add(false);
    }
    Path shipped = QuickstartCritic.shippedModel(dir.resolve("critic-model.gguf"));
    Path untrained = LlamaModelFactory.writeRandom(QuickstartCritic.spec(), 7, dir.resolve("untrained.gguf"));

    List<Verdict> byShipped = QuickstartCritic.load(shipped, 2, 0).judgeAll(requests);
    List<Verdict> byUntrained = QuickstartCritic.load(untrained, 2, 0).judgeAll(requests);

    assertThat(byShipped).extracting(Verdict::judge).containsOnly(Critics.LLM);
    assertThat(right(byShipped, labels)).isGreaterThanOrEqualTo(18);
    assertThat(right(byUntrained, labels)).isLessThan(18);
  }

  private static int right(List<Verdict> verdicts, List<Boolean> labels) {
    int right = 0;
    for (int i = 0; i < labels.size(); i++) {
      right += verdicts.get(i).correct() == labels.get(i) ? 1 : 0;
    }
    return right;
  }
}
