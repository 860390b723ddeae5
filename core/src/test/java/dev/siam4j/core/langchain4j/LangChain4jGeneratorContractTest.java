package dev.siam4j.core.langchain4j;

import dev.siam4j.core.Generator;
import dev.siam4j.core.contract.GeneratorContract;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link LangChain4jGenerator} over {@link LlamaCppChatModel} meets the {@link Generator} contract. */
final class LangChain4jGeneratorContractTest implements GeneratorContract {
  private static LangChain4jGenerator generator;

  @Override
  public synchronized Generator generator() {
    if (generator == null) {
      try {
        Path dir = Files.createTempDirectory("siam4j-lc4j-contract-");
        dir.toFile().deleteOnExit();
        Path model = LlamaModelFactory.writeRandom(LlamaModelSpec.tiny(), 42, dir.resolve("tiny.gguf"));
        model.toFile().deleteOnExit();
        LlamaCppGenerator llama =
            LlamaCppGenerator.open(LlamaCppOptions.builder(model).contextSize(1024).parallelSlots(4).threads(1).build());
        generator = LangChain4jGenerator.builder(LlamaCppChatModel.of(llama)).maxConcurrency(4).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return generator;
  }
}
