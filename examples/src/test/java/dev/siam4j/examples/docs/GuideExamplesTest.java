package dev.siam4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.siam4j.alignment.command.CommandTrainer;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Critic;
import dev.siam4j.core.Execution;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.JudgedProblem;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.PolicyLoader;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.Solution;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Verdict;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.langchain4j.LangChain4jGenerator;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.core.loop.LoopEvent;
import dev.siam4j.core.loop.LoopListener;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.sandbox.PythonSandbox;
import dev.siam4j.sandbox.remote.HttpCodeExecutor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code blocks of docs/GUIDE.md, each in a method of its own and run here on real parts (the
 * sandbox, the rules, llama.cpp on a generated model) or, for remote services, built without being
 * called. {@link DocsCodeBlocksTest} checks that every block of the guide is in this file, line by
 * line; a path the guide names with {@code Path.of("...")} is a test folder here.
 */
final class GuideExamplesTest {
  private static PythonSandbox sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox = PythonSandbox.builder().workers(1).build();
  }

  @AfterAll
  static void closeSandbox() {
    sandbox.close();
  }

  private static final Problem EGGS =
      Problem.of("eggs-1", "Janet sells 9 eggs at $2 each. How much does she make?", "18", "demo");

  // ---------------------------------------------------------------- Generator

  static Generator cannedGenerator() {
    Generator canned = request -> {
      List<Completion> out = new ArrayList<>();
      for (int i = 0; i < request.samples(); i++) {
        String program = i % 2 == 0 ? "print(9 * 2)" : "print(9 + 2)";
        out.add(new Completion("```python\n" + program + "\n```", Completion.FinishReason.STOP, 0, 0));
      }
      return out;
    };
    return canned;
  }

  @Test
  void theCannedGenerator_writesTheRequestedNumberOfSamples() {
    List<Completion> four =
        cannedGenerator().generate(new GenerationRequest(Prompt.raw("Janet sells..."), 4, SamplingOptions.DEFAULT, 7));

    assertThat(four).extracting(Completion::text).containsExactly(
        "```python\nprint(9 * 2)\n```", "```python\nprint(9 + 2)\n```",
        "```python\nprint(9 * 2)\n```", "```python\nprint(9 + 2)\n```");
  }

  static LangChain4jGenerator remoteGenerator() {
    OpenAiChatModel chat = OpenAiChatModel.builder()
        .baseUrl("http://vllm-host:8000/v1")                  // vLLM, SGLang, llama-server, ...
        .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "none"))
        .modelName("my-math-model")
        .build();
    LangChain4jGenerator remote = LangChain4jGenerator.builder(chat)
        .maxConcurrency(32)                                   // requests in flight
        .build();
    return remote;
  }

  @Test
  void theRemoteGenerator_isBuiltWithoutContactingTheServer() {
    try (LangChain4jGenerator remote = remoteGenerator()) {
      assertThat(remote).isInstanceOf(Generator.class);
    }
  }

  // ---------------------------------------------------------------- CodeExecutor

  static CodeExecutor lengthLimited(PythonSandbox sandbox) {
    CodeExecutor shortPrograms = code -> code.length() > 4_000
        ? new Execution(Outcome.ERROR, 1, "", "program longer than 4,000 characters", "", Duration.ZERO, Optional.empty())
        : sandbox.execute(code);
    return shortPrograms;
  }

  @Test
  void theLengthLimitedExecutor_runsShortProgramsInTheSandboxAndRefusesLongOnes() {
    CodeExecutor executor = lengthLimited(sandbox);

    Execution ran = executor.execute("print(6 * 7)");
    Execution refused = executor.execute("x = 1\n".repeat(1_000) + "print(x)");

    assertThat(ran.outcome()).isEqualTo(Outcome.OK);
    assertThat(ran.answer()).isEqualTo("42");
    assertThat(refused.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(refused.stderr()).isEqualTo("program longer than 4,000 characters");
  }

  static HttpCodeExecutor sandboxFusion() {
    HttpCodeExecutor remote = HttpCodeExecutor.builder()
        .baseUri(URI.create("http://sandbox-fusion:8080/"))  // SandboxFusion's run_code API
        .runTimeout(Duration.ofSeconds(10))
        .maxConcurrency(64)
        .build();
    return remote;
  }

  @Test
  void theSandboxFusionExecutor_isBuiltWithoutContactingTheService() {
    try (HttpCodeExecutor remote = sandboxFusion()) {
      assertThat(remote).isInstanceOf(CodeExecutor.class);
    }
  }

  // ---------------------------------------------------------------- Critic

  static Critic numericCritic() {
    Critic numeric = request -> {
      try {
        double got = Double.parseDouble(request.execution().answer().strip());
        double want = Double.parseDouble(request.problem().referenceAnswer().strip());
        return Verdict.of(Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want)), "numeric");
      } catch (NumberFormatException e) {
        return Verdict.of(false, 0.0, "numeric", "not a number: " + e.getMessage());
      }
    };
    return numeric;
  }

  @Test
  void theNumericCritic_acceptsARoundingDifferenceAndRejectsText() {
    Critic numeric = numericCritic();
    Problem tenths = Problem.of("tenths", "What is 0.1 + 0.2?", "0.3", "demo");

    Verdict close = numeric.judge(tenths, "print(0.1 + 0.2)",
        Execution.ok("0.30000000000000004\n", "0.30000000000000004", Duration.ZERO));
    Verdict text = numeric.judge(tenths, "print('three tenths')",
        Execution.ok("three tenths\n", "three tenths", Duration.ZERO));

    assertThat(close.correct()).isTrue();
    assertThat(close.judge()).isEqualTo("numeric");
    assertThat(text.correct()).isFalse();
    assertThat(text.rationale()).contains("not a number: For input string: \"three tenths\"");
  }

  static Critic rulesThenNumeric(Critic numeric) {
    Critic critic = Critics.cascade(AnswerEquivalence.rules(), numeric);  // numeric judges what the rules leave undecided
    return critic;
  }

  @Test
  void theCascade_letsTheRulesDecideFirst() {
    Critic critic = rulesThenNumeric(numericCritic());

    Verdict byRules = critic.judge(EGGS, "print(9 * 2)", Execution.ok("18\n", "18", Duration.ZERO));

    assertThat(byRules.correct()).isTrue();
    assertThat(byRules.judge()).isEqualTo(Critics.RULES);
  }

  // ---------------------------------------------------------------- PreferenceBuilder

  static PreferenceBuilder sftOnly() {
    PreferenceBuilder paper = PreferenceBuilders.paper();
    PreferenceBuilder sftOnly = problem -> {
      TrainingExamples all = paper.build(problem);
      return new TrainingExamples(all.sft(), List.of(), all.dropped());
    };
    return sftOnly;
  }

  @Test
  void theSftOnlyBuilder_keepsThePapersExamplesAndNoPairs() {
    JudgedProblem judged = new JudgedProblem(EGGS, List.of(
        judged(0, "print(9 * 2)", "18", true),
        judged(1, "print(9 + 2)", "11", false)));

    TrainingExamples paper = PreferenceBuilders.paper().build(judged);
    TrainingExamples sftOnly = sftOnly().build(judged);

    assertThat(paper.pairs()).hasSize(1);
    assertThat(sftOnly.pairs()).isEmpty();
    assertThat(sftOnly.sft()).isEqualTo(paper.sft());
    assertThat(sftOnly.sft()).singleElement().extracting(e -> e.completion()).asString().contains("print(9 * 2)");
  }

  private static JudgedSample judged(int index, String code, String answer, boolean correct) {
    Solution s = new Solution(new SampleKey(EGGS.id(), index, 0), Prompt.raw(EGGS.question()),
        new Completion("```python\n" + code + "\n```", Completion.FinishReason.STOP, 0, 0), code);
    return new JudgedSample(s, Execution.ok(answer + "\n", answer, Duration.ZERO), Verdict.of(correct, "rules"));
  }

  // ---------------------------------------------------------------- Trainer

  static Trainer copyBase() {
    Trainer copyBase = job -> {
      try {
        Files.createDirectories(job.outputDirectory());
        Path model = Files.copy(job.base().model(), job.outputDirectory().resolve("model.gguf"),
            StandardCopyOption.REPLACE_EXISTING);
        return new TrainingResult(Checkpoint.of(model), Map.of("examples", (double) Files.readAllLines(job.sftFile()).size()));
      } catch (IOException e) {
        throw new TrainingFailedException("cannot copy " + job.base().model() + ": " + e.getMessage(), e);
      }
    };
    return copyBase;
  }

  @Test
  void theCopyingTrainer_writesItsCheckpointToTheJobsFolder(@TempDir Path dir) throws IOException {
    Path base = Files.writeString(dir.resolve("base.gguf"), "weights");
    Path sft = Files.writeString(dir.resolve("sft.jsonl"), "{}\n{}\n");
    TrainingJob job = new TrainingJob(Checkpoint.of(base), sft, dir.resolve("pairs.jsonl"), Algorithm.SFT,
        TrainingOptions.DEFAULT, dir.resolve("out"));

    TrainingResult result = copyBase().train(job);

    assertThat(result.checkpoint().model()).isEqualTo(dir.resolve("out/model.gguf"));
    assertThat(result.checkpoint().model()).hasContent("weights");
    assertThat(result.metrics()).containsEntry("examples", 2.0);
  }

  static CommandTrainer trl() {
    CommandTrainer trl = CommandTrainer.builder()
        .command(List.of("accelerate", "launch", "examples/recipes/trl-dpo-nll/train_dpo_nll.py",
            "--pairs", "{pairs}", "--hf-base", "/models/my-model-hf", "--out", "{output}",
            "--beta", "{beta}", "--nll-weight", "{nll_weight}", "--lora-rank", "{lora_rank}",
            "--learning-rate", "{learning_rate}", "--epochs", "{epochs}"))
        .environment("LLAMA_CPP_DIR", "/opt/llama.cpp")      // converts the adapter back to GGUF
        .timeout(Duration.ofHours(6))
        .build();
    return trl;
  }

  @Test
  void theTrlTrainer_isBuiltWithTheRecipesPlaceholders() {
    assertThat(trl()).isInstanceOf(Trainer.class);
    assertThat(CommandTrainer.PLACEHOLDERS).contains("pairs", "output", "beta", "nll_weight", "lora_rank", "learning_rate", "epochs");
  }

  // ---------------------------------------------------------------- PolicyLoader

  static PolicyLoader fourThreads() {
    PolicyLoader loader = checkpoint -> LlamaCppGenerator.open(
        LlamaCppOptions.builder(checkpoint.model())
            .loraAdapter(checkpoint.adapter())                 // an adapter the trainer wrote, if any
            .threads(4)
            .contextSize(4096)
            .build());
    return loader;
  }

  @Test
  void theLoader_opensAGeneratorOnTheCheckpointsModel(@TempDir Path dir) throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(18)\n```", dir.resolve("seed.gguf"));

    Generator g = fourThreads().load(Checkpoint.of(model));
    try {
      List<Completion> out = g.generate(new GenerationRequest(Prompt.raw("Q: eggs\n```python\n"), 1,
          SamplingOptions.GREEDY.withMaxTokens(16).withStop(List.of("```")), 1));
      assertThat(out).singleElement().extracting(Completion::text).asString().startsWith("print(18)");
    } finally {
      ((AutoCloseable) g).close();
    }
  }

  // ---------------------------------------------------------------- LoopListener

  static LoopListener stageLog(List<String> lines) {
    LoopListener listener = new LoopListener() {
      @Override
      public void stageFinished(LoopEvent.StageFinished e) {
        lines.add("iteration " + e.iteration() + ": " + e.stage() + " done in " + e.elapsed().toMillis() + " ms");
      }
    };
    return listener;
  }

  // ---------------------------------------------------------------- a loop without a model

  static LoopResult dryRun(Generator canned, CodeExecutor sandbox, Trainer copyBase, LoopListener listener,
      Path seed, Path runFolder) {
    LoopResult result = SelfImprovementLoop.builder()
        .problems(List.of(Problem.of("eggs-1", "Janet sells 9 eggs at $2 each. How much does she make?", "18", "demo")))
        .policy(Checkpoint.of(seed), checkpoint -> canned)     // every checkpoint gets the canned generator
        .executor(sandbox)
        .critic(Critics.rules())
        .preferenceBuilder(PreferenceBuilders.paper())
        .trainer(copyBase)
        .samplesPerProblem(4)
        .iterations(2)
        .listener(listener)
        .runFolder(runFolder)
        .build()
        .run();
    return result;
  }

  @Test
  void theDryRun_writesEveryStageAndHandsTheTrainedCheckpointOn(@TempDir Path dir) throws IOException {
    Path seed = Files.writeString(dir.resolve("seed.gguf"), "weights");
    List<String> lines = new CopyOnWriteArrayList<>();

    LoopResult result = dryRun(cannedGenerator(), sandbox, copyBase(), stageLog(lines), seed, dir.resolve("runs/dry"));

    assertThat(result.iterations()).hasSize(2);
    assertThat(result.iterations().get(0).approved()).isEqualTo(2);
    assertThat(result.iterations().get(0).sftExamples()).isEqualTo(1);  // the two approved programs are the same
    assertThat(result.iterations().get(0).pairs()).isEqualTo(1);
    assertThat(result.finalCheckpoint()).contains(
        Checkpoint.of(dir.resolve("runs/dry/iter-1/checkpoint/step-0-sft/model.gguf")));
    List<String> stages = new ArrayList<>();
    for (String line : lines) {
      stages.add(line.replaceFirst(" done in \\d+ ms$", ""));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      for (Stage s : Stage.values()) {
        if (s != Stage.EXPLORE) { // the dry run sets no exploration
          expected.add("iteration " + i + ": " + s);
        }
      }
    }
    assertThat(stages).isEqualTo(expected);
  }
}
