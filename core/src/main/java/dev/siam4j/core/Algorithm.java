package dev.siam4j.core;

/** Training objectives a {@link Trainer} may implement. */
public enum Algorithm {
  /** Supervised fine-tuning: NLL on completion tokens. */
  SFT,
  /** Direct preference optimisation. */
  DPO,
  /** DPO plus lambda times NLL of the chosen response: the paper's choice. */
  DPO_NLL,
  /** Identity preference optimisation. */
  IPO,
  /** Odds-ratio preference optimisation (no reference model). */
  ORPO,
  /** Simple preference optimisation (length-normalised, no reference model). */
  SIMPO,
  /** Kahneman-Tversky optimisation on unpaired good and bad examples. */
  KTO;

  /** @return whether the objective trains on preference pairs rather than SFT examples */
  public boolean usesPairs() {
    return this != SFT;
  }
}
