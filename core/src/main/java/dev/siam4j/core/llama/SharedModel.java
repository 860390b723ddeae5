package dev.siam4j.core.llama;

import de.kherud.llama.LlamaModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One native model and the threads that wait on its slots. Never closed: de.kherud:llama 4.2.0's
 * {@code close()} frees almost nothing, so a model stays loaded for the JVM's life and is shared by
 * every generator on equal options.
 */
final class SharedModel {
  final LlamaCppOptions options;
  final LlamaModel model;
  final ExecutorService slots;
  final boolean gpuOffload;

  SharedModel(LlamaCppOptions options, LlamaModel model, boolean gpuOffload) {
    this.options = options;
    this.model = model;
    this.gpuOffload = gpuOffload;
    AtomicInteger n = new AtomicInteger();
    String name = options.model().getFileName() + "-slot-";
    // Daemon threads: they only wait on llama.cpp's queue. One per slot keeps every slot busy.
    this.slots =
        Executors.newFixedThreadPool(
            options.parallelSlots(),
            r -> {
              Thread t = new Thread(r, "siam4j-llama-" + name + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }
}
