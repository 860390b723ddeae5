package dev.siam4j.core.llama;

import dev.siam4j.core.Generator;
import dev.siam4j.core.contract.GeneratorContract;

/** {@link LlamaCppGenerator} meets the {@link Generator} contract, on real llama.cpp. */
final class LlamaCppGeneratorContractTest implements GeneratorContract {
  private static LlamaCppGenerator generator;

  @Override
  public synchronized Generator generator() {
    if (generator == null) {
      generator = LlamaCppGenerator.open(TestModels.options().build());
    }
    return generator;
  }
}
