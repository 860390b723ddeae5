package dev.siam4j.core.openai;

import dev.siam4j.core.Generator;
import dev.siam4j.core.contract.GeneratorContract;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.core.testing.OpenAiTestServer;

/**
 * {@link OpenAiGenerator} over two loopback OpenAI-compatible servers backed by real llama.cpp meets
 * the {@link Generator} contract.
 */
final class OpenAiGeneratorContractTest implements GeneratorContract {
  private static OpenAiGenerator generator;

  @Override
  public synchronized Generator generator() {
    if (generator == null) {
      OpenAiTestServer a = OpenAiTestServer.start();
      OpenAiTestServer b = OpenAiTestServer.start();
      generator = OpenAiGenerator.builder()
          .endpoint(Endpoint.of(a.baseUri(), 2))
          .endpoint(Endpoint.of(b.baseUri(), 2))
          .model("tiny")
          .build();
    }
    return generator;
  }
}
