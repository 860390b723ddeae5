package dev.siam4j.core.testing;

import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one real llama.cpp model that test servers share in a JVM: {@link LlamaModelSpec#tiny()} with
 * random weights of seed 42, written once to a temporary file and loaded once (the binding keeps one
 * native model per file and options for the JVM's life, so tests must share it).
 */
public final class TestLlamaModel {
  private static Path file;
  private static LlamaCppGenerator generator;

  private TestLlamaModel() {}

  /** @return the model file, written on first use */
  public static synchronized Path file() {
    if (file == null) {
      try {
        Path dir = Files.createTempDirectory("siam4j-test-llama-");
        dir.toFile().deleteOnExit();
        file = LlamaModelFactory.writeRandom(LlamaModelSpec.tiny(), 42, dir.resolve("tiny.gguf"));
        file.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  /** @return options of the shared model: context 8192 in 8 slots, one thread */
  public static LlamaCppOptions options() {
    return LlamaCppOptions.builder(file()).contextSize(8192).parallelSlots(8).threads(1).build();
  }

  /** @return the shared generator; never close it (the native model lives as long as the JVM) */
  public static synchronized LlamaCppGenerator generator() {
    if (generator == null) {
      generator = LlamaCppGenerator.open(options());
    }
    return generator;
  }
}
