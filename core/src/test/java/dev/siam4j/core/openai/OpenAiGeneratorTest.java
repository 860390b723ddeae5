package dev.siam4j.core.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.core.remote.EndpointStats;
import dev.siam4j.core.remote.RemotePolicy;
import dev.siam4j.core.testing.OpenAiTestServer;
import dev.siam4j.core.testing.TestLlamaModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OpenAiGenerator} over loopback OpenAI-compatible servers backed by real llama.cpp. */
final class OpenAiGeneratorTest {
  private static final SamplingOptions SAMPLING = SamplingOptions.DEFAULT.withMaxTokens(8);
  private static final RemotePolicy FAST =
      RemotePolicy.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(20)).withProbeInterval(Duration.ofMillis(20));

  private static List<GenerationRequest> requests(int count, int k) {
    List<GenerationRequest> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new GenerationRequest(Prompt.raw("Problem " + i + ": what is " + i + " + 2?"), k, SAMPLING, 1000L + i));
    }
    return out;
  }

  /** What llama.cpp gives for sample {@code i} of {@code r} asked directly, as the server sees it. */
  private static Completion direct(GenerationRequest r, int i) {
    return TestLlamaModel.generator().complete(
        Prompt.chat(ChatMessage.user(r.prompt().text())), r.sampling(), r.sampleSeed(i));
  }

  @Test
  void everySampleArrivesOnceWithItsOwnSeedWhenOneServerDiesAndAnotherRefusesForAWhile() {
    try (OpenAiTestServer healthy = OpenAiTestServer.start();
        OpenAiTestServer dying = OpenAiTestServer.start();
        OpenAiTestServer busy = OpenAiTestServer.start()) {
      dying.killAfter(5);
      busy.refuse(429, 2);
      busy.refuse(503, 3);
      List<GenerationRequest> requests = requests(10, 3);
      List<List<Completion>> out;
      try (OpenAiGenerator generator = OpenAiGenerator.builder()
          .endpoint(Endpoint.of(healthy.baseUri(), 2))
          .endpoint(Endpoint.of(dying.baseUri(), 2))
          .endpoint(Endpoint.of(busy.baseUri(), 2))
          .model("tiny")
          .policy(FAST)
          .build()) {
        out = generator.generateAll(requests);
        List<EndpointStats> stats = generator.stats();
        assertThat(stats.get(1).down()).isTrue();
        assertThat(stats.get(1).lastFailure()).isPresent();
        assertThat(stats.get(2).failed()).isGreaterThanOrEqualTo(5);
      }
      assertThat(dying.isDead()).isTrue();
      assertThat(dying.answered()).isLessThanOrEqualTo(5);
      assertThat(busy.answered()).isPositive();
      assertThat(healthy.answered()).isPositive();
      assertThat(healthy.answered() + dying.answered() + busy.answered()).isGreaterThanOrEqualTo(30);

      List<Long> expectedSeeds = new ArrayList<>();
      for (int p = 0; p < requests.size(); p++) {
        assertThat(out.get(p)).hasSize(3);
        for (int i = 0; i < 3; i++) {
          expectedSeeds.add(requests.get(p).sampleSeed(i));
          assertThat(out.get(p).get(i).text()).as("problem %d sample %d", p, i)
              .isEqualTo(direct(requests.get(p), i).text());
        }
      }
      List<Long> servedSeeds = new ArrayList<>(healthy.seeds());
      servedSeeds.addAll(busy.seeds());
      servedSeeds.addAll(dying.seeds());
      assertThat(servedSeeds).containsAll(expectedSeeds).isSubsetOf(expectedSeeds);
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(300) // a guard against hanging, not a speed check
  void aStalledServerDoesNotStallTheOthers() throws Exception {
    try (OpenAiTestServer stalled = OpenAiTestServer.start();
        OpenAiTestServer fast = OpenAiTestServer.start();
        OpenAiGenerator g = OpenAiGenerator.builder()
            .endpoint(Endpoint.of(stalled.baseUri(), 2)).endpoint(Endpoint.of(fast.baseUri(), 2)).model("m").build()) {
      stalled.hold();
      java.util.concurrent.CompletableFuture<List<List<Completion>>> out =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> g.generateAll(requests(12, 3)));
      // Every sample but the two the stalled server holds (its in-flight limit) is served by the other.
      while (fast.answered() < 34) {
        assertThat(out).isNotDone();
        Thread.sleep(5);
      }
      assertThat(stalled.held()).isEqualTo(2);
      assertThat(out).isNotDone();
      stalled.release();
      assertThat(out.get(60, java.util.concurrent.TimeUnit.SECONDS)).hasSize(12).allSatisfy(l -> assertThat(l).hasSize(3));
      assertThat(stalled.answered()).isEqualTo(2);
      assertThat(fast.answered()).isEqualTo(34);
    }
  }

  @Test
  void oneRequestPerPromptGivesTheSameSamplesAsOneRequestPerSample() {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      List<GenerationRequest> requests = requests(3, 4);
      List<List<Completion>> perSample;
      List<List<Completion>> perPrompt;
      try (OpenAiGenerator g = OpenAiGenerator.builder().endpoint(Endpoint.of(server.baseUri(), 4)).model("m").build()) {
        perSample = g.generateAll(requests);
      }
      int before = server.answered();
      try (OpenAiGenerator g = OpenAiGenerator.builder().endpoint(Endpoint.of(server.baseUri(), 4)).model("m")
          .sampleRequests(SampleRequests.ONE_PER_PROMPT).build()) {
        perPrompt = g.generateAll(requests);
      }
      assertThat(server.answered() - before).isEqualTo(3);
      assertThat(texts(perPrompt)).isEqualTo(texts(perSample));
    }
  }

  @Test
  void whenEveryServerIsDownTheCallFailsNamingEachAndSaysItIsRetriable() {
    OpenAiTestServer a = OpenAiTestServer.start();
    OpenAiTestServer b = OpenAiTestServer.start();
    a.kill();
    b.kill();
    try (OpenAiGenerator g = OpenAiGenerator.builder()
        .endpoint(Endpoint.of(a.baseUri(), 1)).endpoint(Endpoint.of(b.baseUri(), 1))
        .model("m").policy(FAST.withProbeInterval(Duration.ofHours(1))).build()) {
      assertThatThrownBy(() -> g.generate(requests(1, 1).get(0)))
          .isInstanceOf(GenerationFailedException.class)
          .hasMessageStartingWith("model m: model server: every endpoint is down; " + a.baseUri() + " is down (3 failures in a row, last: ")
          .hasMessageContaining(b.baseUri() + " is down (3 failures in a row")
          .matches(e -> ((GenerationFailedException) e).isRetriable());
    }
    a.close();
    b.close();
  }

  @Test
  void aServerThatIgnoresNIsAClearError() {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      server.ignoreN();
      try (OpenAiGenerator g = OpenAiGenerator.builder().endpoint(Endpoint.of(server.baseUri(), 1)).model("m")
          .sampleRequests(SampleRequests.ONE_PER_PROMPT).build()) {
        assertThatThrownBy(() -> g.generate(requests(1, 2).get(0)))
            .isInstanceOf(GenerationFailedException.class)
            .hasMessage("model m: " + server.baseUri() + " answered 1 choices where 2 were asked;"
                + " the server does not support n > 1: use SampleRequests.ONE_PER_SAMPLE");
      }
    }
  }

  @Test
  void capacityIsTheSumOfTheEndpointsLimitsAndTheBuilderChecksEachValue() {
    try (OpenAiGenerator g = OpenAiGenerator.builder()
        .endpoint(Endpoint.of("http://127.0.0.1:1/v1", 3)).endpoint(Endpoint.of("http://[::1]:1/v1", 5))
        .model("m").build()) {
      assertThat(g.capacity()).isEqualTo(8);
    }
    assertThatThrownBy(() -> OpenAiGenerator.builder().model("m").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("at least one endpoint is required");
    assertThatThrownBy(() -> OpenAiGenerator.builder().endpoint(Endpoint.of("http://127.0.0.1:1/v1", 1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("model is required");
    assertThatThrownBy(() -> OpenAiGenerator.builder().model("a").model("b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("model was already set to a");
    assertThatThrownBy(() -> OpenAiGenerator.builder().endpoint(Endpoint.of("http://127.0.0.1:1/v1", 1))
        .endpoint(Endpoint.of("http://127.0.0.1:1/v1", 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoint http://127.0.0.1:1/v1 was already added");
  }

  private static List<List<String>> texts(List<List<Completion>> out) {
    return out.stream().map(l -> l.stream().map(Completion::text).toList()).toList();
  }
}
