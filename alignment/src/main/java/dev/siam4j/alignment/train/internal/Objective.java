package dev.siam4j.alignment.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.siam4j.alignment.train.internal.loss.Losses;
import dev.siam4j.alignment.train.internal.loss.NdLosses;
import dev.siam4j.alignment.train.internal.loss.NdPairBatch;
import dev.siam4j.alignment.train.internal.model.LlamaModel;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.TrainingOptions;
import java.util.ArrayList;
import java.util.List;

/** The loss of one micro-batch under a job's algorithm, and its metrics (sums over examples). */
final class Objective {
  private final Algorithm algorithm;
  private final TrainingOptions options;
  private final double simpoGamma;

  Objective(Algorithm algorithm, TrainingOptions options, double simpoGamma) {
    this.algorithm = algorithm;
    this.options = options;
    this.simpoGamma = simpoGamma;
  }

  /** Sums over a micro-batch's examples, for averaging over the step. */
  static final class Sums {
    int examples;
    long tokens;
    double chosenLogProb;
    double rejectedLogProb;
    double rewardChosen;
    double rewardRejected;
    double correct;
    double chosenLength;
    double rejectedLength;
  }

  /**
   * @param reference {chosen, rejected} reference log-probabilities of these items (may be null when
   *     the algorithm needs none)
   * @return the micro-batch's loss (a scalar)
   */
  NDArray loss(
      LlamaModel model, List<TrainingSet.Item> items, float[][] reference, NDManager m, Sums sums) {
    int n = items.size();
    List<EncodedSequence> seqs = new ArrayList<>();
    for (TrainingSet.Item it : items) {
      seqs.add(it.chosen());
      sums.tokens += it.chosen().length();
    }
    if (algorithm.usesPairs()) {
      for (TrainingSet.Item it : items) {
        seqs.add(it.rejected());
        sums.tokens += it.rejected().length();
      }
    }
    NDArray[] batch = SequenceEncoder.pack(seqs, m);
    NDArray logProbs = model.sequenceLogProbs(batch[0], batch[1]);
    float[] lengths = SequenceEncoder.completionLengths(seqs);
    float[] lp = logProbs.toFloatArray();
    sums.examples += n;
    if (!algorithm.usesPairs()) {
      for (int i = 0; i < n; i++) {
        sums.chosenLogProb += lp[i];
        sums.chosenLength += lengths[i];
      }
      return NdLosses.sft(logProbs, m.create(lengths));
    }
    NDArray pc = logProbs.get("0:" + n);
    NDArray pr = logProbs.get(n + ":");
    float[] lc = new float[n];
    float[] lr = new float[n];
    System.arraycopy(lengths, 0, lc, 0, n);
    System.arraycopy(lengths, n, lr, 0, n);
    float[] rc = reference == null ? new float[n] : reference[0];
    float[] rr = reference == null ? new float[n] : reference[1];
    double beta = options.beta();
    boolean referenced = reference != null;
    for (int i = 0; i < n; i++) {
      double chosen = lp[i];
      double rejected = lp[n + i];
      double rewardC = referenced ? beta * (chosen - rc[i]) : beta * chosen / lc[i];
      double rewardR = referenced ? beta * (rejected - rr[i]) : beta * rejected / lr[i];
      sums.chosenLogProb += chosen;
      sums.rejectedLogProb += rejected;
      sums.rewardChosen += rewardC;
      sums.rewardRejected += rewardR;
      sums.correct += rewardC > rewardR ? 1 : 0;
      sums.chosenLength += lc[i];
      sums.rejectedLength += lr[i];
    }
    NdPairBatch pairs =
        new NdPairBatch(pc, pr, m.create(rc), m.create(rr), m.create(lc), m.create(lr));
    switch (algorithm) {
      case DPO:
        return NdLosses.dpo(pairs, beta);
      case DPO_NLL:
        return NdLosses.dpoNll(pairs, beta, options.nllWeight());
      case IPO:
        return NdLosses.ipo(pairs, beta);
      case ORPO:
        return NdLosses.orpo(pairs, beta);
      case SIMPO:
        return NdLosses.simpo(pairs, beta, simpoGamma);
      case KTO:
        double[] ratios = new double[2 * n];
        float[] desirable = new float[2 * n];
        float[] ref = new float[2 * n];
        for (int i = 0; i < n; i++) {
          ratios[i] = lp[i] - rc[i];
          ratios[n + i] = lp[n + i] - rr[i];
          desirable[i] = 1;
          ref[i] = rc[i];
          ref[n + i] = rr[i];
        }
        return NdLosses.kto(
            logProbs, m.create(ref), m.create(desirable), Losses.ktoReferencePoint(ratios), beta);
      default:
        throw new IllegalStateException("unexpected algorithm " + algorithm);
    }
  }
}
