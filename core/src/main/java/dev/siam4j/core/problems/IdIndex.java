package dev.siam4j.core.problems;

/**
 * The ids seen so far in one file, each as a 128-bit hash with the line it was first seen on, in an
 * open-addressing table: 24 bytes a slot, at most 3/4 full, so about 32 to 64 bytes a problem
 * whatever the length of the ids. Two different ids collide with probability about
 * n²/2¹²⁹, which is never in practice. Not thread-safe.
 */
final class IdIndex {
  private static final int STRIDE = 3;
  private long[] slots;
  private int mask;
  private int size;

  IdIndex() {
    allocate(1024);
  }

  /**
   * @return the line {@code id} was first seen on, or -1 if it is new (and now recorded on
   *     {@code line})
   */
  long putIfAbsent(String id, long line) {
    long h1 = hash(id, 0x9E3779B97F4A7C15L, 0x100000001B3L);
    long h2 = hash(id, 0xC2B2AE3D27D4EB4FL, 0x5851F42D4C957F2DL);
    int i = (int) h1 & mask;
    while (true) {
      int at = i * STRIDE;
      long stored = slots[at + 2];
      if (stored == 0) {
        slots[at] = h1;
        slots[at + 1] = h2;
        slots[at + 2] = line + 1;
        if (++size * 4L >= (mask + 1L) * 3L) {
          grow();
        }
        return -1;
      }
      if (slots[at] == h1 && slots[at + 1] == h2) {
        return stored - 1;
      }
      i = (i + 1) & mask;
    }
  }

  private void allocate(int capacity) {
    slots = new long[capacity * STRIDE];
    mask = capacity - 1;
  }

  private void grow() {
    long[] old = slots;
    allocate((mask + 1) * 2);
    for (int at = 0; at < old.length; at += STRIDE) {
      if (old[at + 2] != 0) {
        int i = (int) old[at] & mask;
        while (slots[i * STRIDE + 2] != 0) {
          i = (i + 1) & mask;
        }
        System.arraycopy(old, at, slots, i * STRIDE, STRIDE);
      }
    }
  }

  private static long hash(String s, long seed, long multiplier) {
    long h = seed ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * multiplier;
    }
    // the splitmix64 finaliser, so that every input bit reaches the low bits used as the index
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
