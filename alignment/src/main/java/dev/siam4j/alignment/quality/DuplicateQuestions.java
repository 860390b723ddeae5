package dev.siam4j.alignment.quality;

import dev.siam4j.core.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds questions asked twice, within a source or across sources (GSM8K and a translated copy of
 * it, say), streaming: problems are offered one at a time, the first copy is kept and later copies
 * are reported with the source of the first.
 *
 * <p>Questions are compared after normalisation (Unicode NFKC, lower case, only letters and digits
 * kept, so "Tom has 3 apples." and "tom has 3 apples" are the same question). Memory: one 64-bit
 * hash of each distinct question (about 50 bytes each), so ten million questions fit in about half
 * a gigabyte; two different questions share a hash with probability about n²/2⁶⁵.
 *
 * <p>Thread-safe; deterministic for the same order of problems.
 */
public final class DuplicateQuestions {
  private final Map<Long, Integer> firstSource = new HashMap<>();
  private final List<String> sources = new ArrayList<>();
  private final Map<String, Integer> sourceIndex = new HashMap<>();
  private final Map<String, Integer> droppedBySource = new TreeMap<>();

  private DuplicateQuestions() {}

  /** @return an empty detector */
  public static DuplicateQuestions create() {
    return new DuplicateQuestions();
  }

  /**
   * Offers a problem.
   *
   * @param problem the next problem
   * @return the source of the earlier copy when this question was seen before (and counts it as
   *     dropped for the problem's source); empty when it is new (and remembers it)
   */
  public synchronized Optional<String> duplicateOf(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    long key = hash(normalize(problem.question()));
    Integer idx = sourceIndex.get(problem.source());
    if (idx == null) {
      idx = sources.size();
      sources.add(problem.source());
      sourceIndex.put(problem.source(), idx);
    }
    Integer first = firstSource.putIfAbsent(key, idx);
    if (first == null) {
      return Optional.empty();
    }
    droppedBySource.merge(problem.source(), 1, Integer::sum);
    return Optional.of(sources.get(first));
  }

  /** @return how many distinct questions were seen */
  public synchronized int distinct() {
    return firstSource.size();
  }

  /** @return how many later copies each source had, by source name, sorted */
  public synchronized Map<String, Integer> droppedBySource() {
    return Map.copyOf(droppedBySource);
  }

  /** @return the text questions are compared by */
  static String normalize(String question) {
    String nfkc = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(nfkc.length());
    boolean space = false;
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.appendCodePoint(cp);
      } else {
        space = true;
      }
    }
    return out.toString();
  }

  private static long hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
