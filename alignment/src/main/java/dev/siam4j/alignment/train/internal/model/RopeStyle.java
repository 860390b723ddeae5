package dev.siam4j.alignment.train.internal.model;

/** How rotary position embedding pairs up a head's dimensions, as llama.cpp's rope types. */
public enum RopeStyle {
  /** Adjacent pairs (2i, 2i+1): llama.cpp's normal rope, used by the {@code llama} architecture. */
  NORMAL,
  /** Halves (i, i + d/2): llama.cpp's NeoX rope, used by {@code qwen2}. */
  NEOX
}
