package dev.siam4j.alignment.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference model's log-probabilities of every chosen and rejected completion, computed once
 * with the starting policy before training and cached on disk under a key of the data and model, so
 * that no reference model stays in memory.
 */
final class ReferenceLogProbs {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceLogProbs.class);

  private ReferenceLogProbs() {}

  /** @return {chosen[], rejected[]} summed log-probabilities, one per item */
  static float[][] loadOrCompute(
      Path cache, String key, LlamaModel model, List<TrainingSet.Item> items, int microBatch) {
    if (Files.isRegularFile(cache)) {
      try {
        JsonNode node = Json.mapper().readTree(cache.toFile());
        if (key.equals(node.path("key").asText())
            && node.path("chosen").size() == items.size()) {
          LOG.debug("reference log-probabilities from {}", cache);
          return new float[][] {floats(node.get("chosen")), floats(node.get("rejected"))};
        }
      } catch (IOException e) {
        LOG.warn("ignoring unreadable reference cache {}", cache, e);
      }
    }
    float[] chosen = new float[items.size()];
    float[] rejected = new float[items.size()];
    for (int start = 0; start < items.size(); start += microBatch) {
      int end = Math.min(items.size(), start + microBatch);
      List<EncodedSequence> seqs = new ArrayList<>();
      for (int i = start; i < end; i++) {
        seqs.add(items.get(i).chosen());
      }
      for (int i = start; i < end; i++) {
        seqs.add(items.get(i).rejected());
      }
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray[] batch = SequenceEncoder.pack(seqs, model.manager());
        float[] lp = model.sequenceLogProbs(batch[0], batch[1]).toFloatArray();
        int n = end - start;
        for (int i = 0; i < n; i++) {
          chosen[start + i] = lp[i];
          rejected[start + i] = lp[n + i];
        }
      }
    }
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("key", key);
    var c = node.putArray("chosen");
    var r = node.putArray("rejected");
    for (int i = 0; i < chosen.length; i++) {
      c.add(chosen[i]);
      r.add(rejected[i]);
    }
    try {
      Files.createDirectories(cache.toAbsolutePath().getParent());
      Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
      Json.mapper().writeValue(tmp.toFile(), node);
      Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot write reference cache " + cache, e);
    }
    return new float[][] {chosen, rejected};
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }
}
