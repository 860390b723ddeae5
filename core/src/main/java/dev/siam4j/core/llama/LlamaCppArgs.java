package dev.siam4j.core.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where siam4j's typed options become de.kherud:llama's parameters. What it never
 * does is part of its contract: it never calls {@code setNProbs} (its JNI aborts the JVM in 4.2.0),
 * never {@code addLoraScaledAdapter} (broken), never passes {@code --gpu-layers} to a build
 * without GPU support (it would print warnings), and always disables llama.cpp's logging to
 * stderr.
 */
final class LlamaCppArgs {
  private LlamaCppArgs() {}

  static ModelParameters model(LlamaCppOptions o, boolean gpuOffloadSupported) {
    ModelParameters p =
        new ModelParameters()
            .setModel(o.model().toString())
            .setCtxSize(o.contextSize())
            .setThreads(o.threads())
            .setThreadsBatch(o.threads())
            .setParallel(o.parallelSlots())
            .setBatchSize(o.batchSize())
            .setSeed(o.seed())
            .disableLog();
    int layers = o.gpuLayers().resolve(gpuOffloadSupported);
    if (layers > 0 && gpuOffloadSupported) {
      p.setGpuLayers(layers);
    }
    if (o.flashAttention()) {
      p.enableFlashAttn();
    }
    o.loraAdapter().ifPresent(a -> p.addLoraAdapter(a.toString()));
    return p;
  }

  /**
   * @param prompt raw text or chat messages (rendered with the model's chat template)
   * @param s sampling options
   * @param seed the sample's seed, in [0, 2^31)
   */
  static InferenceParameters inference(Prompt prompt, SamplingOptions s, long seed) {
    InferenceParameters p = new InferenceParameters(prompt.isChat() ? "" : prompt.text());
    if (prompt.isChat()) {
      StringBuilder system = new StringBuilder();
      List<Pair<String, String>> turns = new ArrayList<>();
      for (ChatMessage m : prompt.messages()) {
        if (m.role() == ChatMessage.Role.SYSTEM) {
          if (system.length() > 0) {
            system.append("\n\n");
          }
          system.append(m.content());
        } else {
          turns.add(new Pair<>(m.role() == ChatMessage.Role.USER ? "user" : "assistant", m.content()));
        }
      }
      p.setMessages(system.toString(), turns).setUseChatTemplate(true);
    }
    p.setNPredict(s.maxTokens())
        .setTemperature((float) s.temperature())
        .setTopP((float) s.topP())
        .setTopK(s.topK())
        // llama.cpp's defaults add min-p 0.05; the typed options have no min-p, so turn it off.
        .setMinP(0f)
        .setSeed((int) seed);
    if (!s.stop().isEmpty()) {
      p.setStopStrings(s.stop().toArray(new String[0]));
    }
    if (!s.grammar().isEmpty()) {
      p.setGrammar(s.grammar());
    }
    return p;
  }
}
