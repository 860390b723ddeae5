package dev.siam4j.core.loop;

import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.store.IterationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Exploration where it pays: after the critic has judged an iteration's k samples per problem,
 * each problem without an approved sample gets up to {@code rounds} more rounds of
 * {@code extraSamples} programs at {@code temperature} (the loop's other sampling options
 * unchanged), each executed and judged, until one is approved. Problems the k samples solved keep
 * their k. The extra samples have sample indices from k on, and their judged records go to the
 * iteration's {@code exploration.jsonl}, one line per problem (empty for the solved ones); the data
 * built for a problem includes them.
 *
 * <p>Set with {@link SelfImprovementLoop.Builder#exploration(Exploration)}; off by default, as in
 * the paper. Part of the run's configuration (its manifest).
 *
 * @param extraSamples programs sampled per round for an unsolved problem, positive
 * @param temperature the sampling temperature of those programs, not negative
 * @param rounds rounds at most per unsolved problem, positive; a round runs only while no sample
 *     of the problem is approved
 */
public record Exploration(int extraSamples, double temperature, int rounds) {

  /**
   * Validates.
   *
   * @param extraSamples programs per round, positive
   * @param temperature finite and not negative
   * @param rounds rounds per unsolved problem, positive
   * @throws IllegalArgumentException when a value is out of range
   */
  public Exploration {
    if (extraSamples <= 0) {
      throw new IllegalArgumentException("extraSamples must be positive, was " + extraSamples);
    }
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and not negative, was " + temperature);
    }
    if (rounds <= 0) {
      throw new IllegalArgumentException("rounds must be positive, was " + rounds);
    }
  }

  /**
   * One round of {@code extraSamples} programs at {@code temperature} per unsolved problem.
   *
   * @param extraSamples programs per unsolved problem, positive
   * @param temperature their sampling temperature, not negative
   * @return the exploration
   */
  public static Exploration of(int extraSamples, double temperature) {
    return new Exploration(extraSamples, temperature, 1);
  }

  /** @return the most samples one problem can get beyond k */
  public int maxExtraSamples() {
    return extraSamples * rounds;
  }

  /**
   * What exploration did in one iteration.
   *
   * @param explored problems that had no approved sample among their k and were explored
   * @param samples programs sampled by exploration
   * @param approved of those, approved by the critic
   * @param solved explored problems that got an approved sample
   */
  public record Summary(long explored, long samples, long approved, long solved) {
    /**
     * Validates: counts not negative.
     *
     * @param explored problems explored, not negative
     * @param samples programs sampled, not negative
     * @param approved programs approved, not negative
     * @param solved problems solved, not negative
     * @throws IllegalArgumentException when a count is negative
     */
    public Summary {
      if (explored < 0 || samples < 0 || approved < 0 || solved < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
    }

    /** Nothing explored. */
    public static final Summary NONE = new Summary(0, 0, 0, 0);
  }

  /**
   * Reads what exploration did in an iteration from its {@code exploration.jsonl}.
   *
   * @param files the iteration's files
   * @return the counts; {@link Summary#NONE} when the iteration has no exploration file
   * @throws RunStoreException when the file cannot be read (naming file and line)
   */
  public static Summary summary(IterationFiles files) {
    Objects.requireNonNull(files, "files");
    Path file = files.exploration();
    if (!Files.exists(file)) {
      return Summary.NONE;
    }
    long explored = 0;
    long samples = 0;
    long approved = 0;
    long solved = 0;
    try (JsonlReader reader = JsonlReader.open(file).tolerateTornLastLine()) {
      for (JsonlReader.Line line : reader) {
        ExplorationRecord r = line.as(ExplorationRecord.class);
        if (r.samples().isEmpty()) {
          continue;
        }
        explored++;
        samples += r.samples().size();
        long ok = r.samples().stream().filter(s -> s.verdict().correct()).count();
        approved += ok;
        solved += ok > 0 ? 1 : 0;
      }
    }
    return new Summary(explored, samples, approved, solved);
  }
}
