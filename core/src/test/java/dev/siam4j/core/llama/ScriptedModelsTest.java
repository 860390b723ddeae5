package dev.siam4j.core.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.gguf.LlamaModelFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted models answer predictably on real llama.cpp, greedy or sampled. */
final class ScriptedModelsTest {
  @TempDir Path dir;

  private static LlamaCppGenerator open(Path model) {
    return LlamaCppGenerator.open(LlamaCppOptions.builder(model).contextSize(512).parallelSlots(2).threads(1).build());
  }

  @Test
  void answeringModelGivesItsAnswerToAnyPrompt() {
    String answer = "```python\nprint(6 * 7)\n```";
    try (LlamaCppGenerator g = open(LlamaModelFactory.writeAnswering(answer, dir.resolve("answer.gguf")))) {
      List<Completion> sampled =
          g.generate(new GenerationRequest(Prompt.raw("What is 6 times 7?"), 3, SamplingOptions.DEFAULT, 1));
      List<Completion> chat =
          g.generate(new GenerationRequest(Prompt.chat(ChatMessage.user("Hi")), 1, SamplingOptions.GREEDY, 1));

      assertThat(sampled).extracting(Completion::text).containsOnly(answer);
      assertThat(sampled.get(0).finishReason()).isEqualTo(Completion.FinishReason.STOP);
      assertThat(chat.get(0).text()).isEqualTo(answer);
    }
  }

  @Test
  void scriptedModelAnswersByTheLastCharacter() {
    Path model =
        LlamaModelFactory.writeScripted(Map.of('1', "YES", '0', "NO"), "MAYBE", dir.resolve("judge.gguf"));
    try (LlamaCppGenerator g = open(model)) {
      assertThat(answer(g, "Correct? 1")).isEqualTo("YES");
      assertThat(answer(g, "Correct? 0")).isEqualTo("NO");
      assertThat(answer(g, "Correct?")).isEqualTo("MAYBE");
    }
  }

  private static String answer(LlamaCppGenerator g, String prompt) {
    return g.generate(new GenerationRequest(Prompt.raw(prompt), 1, SamplingOptions.DEFAULT, 3)).get(0).text();
  }
}
