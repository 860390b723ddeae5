package dev.siam4j.core.llama;

import de.kherud.llama.LlamaModel;
import dev.siam4j.core.GenerationFailedException;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufValue;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's loaded llama.cpp models, one per file and options. Loading validates everything the
 * binding would otherwise accept silently (after which its next call crashes the JVM): the model
 * and adapter files must exist and be GGUF of the right kind, and the native context must exist
 * after loading.
 */
final class NativeModels {
  private static final Logger LOG = LoggerFactory.getLogger(NativeModels.class);
  private static final Map<LlamaCppOptions, SharedModel> MODELS = new ConcurrentHashMap<>();

  private NativeModels() {}

  static SharedModel get(LlamaCppOptions options) {
    LlamaCppOptions key = normalize(options);
    SharedModel m = MODELS.get(key);
    if (m != null) {
      return m;
    }
    synchronized (MODELS) {
      return MODELS.computeIfAbsent(key, NativeModels::load);
    }
  }

  /** @return how many native models this JVM has loaded */
  static int loadedCount() {
    return MODELS.size();
  }

  static LlamaCppOptions normalize(LlamaCppOptions o) {
    return o.toBuilder()
        .model(o.model().toAbsolutePath().normalize())
        .loraAdapter(o.loraAdapter().map(p -> p.toAbsolutePath().normalize()))
        .build();
  }

  static void validateFiles(LlamaCppOptions o) {
    GgufFile model = readGguf(o.model(), "model");
    if (model.get("general.architecture").isEmpty()) {
      throw new InvalidInputException(o.model() + ": not a model: it has no general.architecture");
    }
    if (model.get("general.type").map(GgufValue::toString).filter("adapter"::equals).isPresent()) {
      throw new InvalidInputException(o.model() + ": is a LoRA adapter, not a model");
    }
    if (o.loraAdapter().isPresent()) {
      Path a = o.loraAdapter().get();
      GgufFile adapter = readGguf(a, "LoRA adapter");
      boolean isLora =
          adapter.get("general.type").map(GgufValue::toString).filter("adapter"::equals).isPresent()
              && adapter.get("adapter.type").map(GgufValue::toString).filter("lora"::equals).isPresent();
      if (!isLora) {
        throw new InvalidInputException(
            a + ": not a LoRA adapter (needs general.type = adapter and adapter.type = lora)");
      }
    }
  }

  private static GgufFile readGguf(Path p, String what) {
    if (!Files.isRegularFile(p)) {
      throw new InvalidInputException(p + ": the " + what + " file does not exist");
    }
    if (!Files.isReadable(p)) {
      throw new InvalidInputException(p + ": the " + what + " file is not readable");
    }
    return GgufFile.read(p);
  }

  private static SharedModel load(LlamaCppOptions o) {
    validateFiles(o);
    LlamaNatives.prepare();
    boolean gpu = LlamaNatives.gpuOffloadSupported();
    long t0 = System.nanoTime();
    LlamaModel model;
    try {
      model = new LlamaModel(LlamaCppArgs.model(o, gpu));
    } catch (RuntimeException e) { // the binding's LlamaException is a RuntimeException
      throw new GenerationFailedException(
          o.model() + ": llama.cpp could not load the model: " + e.getMessage(), e);
    }
    requireLoaded(model, o);
    LOG.info(
        "loaded {}{} in {} ms (context {}, {} slots, {} threads, GPU layers {} of {})",
        o.model(),
        o.loraAdapter().map(a -> " with adapter " + a).orElse(""),
        (System.nanoTime() - t0) / 1_000_000,
        o.contextSize(),
        o.parallelSlots(),
        o.threads(),
        o.gpuLayers(),
        gpu ? "a GPU build" : "a CPU-only build");
    return new SharedModel(o, model, gpu);
  }

  /** A load that failed without an exception leaves a null context; using it would crash. */
  static void requireLoaded(LlamaModel model, LlamaCppOptions o) {
    long ctx;
    try {
      Field f = LlamaModel.class.getDeclaredField("ctx");
      f.setAccessible(true);
      ctx = f.getLong(model);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A later binding version without this field: nothing to check against.
      LOG.debug("cannot check the native context of {}", o.model(), e);
      return;
    }
    if (ctx == 0) {
      throw new GenerationFailedException(
          o.model() + ": llama.cpp returned without loading the model (options " + o + ")");
    }
  }
}
