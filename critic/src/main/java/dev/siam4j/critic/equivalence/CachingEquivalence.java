package dev.siam4j.critic.equivalence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Caches another equivalence's comparisons, keyed by whitespace-normalised reference and output. */
final class CachingEquivalence implements AnswerEquivalence {
  private record Key(String reference, String prediction) {}

  private final AnswerEquivalence delegate;
  private final Cache<Key, Comparison> cache;

  CachingEquivalence(AnswerEquivalence delegate, long maximumSize) {
    this.delegate = delegate;
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  @Override
  public Comparison compare(String reference, String prediction) {
    java.util.Objects.requireNonNull(reference, "reference");
    java.util.Objects.requireNonNull(prediction, "prediction");
    Key key = new Key(normalise(reference), normalise(prediction));
    Comparison hit = cache.getIfPresent(key);
    if (hit != null) {
      return hit;
    }
    Comparison c = delegate.compare(reference, prediction);
    cache.put(key, c);
    return c;
  }

  /** Strips and collapses runs of whitespace; returns the same string when there is nothing to do. */
  static String normalise(String s) {
    return Whitespace.collapse(s);
  }

  @Override
  public String toString() {
    return "cached(" + delegate + ")";
  }
}
