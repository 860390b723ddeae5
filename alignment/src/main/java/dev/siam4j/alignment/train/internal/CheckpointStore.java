package dev.siam4j.alignment.train.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.alignment.train.internal.lora.GgufExport;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.alignment.train.internal.optim.AdamW;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufTensorInfo;
import dev.siam4j.core.gguf.GgufValue;
import dev.siam4j.core.gguf.GgufWriter;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resumable checkpoints in a job's output folder: {@code checkpoints/step-N/} holds the trained
 * weights ({@code adapter.gguf} for LoRA, {@code model.gguf} for full fine-tuning) and {@code
 * optimizer.gguf} (AdamW's moments); {@code trainer-state.json} names the last complete one and is
 * written last, so a crash leaves the previous checkpoint in force.
 */
final class CheckpointStore {
  static final String STATE = "trainer-state.json";
  private final Path output;

  CheckpointStore(Path output) {
    this.output = output;
  }

  /** The last complete checkpoint: its step and folder. */
  record Saved(int step, Path folder, String key) {}

  Optional<Saved> last() {
    Path state = output.resolve(STATE);
    if (!Files.isRegularFile(state)) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.mapper().readTree(state.toFile());
      return Optional.of(
          new Saved(
              node.get("step").asInt(),
              output.resolve(node.get("folder").asText()),
              node.path("key").asText()));
    } catch (IOException | RuntimeException e) {
      throw new TrainingFailedException("cannot read " + state, e);
    }
  }

  void save(int step, String key, LlamaModel model, GgufFile base, AdamW adam) {
    String name = String.format("checkpoints/step-%06d", step);
    Path folder = output.resolve(name);
    try {
      Files.createDirectories(folder);
      if (model.lora().isPresent()) {
        GgufExport.writeAdapter(model, folder.resolve("adapter.gguf"));
      } else {
        GgufExport.writeMerged(model, base, folder.resolve("model.gguf"), GgmlType.F32);
      }
      writeOptimizer(adam.state(), folder.resolve("optimizer.gguf"));
      ObjectNode node = Json.mapper().createObjectNode();
      node.put("step", step);
      node.put("folder", name);
      node.put("key", key);
      Path tmp = output.resolve(STATE + ".tmp");
      Json.mapper().writeValue(tmp.toFile(), node);
      Files.move(tmp, output.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      deleteOthers(folder);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot save checkpoint " + folder, e);
    }
  }

  private void deleteOthers(Path keep) throws IOException {
    Path all = output.resolve("checkpoints");
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(all)) {
      for (Path d : dirs) {
        if (!d.equals(keep)) {
          try (Stream<Path> walk = Files.walk(d)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
    }
  }

  static void writeOptimizer(AdamW.State state, Path file) {
    GgufWriter w =
        GgufWriter.create()
            .put("general.type", GgufValue.string("siam4j-optimizer"))
            .put("siam4j.optimizer.steps", GgufValue.uint32(state.steps()));
    state.moments().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              long n = e.getValue()[0].length;
              w.addTensor(e.getKey() + ".m", GgmlType.F32, List.of(n), e.getValue()[0]);
              w.addTensor(e.getKey() + ".v", GgmlType.F32, List.of(n), e.getValue()[1]);
            });
    w.write(file);
  }

  static AdamW.State readOptimizer(Path file) {
    GgufFile gguf = GgufFile.read(file);
    int steps = gguf.get("siam4j.optimizer.steps").map(GgufValue::asInt).orElse(0);
    Map<String, float[][]> moments = new HashMap<>();
    for (GgufTensorInfo t : gguf.tensors()) {
      String name = t.name().substring(0, t.name().length() - 2);
      float[][] mv = moments.computeIfAbsent(name, k -> new float[2][]);
      mv[t.name().endsWith(".m") ? 0 : 1] = gguf.readFloats(t.name());
    }
    return new AdamW.State(steps, moments);
  }
}
