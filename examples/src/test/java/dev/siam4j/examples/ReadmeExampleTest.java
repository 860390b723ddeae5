package dev.siam4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.gguf.LlamaModelFactory;
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
 * README.md's code block, mirrored and run on real parts: a generated model that always writes
 * {@code print(18)}, GSM8K-format problems, the sandbox, the cascade, the paper's data and DJL
 * training. Keep the two in step.
 */
final class ReadmeExampleTest {

  @Test
  @Tag("slow")
  void theReadmeLoopRunsAsWritten(@TempDir Path dir) throws Exception {
    Path seed = LlamaModelFactory.writeAnswering("print(18)\n```", dir.resolve("seed.gguf"));
    Path train = Files.writeString(dir.resolve("train.jsonl"),
        "{\"question\": \"Janet sells 9 eggs at $2 each. How much does she make?\", \"answer\": \"9 * 2 = 18\\n#### 18\"}\n"
            + "{\"question\": \"What is 3 times 3?\", \"answer\": \"#### 9\"}\n");
    try (LlamaCppGenerator criticModel =
        LlamaCppGenerator.open(LlamaCppOptions.builder(seed).contextSize(2048).threads(1).build())) {
      // --- as in README.md (paths and sizes adapted to a test) ---
      try (PythonSandbox sandbox = PythonSandbox.builder().build()) {
        AnswerEquivalence rules = AnswerEquivalence.builder().symbolic(sandbox).build();
        LoopResult result = SelfImprovementLoop.builder()
            .problems(ProblemSources.gsm8k(train))
            .policy(Checkpoint.of(seed),
                LlamaCpp.policyLoader(LlamaCppOptions.builder(seed).contextSize(2048).threads(1).build()))
            .executor(sandbox)
            .critic(Critics.cascade(rules, LlmCritic.builder().generator(criticModel).build()))
            .preferenceBuilder(PreferenceBuilders.paper())
            .trainer(DjlTrainer.create())
            .trainingPlan(Algorithm.SFT, Algorithm.DPO_NLL)
            .samplesPerProblem(2)
            .iterations(1)
            .runFolder(dir.resolve("runs/demo"))
            .build()
            .run();
        // ---
        assertThat(result.iterations().get(0).samples()).isEqualTo(4);
        assertThat(result.iterations().get(0).approved()).isEqualTo(2);
        assertThat(result.finalCheckpoint()).isPresent();
        assertThat(dir.resolve("runs/demo/iter-0/checkpoint/step-0-sft/result.json")).exists();
      }
    }
  }
}
