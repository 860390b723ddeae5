package dev.siam4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.llama.LlamaCpp;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.problems.ProblemSources;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.llm.LlmCritic;
import dev.siam4j.sandbox.PythonSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's code block with its imports. {@link DocsCodeBlocksTest} checks that the README's
 * block is this file's, line by line ({@code Path.of("...")} in the README stands for any path
 * here), so the README cannot show code that does not compile. The test runs it on real parts: a
 * generated GGUF model that always writes {@code print(18)} as the policy, one that answers
 * {@code YES} as the critic model, two GSM8K lines, the sandbox, the cascade, the paper's data and
 * DJL training, three iterations.
 */
final class ReadmeSnippetTest {

  /** README.md's block; the test gives it real files for the paths the README names. */
  static void readmeExample(Path seedModel, Path criticFile, Path train, Path runs) {
    try (PythonSandbox sandbox = PythonSandbox.builder().build();
        LlamaCppGenerator criticModel = LlamaCppGenerator.open(LlamaCppOptions.builder(criticFile).build())) {
      AnswerEquivalence rules = AnswerEquivalence.builder().symbolic(sandbox).build();
      LoopResult result = SelfImprovementLoop.builder()
          .problems(ProblemSources.gsm8k(train))                         // or math(...), plain(...)
          .policy(Checkpoint.of(seedModel),                              // the seed policy, GGUF
              LlamaCpp.policyLoader(LlamaCppOptions.builder(seedModel).build()))
          .executor(sandbox)                                             // or your CodeExecutor
          .critic(Critics.cascade(rules, LlmCritic.builder().generator(criticModel).build()))
          .preferenceBuilder(PreferenceBuilders.paper())                 // quality control, pairs
          .trainer(DjlTrainer.create())                                  // or CommandTrainer (TRL)
          .trainingPlan(Algorithm.SFT, Algorithm.DPO_NLL)
          .samplesPerProblem(5)
          .iterations(3)
          .runFolder(runs)                                               // resumable after a crash
          .build()
          .run();
      result.iterations().forEach(m -> System.out.printf("iteration %d: pass@1 %.3f, %d SFT examples, %d pairs%n",
          m.iteration(), m.passAt1(), m.sftExamples(), m.pairs()));
    }
  }

  @Test
  @Tag("slow")
  void theReadmeLoopRunsAsWritten(@TempDir Path dir) throws Exception {
    Path seed = LlamaModelFactory.writeAnswering("print(18)\n```", dir.resolve("seed.gguf"));
    Path critic = LlamaModelFactory.writeAnswering("YES", dir.resolve("critic.gguf"));
    Path train = Files.writeString(dir.resolve("train.jsonl"),
        "{\"question\": \"Janet sells 9 eggs at $2 each. How much does she make?\", \"answer\": \"9 * 2 = 18\\n#### 18\"}\n"
            + "{\"question\": \"What is 3 times 3?\", \"answer\": \"#### 9\"}\n");

    Path runs = dir.resolve("runs/demo");

    readmeExample(seed, critic, train, runs);

    JsonNode metrics = Json.mapper().readTree(runs.resolve("metrics.json").toFile());
    assertThat(metrics).hasSize(3);
    JsonNode first = metrics.get(0);
    assertThat(first.get("samples").asLong()).isEqualTo(10);
    // print(18) answers the eggs and not 3 times 3; the rules decide both, so the model is not asked
    assertThat(first.get("approved").asLong()).isEqualTo(5);
    assertThat(first.get("judges").get("rules").asLong()).isEqualTo(10);
    assertThat(runs.resolve("iter-0/checkpoint/step-0-sft/result.json")).exists();
    assertThat(runs.resolve("iter-2/metrics.json")).exists();
  }
}
