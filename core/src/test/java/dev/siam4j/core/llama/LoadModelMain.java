package dev.siam4j.core.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;

/** Loads a model in a child JVM, through siam4j ("guarded") or the bare binding ("raw"), and exits. */
final class LoadModelMain {
  private LoadModelMain() {}

  public static void main(String[] args) {
    Path model = Path.of(args[1]);
    if (args[0].equals("guarded")) {
      LlamaCppGenerator.open(LlamaCppOptions.builder(model).contextSize(256).parallelSlots(1).threads(1).build());
    } else {
      new LlamaModel(new ModelParameters().setModel(model.toString()).setCtxSize(256).disableLog());
    }
    // A loaded model keeps a native non-daemon thread: exit explicitly.
    System.exit(0);
  }
}
