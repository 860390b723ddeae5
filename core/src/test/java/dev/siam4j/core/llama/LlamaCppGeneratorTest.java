package dev.siam4j.core.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real llama.cpp on a generated tiny model. */
final class LlamaCppGeneratorTest {
  private static final SamplingOptions HOT = new SamplingOptions(1.0, 1.0, 0, 12, List.of());
  private static final SamplingOptions GREEDY = SamplingOptions.GREEDY.withMaxTokens(16);
  private static LlamaCppGenerator generator;

  @BeforeAll
  static void open() {
    generator = LlamaCppGenerator.open(TestModels.options().build());
  }

  @AfterAll
  static void close() {
    generator.close();
  }

  private static List<String> texts(List<Completion> cs) {
    return cs.stream().map(Completion::text).collect(Collectors.toList());
  }

  @Test
  void aGrammarConstrainsWhatARandomModelWrites() {
    SamplingOptions yesNo = HOT.withGrammar("root ::= \"YES\" | \"NO\"");
    List<String> constrained =
        texts(generator.generate(new GenerationRequest(Prompt.raw("Is 2+2 4?"), 8, yesNo, 3)));
    List<String> free =
        texts(generator.generate(new GenerationRequest(Prompt.raw("Is 2+2 4?"), 8, HOT, 3)));
    assertThat(constrained).hasSize(8).allSatisfy(t -> assertThat(t).isIn("YES", "NO"));
    assertThat(free).anySatisfy(t -> assertThat(t).isNotIn("YES", "NO"));
  }

  @Test
  void kSamplesWithPerSampleSeedsAreReproducible() {
    GenerationRequest request = new GenerationRequest(Prompt.raw("Question: 2+2"), 5, HOT, 42);

    List<Completion> first = generator.generate(request);
    List<Completion> again = generator.generate(request);
    List<Completion> otherSeed = generator.generate(new GenerationRequest(request.prompt(), 5, HOT, 43));

    assertThat(first).hasSize(5);
    assertThat(texts(again)).isEqualTo(texts(first));
    assertThat(texts(first).stream().distinct().count()).isGreaterThan(1);
    assertThat(texts(otherSeed)).isNotEqualTo(texts(first));
    for (Completion c : first) {
      assertThat(c.promptTokens()).isEqualTo(13);
      assertThat(c.completionTokens()).isBetween(0, 12);
    }
  }

  @Test
  void greedySamplesAgreeAndHitTheTokenLimit() {
    List<Completion> cs = generator.generate(new GenerationRequest(Prompt.raw("Hello"), 3, GREEDY, 1));

    assertThat(texts(cs).stream().distinct()).hasSize(1);
    assertThat(cs.get(0).finishReason()).isEqualTo(Completion.FinishReason.LENGTH);
    assertThat(cs.get(0).completionTokens()).isEqualTo(16);
  }

  @Test
  void aStopStringEndsTheCompletionAndIsNotIncluded() {
    String full = generator.generate(new GenerationRequest(Prompt.raw("Hello"), 1, GREEDY, 1)).get(0).text();
    int at = -1;
    for (int i = 1; i < full.length() && at < 0; i++) {
      if (full.charAt(i) < 128 && Character.isLetterOrDigit(full.charAt(i))) {
        at = i;
      }
    }
    assertThat(at).as("greedy text %s has an ASCII letter after its start", full).isPositive();
    String stop = String.valueOf(full.charAt(at));

    Completion c =
        generator
            .generate(new GenerationRequest(Prompt.raw("Hello"), 1, GREEDY.withStop(List.of(stop)), 1))
            .get(0);

    assertThat(c.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
    assertThat(c.finishReason()).isEqualTo(Completion.FinishReason.STOP);
  }

  @Test
  void chatPromptsAreRenderedWithTheChatTemplate() {
    Prompt chat = Prompt.chat(ChatMessage.system("Be brief."), ChatMessage.user("Hi"));
    List<Completion> cs = generator.generate(new GenerationRequest(chat, 2, HOT, 5));

    assertThat(cs).hasSize(2);
    // No template in the file: llama.cpp falls back to ChatML, which wraps both turns in markers.
    assertThat(cs.get(0).promptTokens()).isGreaterThan("Be brief.Hi".length() + 20);
  }

  @Test
  void generateAllMatchesOneAtATimeAndConcurrentCallers() throws Exception {
    List<GenerationRequest> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      requests.add(new GenerationRequest(Prompt.raw("Problem " + i + ":"), 2, HOT, 100 + i));
    }
    List<List<Completion>> all = generator.generateAll(requests);

    List<List<String>> oneByOne = new ArrayList<>();
    for (GenerationRequest r : requests) {
      oneByOne.add(texts(generator.generate(r)));
    }
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<Completion>>> futures = new ArrayList<>();
      for (GenerationRequest r : requests) {
        futures.add(callers.submit(() -> generator.generate(r)));
      }
      for (int i = 0; i < 3; i++) {
        assertThat(texts(futures.get(i).get())).isEqualTo(oneByOne.get(i));
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(all.stream().map(LlamaCppGeneratorTest::texts).collect(Collectors.toList())).isEqualTo(oneByOne);
  }

  @Test
  void aPromptLongerThanASlotFailsClearly() {
    String longPrompt = "x".repeat(300);
    assertThatThrownBy(() -> generator.generate(new GenerationRequest(Prompt.raw(longPrompt), 1, HOT, 1)))
        .isInstanceOf(GenerationFailedException.class)
        .hasMessage(generator.options().model() + ": the prompt has 300 tokens; a slot holds 256 (contextSize / parallelSlots)");
  }

  @Test
  void equalOptionsShareOneNativeModelAndCloseKeepsItForOthers() {
    LlamaCppGenerator second = LlamaCppGenerator.open(TestModels.options().build());
    int loaded = NativeModels.loadedCount();
    second.close();
    assertThatThrownBy(() -> second.generate(new GenerationRequest(Prompt.raw("a"), 1, HOT, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this generator is closed");

    LlamaCppGenerator third = LlamaCppGenerator.open(TestModels.options().build());

    assertThat(second.nativeModel()).isSameAs(generator.nativeModel()).isSameAs(third.nativeModel());
    assertThat(NativeModels.loadedCount()).isEqualTo(loaded);
    assertThat(third.generate(new GenerationRequest(Prompt.raw("a"), 1, HOT, 1))).hasSize(1);
  }

  @Test
  void policyLoaderOpensCheckpointsOnSharedModels() {
    Generator g =
        LlamaCpp.policyLoader(TestModels.options().build()).load(Checkpoint.of(TestModels.tiny()));

    assertThat(g).isInstanceOf(LlamaCppGenerator.class);
    assertThat(((LlamaCppGenerator) g).nativeModel()).isSameAs(generator.nativeModel());
    GenerationRequest r = new GenerationRequest(Prompt.raw("Hello"), 2, HOT, 9);
    assertThat(texts(g.generate(r))).isEqualTo(texts(generator.generate(r)));
  }
}
