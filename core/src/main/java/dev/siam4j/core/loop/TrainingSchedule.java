package dev.siam4j.core.loop;

import dev.siam4j.core.SftExample;
import java.util.List;
import java.util.Objects;

/**
 * What each iteration of the loop trains from, and on which SFT data: the paper's schedule (the
 * last policy on this iteration's examples), expert iteration (the seed policy on every iteration's
 * examples so far, as in ReST-EM, so that one iteration's training errors do not compound in the
 * next), either with replayed examples appended. Part of the run's configuration. Preference pairs
 * are always this iteration's; the next iteration always generates with what was trained (unless a
 * {@link PolicyGate} keeps the old policy).
 *
 * <pre>{@code
 * .trainingSchedule(TrainingSchedule.expertIteration().withReplay(seedExamples))
 * }</pre>
 *
 * @param base what each iteration's training starts from
 * @param data which iterations' SFT examples each iteration trains on
 * @param replay SFT examples appended to every iteration's SFT data, after the iterations' own
 *     (typically the seed data the policy was first trained on, so that it keeps those skills)
 */
public record TrainingSchedule(Base base, Data data, List<SftExample> replay) {

  /** What an iteration's training starts from. */
  public enum Base {
    /** The policy the iteration generated with: the paper's loop. */
    LAST_POLICY,
    /** The seed policy, every iteration. */
    SEED
  }

  /** Which SFT examples an iteration trains on. */
  public enum Data {
    /** The examples this iteration built. */
    THIS_ITERATION,
    /**
     * The examples of this iteration and every earlier one, newest first; an example whose problem
     * and completion an iteration already has is kept once.
     */
    ALL_ITERATIONS
  }

  /**
   * Validates and copies.
   *
   * @param base the training start, not null
   * @param data the SFT data's iterations, not null
   * @param replay examples appended to every iteration's SFT data, not null; copied
   */
  public TrainingSchedule {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(data, "data");
    replay = List.copyOf(Objects.requireNonNull(replay, "replay"));
  }

  /** @return the paper's schedule: the last policy on this iteration's examples, no replay (the default) */
  public static TrainingSchedule paper() {
    return new TrainingSchedule(Base.LAST_POLICY, Data.THIS_ITERATION, List.of());
  }

  /** @return expert iteration: the seed policy on every iteration's examples so far, no replay */
  public static TrainingSchedule expertIteration() {
    return new TrainingSchedule(Base.SEED, Data.ALL_ITERATIONS, List.of());
  }

  /**
   * @param examples SFT examples to append to every iteration's SFT data
   * @return this schedule with {@code examples} replayed
   */
  public TrainingSchedule withReplay(List<SftExample> examples) {
    return new TrainingSchedule(base, data, examples);
  }

  /** @return whether this is expert iteration (seed policy, all iterations' data), whatever the replay */
  public boolean isExpertIteration() {
    return base == Base.SEED && data == Data.ALL_ITERATIONS;
  }
}
