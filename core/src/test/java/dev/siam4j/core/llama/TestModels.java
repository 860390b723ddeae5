package dev.siam4j.core.llama;

import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny generated models shared by this package's tests (one file each per JVM). */
final class TestModels {
  private static Path dir;
  private static Path tiny;

  private TestModels() {}

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("siam4j-llama-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dir.toFile().deleteOnExit();
    }
    return dir;
  }

  /** The tiny model of {@link LlamaModelSpec#tiny()} with random weights of seed 42. */
  static synchronized Path tiny() {
    if (tiny == null) {
      tiny = LlamaModelFactory.writeRandom(LlamaModelSpec.tiny(), 42, dir().resolve("tiny.gguf"));
      tiny.toFile().deleteOnExit();
    }
    return tiny;
  }

  /** Options for the tiny model: context 1024 in 4 slots, one thread. */
  static LlamaCppOptions.Builder options() {
    return LlamaCppOptions.builder(tiny()).contextSize(1024).parallelSlots(4).threads(1);
  }
}
