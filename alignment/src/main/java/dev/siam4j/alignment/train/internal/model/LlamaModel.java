package dev.siam4j.alignment.train.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.siam4j.alignment.train.internal.Scalars;
import dev.siam4j.alignment.train.internal.lora.LoraConfig;
import dev.siam4j.alignment.train.internal.optim.TrainableParameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A llama-family decoder over DJL arrays, computing what llama.cpp computes for the {@code llama} and
 * {@code qwen2} architectures: token embedding, per block RMSNorm, grouped-query attention with RoPE
 * (the model's base and rotated dimensions; q/k/v biases when the weights have them), RMSNorm and a
 * SwiGLU MLP, residuals, a final RMSNorm and the output projection (tied to the embedding when there
 * is no {@code output.weight}).
 *
 * <p>Weights keep their GGUF names ({@code blk.0.attn_q.weight}) and PyTorch's layout (a GGUF tensor
 * {@code ne = {n_in, n_out}} is an {@code (n_out, n_in)} array). Optionally LoRA adapters on chosen
 * projections ({@link #addLora}).
 *
 * <p>Owns native memory: whoever creates it closes it. Not thread-safe. Intermediate arrays of a
 * forward pass belong to various managers (DJL puts an op's result in its receiver's manager): run
 * each forward (and backward) pass inside an {@link NDScope}, as the trainer does, so that they are
 * freed when it ends.
 */
public final class LlamaModel implements AutoCloseable {
  private static final float MASKED = -1e9f;

  private final LlamaConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> weights;
  private final Map<String, NDArray[]> lora = new LinkedHashMap<>();
  private LoraConfig loraConfig;

  private LlamaModel(LlamaConfig config, NDManager manager, Map<String, NDArray> weights) {
    this.config = config;
    this.manager = manager;
    this.weights = weights;
  }

  /**
   * Builds a model from host tensors, checking that every tensor the configuration needs is there
   * with the right shape.
   *
   * @param config the model's shape
   * @param tensors its weights, by GGUF name
   * @param parent the model opens a sub-manager of it for its weights
   * @return the model
   * @throws IllegalArgumentException naming the first missing or misshapen tensor
   */
  public static LlamaModel create(
      LlamaConfig config, Collection<HostTensor> tensors, NDManager parent) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(tensors, "tensors");
    Map<String, HostTensor> byName = new LinkedHashMap<>();
    for (HostTensor t : tensors) {
      byName.put(t.name(), t);
    }
    checkShapes(config, byName);
    NDManager manager = Objects.requireNonNull(parent, "parent").newSubManager();
    Map<String, NDArray> weights = new LinkedHashMap<>();
    for (HostTensor t : byName.values()) {
      NDArray a = manager.create(t.data(), new Shape(t.shape()));
      a.setName(t.name());
      weights.put(t.name(), a);
    }
    return new LlamaModel(config, manager, weights);
  }

  /** @return the model's shape */
  public LlamaConfig config() {
    return config;
  }

  /** @return the manager that owns the weights */
  public NDManager manager() {
    return manager;
  }

  /** @return whether the output projection is the token embedding */
  public boolean tiedOutput() {
    return !weights.containsKey("output.weight");
  }

  /** @return the LoRA configuration, if adapters were added */
  public Optional<LoraConfig> lora() {
    return Optional.ofNullable(loraConfig);
  }

  /** @return the base weights by GGUF name, in load order (unmodifiable) */
  public Map<String, NDArray> weights() {
    return Collections.unmodifiableMap(weights);
  }

  /** @return LoRA pairs {A (r x n_in), B (n_out x r)} by the adapted weight's GGUF name */
  public Map<String, NDArray[]> loraWeights() {
    return Collections.unmodifiableMap(lora);
  }

  /**
   * Makes every base weight trainable (full fine-tuning).
   *
   * @return the parameters, norms and biases without weight decay
   */
  public List<TrainableParameter> trainAll() {
    if (loraConfig != null) {
      throw new IllegalStateException("the model has LoRA adapters; train those instead");
    }
    List<TrainableParameter> params = new ArrayList<>();
    for (Map.Entry<String, NDArray> e : weights.entrySet()) {
      e.getValue().setRequiresGradient(true);
      params.add(TrainableParameter.of(e.getKey(), e.getValue()));
    }
    return params;
  }

  /**
   * Adds LoRA adapters to the configured projections of every block: A uniform in {@code ±1/sqrt(n_in)}
   * from {@code seed}, B zero. Base weights stay frozen.
   *
   * @param lora rank, alpha and targets
   * @param seed initialisation seed
   * @return the adapters' parameters ({@code <weight>.lora_a}, {@code <weight>.lora_b})
   */
  public List<TrainableParameter> addLora(LoraConfig lora, long seed) {
    Objects.requireNonNull(lora, "lora");
    if (loraConfig != null) {
      throw new IllegalStateException("LoRA adapters were already added: " + loraConfig);
    }
    Random random = new Random(seed);
    List<TrainableParameter> params = new ArrayList<>();
    for (String name : weights.keySet()) {
      if (!isLoraTarget(name, lora)) {
        continue;
      }
      long[] shape = weights.get(name).getShape().getShape();
      int out = (int) shape[0];
      int in = (int) shape[1];
      float[] a = new float[lora.rank() * in];
      double bound = 1.0 / Math.sqrt(in);
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
      NDArray aa = manager.create(a, new Shape(lora.rank(), in));
      NDArray bb = manager.zeros(new Shape(out, lora.rank()));
      putLora(name, aa, bb);
      params.add(new TrainableParameter(name.replace(".weight", ".lora_a"), aa, true));
      params.add(new TrainableParameter(name.replace(".weight", ".lora_b"), bb, true));
    }
    loraConfig = lora;
    return params;
  }

  /**
   * Installs given LoRA weights (e.g. read back from an adapter GGUF or a checkpoint).
   *
   * @param lora the configuration the weights were trained with
   * @param pairs A (r x n_in) and B (n_out x r) by adapted weight name
   * @return the adapters' parameters
   */
  public List<TrainableParameter> setLora(LoraConfig lora, Map<String, HostTensor[]> pairs) {
    Objects.requireNonNull(lora, "lora");
    if (loraConfig != null) {
      throw new IllegalStateException("LoRA adapters were already added: " + loraConfig);
    }
    List<TrainableParameter> params = new ArrayList<>();
    for (Map.Entry<String, HostTensor[]> e : pairs.entrySet()) {
      if (!weights.containsKey(e.getKey())) {
        throw new IllegalArgumentException("no weight " + e.getKey() + " to adapt");
      }
      HostTensor a = e.getValue()[0];
      HostTensor b = e.getValue()[1];
      NDArray aa = manager.create(a.data(), new Shape(a.shape()));
      NDArray bb = manager.create(b.data(), new Shape(b.shape()));
      putLora(e.getKey(), aa, bb);
      params.add(new TrainableParameter(e.getKey().replace(".weight", ".lora_a"), aa, true));
      params.add(new TrainableParameter(e.getKey().replace(".weight", ".lora_b"), bb, true));
    }
    loraConfig = lora;
    return params;
  }

  private void putLora(String name, NDArray a, NDArray b) {
    a.setRequiresGradient(true);
    b.setRequiresGradient(true);
    lora.put(name, new NDArray[] {a, b});
  }

  private static boolean isLoraTarget(String name, LoraConfig lora) {
    if (!name.startsWith("blk.") || !name.endsWith(".weight")) {
      return false;
    }
    String[] parts = name.split("\\.");
    return parts.length == 4 && lora.targets().contains(parts[2]);
  }

  /**
   * The next-token logits at every position.
   *
   * @param tokens token ids, shape (B, T), integer
   * @return logits, shape (B, T, vocabulary), float32, in the tokens' manager
   */
  public NDArray logits(NDArray tokens) {
    Objects.requireNonNull(tokens, "tokens");
    if (tokens.getShape().dimension() != 2) {
      throw new IllegalArgumentException("tokens must have shape (B, T), got " + tokens.getShape());
    }
    NDManager m = tokens.getManager();
    long b = tokens.getShape().get(0);
    long t = tokens.getShape().get(1);
    int heads = config.headCount();
    int kvHeads = config.headCountKv();
    int group = config.groupSize();
    int headSize = config.headSize();
    int width = config.embeddingLength();

    NDArray x = w("token_embd.weight").get(new NDIndex("{}", tokens.toType(DataType.INT64, false)));
    NDArray[] rope = rope(m, (int) t);
    NDArray mask = causalMask(m, t);
    double attnScale = 1.0 / Math.sqrt(headSize);
    for (int l = 0; l < config.blockCount(); l++) {
      String p = "blk." + l + ".";
      NDArray h = rmsNorm(x, w(p + "attn_norm.weight"));
      NDArray q = linear(h, p + "attn_q").reshape(b, t, heads, headSize);
      NDArray k = linear(h, p + "attn_k").reshape(b, t, kvHeads, headSize);
      NDArray v = linear(h, p + "attn_v").reshape(b, t, kvHeads, headSize);
      q = applyRope(q, rope);
      k = applyRope(k, rope);
      // (B, Hkv, g, T, hd) against (B, Hkv, 1, T, hd): query head i uses key/value head i / g
      NDArray q5 = q.reshape(b, t, kvHeads, group, headSize).transpose(0, 2, 3, 1, 4);
      NDArray k5 = k.transpose(0, 2, 1, 3).expandDims(2);
      NDArray v5 = v.transpose(0, 2, 1, 3).expandDims(2);
      NDArray scores = Scalars.mul(q5.matMul(k5.transpose(0, 1, 2, 4, 3)), attnScale).add(mask);
      NDArray attended =
          scores.softmax(-1).matMul(v5).transpose(0, 3, 1, 2, 4).reshape(b, t, width);
      x = x.add(linear(attended, p + "attn_output"));
      h = rmsNorm(x, w(p + "ffn_norm.weight"));
      NDArray gate = linear(h, p + "ffn_gate");
      NDArray up = linear(h, p + "ffn_up");
      x = x.add(linear(gate.mul(Activation.sigmoid(gate)).mul(up), p + "ffn_down"));
    }
    x = rmsNorm(x, w("output_norm.weight"));
    return tiedOutput()
        ? x.matMul(w("token_embd.weight").transpose())
        : linear(x, "output");
  }

  /**
   * Teacher-forced log-probabilities: for each sequence, the sum over positions {@code i >= 1} with
   * {@code mask[i] = 1} of {@code log p(tokens[i] | tokens[< i])}.
   *
   * @param tokens token ids, shape (B, T); right padding is harmless
   * @param mask 1 where a token is scored (the completion), 0 elsewhere, shape (B, T); the first
   *     column is ignored
   * @return summed log-probabilities, shape (B)
   */
  public NDArray sequenceLogProbs(NDArray tokens, NDArray mask) {
    return tokenLogProbs(tokens).mul(mask.get(":, 1:").toType(DataType.FLOAT32, false)).sum(new int[] {1});
  }

  /**
   * @param tokens token ids, shape (B, T)
   * @return {@code log p(tokens[i] | tokens[< i])} for i = 1..T-1, shape (B, T - 1)
   */
  public NDArray tokenLogProbs(NDArray tokens) {
    long t = tokens.getShape().get(1);
    if (t < 2) {
      throw new IllegalArgumentException("need at least two tokens to score, got " + t);
    }
    NDArray logProbs = logits(tokens).get(":, :-1, :").logSoftmax(-1);
    NDArray targets = tokens.get(":, 1:").toType(DataType.INT64, false).expandDims(-1);
    return logProbs.gather(targets, -1).squeeze(-1);
  }

  /**
   * Greedy decoding with this forward pass (no cache; for tests and parity checks): appends the
   * arg-max token until {@code maxTokens} are added or {@code stopToken} is produced (not included).
   *
   * @param prompt the context's token ids
   * @param maxTokens most tokens to add
   * @param stopToken the end-of-sequence id, or -1 for none
   * @return the added tokens
   */
  public int[] greedy(int[] prompt, int maxTokens, int stopToken) {
    Objects.requireNonNull(prompt, "prompt");
    if (prompt.length == 0) {
      throw new IllegalArgumentException("prompt must not be empty");
    }
    List<Integer> out = new ArrayList<>();
    long[] seq = new long[prompt.length + maxTokens];
    for (int i = 0; i < prompt.length; i++) {
      seq[i] = prompt[i];
    }
    int length = prompt.length;
    for (int step = 0; step < maxTokens; step++) {
      int next;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray tokens = manager.create(Arrays.copyOf(seq, length), new Shape(1, length));
        next = (int) logits(tokens).get("0, -1, :").argMax().getLong();
      }
      if (next == stopToken) {
        break;
      }
      out.add(next);
      seq[length++] = next;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private NDArray w(String name) {
    NDArray a = weights.get(name);
    if (a == null) {
      throw new IllegalStateException("missing tensor " + name);
    }
    return a;
  }

  /** x W^T (+ bias) (+ scale * (x A^T) B^T). */
  private NDArray linear(NDArray x, String module) {
    String weightName = module + ".weight";
    NDArray y = x.matMul(w(weightName).transpose());
    NDArray bias = weights.get(module + ".bias");
    if (bias != null) {
      y = y.add(bias);
    }
    NDArray[] ab = lora.get(weightName);
    if (ab != null) {
      y = y.add(Scalars.mul(x.matMul(ab[0].transpose()).matMul(ab[1].transpose()), loraConfig.scale()));
    }
    return y;
  }

  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    return x.mul(Scalars.pow(meanSquare.add(config.rmsNormEpsilon()), -0.5)).mul(weight);
  }

  /** cos and sin of position * theta_i, shape (1, T, 1, nRot / 2), computed in doubles. */
  private NDArray[] rope(NDManager m, int t) {
    int half = config.ropeDimensionCount() / 2;
    float[] cos = new float[t * half];
    float[] sin = new float[t * half];
    for (int pos = 0; pos < t; pos++) {
      for (int i = 0; i < half; i++) {
        double theta =
            pos * Math.pow(config.ropeFreqBase(), -2.0 * i / config.ropeDimensionCount());
        cos[pos * half + i] = (float) Math.cos(theta);
        sin[pos * half + i] = (float) Math.sin(theta);
      }
    }
    Shape shape = new Shape(1, t, 1, half);
    return new NDArray[] {m.create(cos, shape), m.create(sin, shape)};
  }

  private NDArray applyRope(NDArray x, NDArray[] rope) {
    int nRot = config.ropeDimensionCount();
    int headSize = config.headSize();
    NDArray rotated = nRot == headSize ? x : x.get("..., :" + nRot);
    Shape s = rotated.getShape();
    NDArray cos = rope[0];
    NDArray sin = rope[1];
    NDArray out;
    if (config.ropeStyle() == RopeStyle.NORMAL) {
      NDArray pairs = rotated.reshape(s.get(0), s.get(1), s.get(2), nRot / 2, 2);
      NDArray x0 = pairs.get("..., 0");
      NDArray x1 = pairs.get("..., 1");
      out =
          x0.mul(cos)
              .sub(x1.mul(sin))
              .stack(x0.mul(sin).add(x1.mul(cos)), -1)
              .reshape(s);
    } else {
      NDArray x0 = rotated.get("..., :" + nRot / 2);
      NDArray x1 = rotated.get("..., " + nRot / 2 + ":");
      out = x0.mul(cos).sub(x1.mul(sin)).concat(x0.mul(sin).add(x1.mul(cos)), -1);
    }
    return nRot == headSize ? out : out.concat(x.get("..., " + nRot + ":"), -1);
  }

  /** 0 on and below the diagonal, a large negative number above, shape (T, T); from arange. */
  private static NDArray causalMask(NDManager m, long t) {
    NDArray rows = m.arange((int) t).reshape(t, 1);
    NDArray cols = m.arange((int) t).reshape(1, t);
    return cols.gt(rows).toType(DataType.FLOAT32, false).mul(MASKED);
  }

  private static void checkShapes(LlamaConfig c, Map<String, HostTensor> t) {
    int d = c.embeddingLength();
    int kv = c.headCountKv() * c.headSize();
    int ff = c.feedForwardLength();
    expect(t, "token_embd.weight", c.vocabularySize(), d);
    expect(t, "output_norm.weight", d);
    if (t.containsKey("output.weight")) {
      expect(t, "output.weight", c.vocabularySize(), d);
    }
    for (int l = 0; l < c.blockCount(); l++) {
      String p = "blk." + l + ".";
      expect(t, p + "attn_norm.weight", d);
      expect(t, p + "attn_q.weight", d, d);
      expect(t, p + "attn_k.weight", kv, d);
      expect(t, p + "attn_v.weight", kv, d);
      expect(t, p + "attn_output.weight", d, d);
      expect(t, p + "ffn_norm.weight", d);
      expect(t, p + "ffn_gate.weight", ff, d);
      expect(t, p + "ffn_up.weight", ff, d);
      expect(t, p + "ffn_down.weight", d, ff);
      if (t.containsKey(p + "attn_q.bias")) {
        expect(t, p + "attn_q.bias", d);
        expect(t, p + "attn_k.bias", kv);
        expect(t, p + "attn_v.bias", kv);
      }
    }
  }

  private static void expect(Map<String, HostTensor> tensors, String name, long... shape) {
    HostTensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("missing tensor " + name);
    }
    if (!Arrays.equals(t.shape(), shape)) {
      throw new IllegalArgumentException(
          name + " has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
    }
  }

  /** Frees the weights and adapters. */
  @Override
  public void close() {
    manager.close();
  }
}
