package dev.siam4j.alignment.train.internal.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random, non-trivial weights for a {@link LlamaConfig}, for tests. */
final class RandomLlamaWeights {
  private RandomLlamaWeights() {}

  static List<HostTensor> of(LlamaConfig c, boolean tied, boolean qkvBias, long seed) {
    Random r = new Random(seed);
    int d = c.embeddingLength();
    int kv = c.headCountKv() * c.headSize();
    int ff = c.feedForwardLength();
    List<HostTensor> t = new ArrayList<>();
    t.add(tensor(r, "token_embd.weight", 1.0, c.vocabularySize(), d));
    for (int l = 0; l < c.blockCount(); l++) {
      String p = "blk." + l + ".";
      t.add(norm(r, p + "attn_norm.weight", d));
      t.add(tensor(r, p + "attn_q.weight", 2.0 / Math.sqrt(d), d, d));
      t.add(tensor(r, p + "attn_k.weight", 2.0 / Math.sqrt(d), kv, d));
      t.add(tensor(r, p + "attn_v.weight", 1.0 / Math.sqrt(d), kv, d));
      if (qkvBias) {
        t.add(tensor(r, p + "attn_q.bias", 0.5, d));
        t.add(tensor(r, p + "attn_k.bias", 0.5, kv));
        t.add(tensor(r, p + "attn_v.bias", 0.5, kv));
      }
      t.add(tensor(r, p + "attn_output.weight", 1.0 / Math.sqrt(d), d, d));
      t.add(norm(r, p + "ffn_norm.weight", d));
      t.add(tensor(r, p + "ffn_gate.weight", 1.0 / Math.sqrt(d), ff, d));
      t.add(tensor(r, p + "ffn_up.weight", 1.0 / Math.sqrt(d), ff, d));
      t.add(tensor(r, p + "ffn_down.weight", 1.0 / Math.sqrt(ff), d, ff));
    }
    t.add(norm(r, "output_norm.weight", d));
    if (!tied) {
      t.add(tensor(r, "output.weight", 1.0 / Math.sqrt(d), c.vocabularySize(), d));
    }
    return t;
  }

  private static HostTensor tensor(Random r, String name, double scale, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    float[] data = new float[(int) n];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (r.nextGaussian() * scale);
    }
    return new HostTensor(name, shape, data);
  }

  private static HostTensor norm(Random r, String name, int d) {
    float[] data = new float[d];
    for (int i = 0; i < d; i++) {
      data[i] = (float) (1 + 0.3 * r.nextGaussian());
    }
    return new HostTensor(name, new long[] {d}, data);
  }
}
