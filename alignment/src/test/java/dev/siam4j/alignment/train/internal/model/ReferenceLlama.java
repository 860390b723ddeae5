package dev.siam4j.alignment.train.internal.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same computation as {@link LlamaModel#logits}, written out in plain Java doubles for one
 * sequence, as a parity reference. Deliberately naive: loops, no shared code with the model.
 */
public final class ReferenceLlama {
  private final LlamaConfig c;
  private final Map<String, double[]> w = new HashMap<>();

  public ReferenceLlama(LlamaConfig config, List<HostTensor> tensors) {
    this.c = config;
    for (HostTensor t : tensors) {
      double[] d = new double[t.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = t.data()[i];
      }
      w.put(t.name(), d);
    }
  }

  /** @return logits[position][token] */
  public double[][] logits(int[] tokens) {
    int n = tokens.length;
    int d = c.embeddingLength();
    int hs = c.headSize();
    int kvd = c.headCountKv() * hs;
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = new double[d];
      System.arraycopy(w.get("token_embd.weight"), tokens[i] * d, x[i], 0, d);
    }
    for (int l = 0; l < c.blockCount(); l++) {
      String p = "blk." + l + ".";
      double[][] q = new double[n][];
      double[][] k = new double[n][];
      double[][] v = new double[n][];
      for (int i = 0; i < n; i++) {
        double[] h = rmsNorm(x[i], w.get(p + "attn_norm.weight"));
        q[i] = rope(linear(h, p + "attn_q", d, d), i, c.headCount());
        k[i] = rope(linear(h, p + "attn_k", kvd, d), i, c.headCountKv());
        v[i] = linear(h, p + "attn_v", kvd, d);
      }
      for (int i = 0; i < n; i++) {
        double[] out = new double[d];
        for (int head = 0; head < c.headCount(); head++) {
          int kvHead = head / c.groupSize();
          double[] scores = new double[i + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j <= i; j++) {
            double s = 0;
            for (int e = 0; e < hs; e++) {
              s += q[i][head * hs + e] * k[j][kvHead * hs + e];
            }
            scores[j] = s / Math.sqrt(hs);
            max = Math.max(max, scores[j]);
          }
          double z = 0;
          for (int j = 0; j <= i; j++) {
            scores[j] = Math.exp(scores[j] - max);
            z += scores[j];
          }
          for (int j = 0; j <= i; j++) {
            for (int e = 0; e < hs; e++) {
              out[head * hs + e] += scores[j] / z * v[j][kvHead * hs + e];
            }
          }
        }
        double[] o = linear(out, p + "attn_output", d, d);
        for (int e = 0; e < d; e++) {
          x[i][e] += o[e];
        }
        double[] h = rmsNorm(x[i], w.get(p + "ffn_norm.weight"));
        int ff = c.feedForwardLength();
        double[] gate = linear(h, p + "ffn_gate", ff, d);
        double[] up = linear(h, p + "ffn_up", ff, d);
        double[] act = new double[ff];
        for (int e = 0; e < ff; e++) {
          act[e] = gate[e] / (1 + Math.exp(-gate[e])) * up[e];
        }
        double[] down = linear(act, p + "ffn_down", d, ff);
        for (int e = 0; e < d; e++) {
          x[i][e] += down[e];
        }
      }
    }
    double[][] logits = new double[n][];
    String out = w.containsKey("output.weight") ? "output" : "token_embd";
    for (int i = 0; i < n; i++) {
      logits[i] = linear(rmsNorm(x[i], w.get("output_norm.weight")), out, c.vocabularySize(), d);
    }
    return logits;
  }

  private double[] linear(double[] x, String module, int out, int in) {
    double[] weight = w.get(module + ".weight");
    double[] bias = w.get(module + ".bias");
    double[] y = new double[out];
    for (int o = 0; o < out; o++) {
      double s = bias == null ? 0 : bias[o];
      for (int i = 0; i < in; i++) {
        s += weight[o * in + i] * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  private double[] rmsNorm(double[] x, double[] weight) {
    double ms = 0;
    for (double v : x) {
      ms += v * v;
    }
    ms /= x.length;
    double r = 1 / Math.sqrt(ms + c.rmsNormEpsilon());
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * r * weight[i];
    }
    return y;
  }

  private double[] rope(double[] x, int pos, int heads) {
    int hs = c.headSize();
    int nRot = c.ropeDimensionCount();
    double[] y = x.clone();
    for (int h = 0; h < heads; h++) {
      int base = h * hs;
      for (int i = 0; i < nRot / 2; i++) {
        double theta = pos * Math.pow(c.ropeFreqBase(), -2.0 * i / nRot);
        int a;
        int b;
        if (c.ropeStyle() == RopeStyle.NORMAL) {
          a = base + 2 * i;
          b = a + 1;
        } else {
          a = base + i;
          b = base + i + nRot / 2;
        }
        y[a] = x[a] * Math.cos(theta) - x[b] * Math.sin(theta);
        y[b] = x[a] * Math.sin(theta) + x[b] * Math.cos(theta);
      }
    }
    return y;
  }
}
