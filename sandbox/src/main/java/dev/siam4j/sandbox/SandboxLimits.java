package dev.siam4j.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits one program runs under. Every limit has a default ({@link #defaults()}); derive
 * variants with the {@code with...} methods.
 *
 * @param wallTime wall-clock time; past it the program gets SIGTERM, then SIGKILL after the kill
 *     grace (default 10 s)
 * @param cpuTime CPU time per process, enforced by {@code RLIMIT_CPU}, whole seconds rounded up
 *     (default 10 s)
 * @param memoryBytes memory: confined, the memory the program's whole process tree touches
 *     (tmpfs, memfd and shared memory included), enforced by the cgroup memory controller, with
 *     the address space per process capped at four times as much (or the machine's memory) so that
 *     absurd allocations fail at once; unconfined, the address space per process ({@code
 *     RLIMIT_AS}), which includes the warm interpreter's own (about 200 MiB with sympy and numpy)
 *     (default 2 GiB)
 * @param outputBytes stdout and stderr together; more is truncated and flagged {@code
 *     OUTPUT_LIMIT} (default 64 KiB)
 * @param processes processes and threads: confined, of the whole tree, enforced by the cgroup pids
 *     controller; unconfined, by {@code RLIMIT_NPROC} (default 64)
 * @param fileSizeBytes the largest file the program may write, enforced by {@code RLIMIT_FSIZE}
 *     (default 16 MiB); confined, its {@code /tmp} and {@code /dev/shm} each hold at most {@code
 *     memoryBytes} (which bounds both together) and 65,536 files
 */
public record SandboxLimits(
    Duration wallTime,
    Duration cpuTime,
    long memoryBytes,
    int outputBytes,
    int processes,
    long fileSizeBytes) {

  private static final SandboxLimits DEFAULTS =
      new SandboxLimits(
          Duration.ofSeconds(10), Duration.ofSeconds(10), 2L << 30, 64 << 10, 64, 16L << 20);

  /**
   * Validates.
   *
   * @param wallTime wall-clock time per program, positive
   * @param cpuTime CPU time per process, positive
   * @param memoryBytes memory per program, at least 64 MiB
   * @param outputBytes stdout and stderr together, positive
   * @param processes processes and threads, positive
   * @param fileSizeBytes the largest file written, positive
   * @throws IllegalArgumentException when a limit is out of range
   */
  public SandboxLimits {
    positive(wallTime, "wallTime");
    positive(cpuTime, "cpuTime");
    if (memoryBytes < (64L << 20)) {
      throw new IllegalArgumentException(
          "memoryBytes must be at least 64 MiB, was " + memoryBytes);
    }
    if (outputBytes <= 0) {
      throw new IllegalArgumentException("outputBytes must be positive, was " + outputBytes);
    }
    if (processes <= 0) {
      throw new IllegalArgumentException("processes must be positive, was " + processes);
    }
    if (fileSizeBytes <= 0) {
      throw new IllegalArgumentException("fileSizeBytes must be positive, was " + fileSizeBytes);
    }
  }

  /** @return the defaults: 10 s wall, 10 s CPU, 2 GiB, 64 KiB output, 64 processes, 16 MiB files */
  public static SandboxLimits defaults() {
    return DEFAULTS;
  }

  /**
   * @param wallTime wall-clock time per program, positive
   * @return these limits with {@code wallTime} instead
   */
  public SandboxLimits withWallTime(Duration wallTime) {
    return new SandboxLimits(wallTime, cpuTime, memoryBytes, outputBytes, processes, fileSizeBytes);
  }

  /**
   * @param cpuTime CPU time per process, positive
   * @return these limits with {@code cpuTime} instead
   */
  public SandboxLimits withCpuTime(Duration cpuTime) {
    return new SandboxLimits(wallTime, cpuTime, memoryBytes, outputBytes, processes, fileSizeBytes);
  }

  /**
   * @param memoryBytes memory per program, at least 64 MiB
   * @return these limits with {@code memoryBytes} instead
   */
  public SandboxLimits withMemoryBytes(long memoryBytes) {
    return new SandboxLimits(wallTime, cpuTime, memoryBytes, outputBytes, processes, fileSizeBytes);
  }

  /**
   * @param outputBytes stdout and stderr together, positive
   * @return these limits with {@code outputBytes} instead
   */
  public SandboxLimits withOutputBytes(int outputBytes) {
    return new SandboxLimits(wallTime, cpuTime, memoryBytes, outputBytes, processes, fileSizeBytes);
  }

  /**
   * @param processes processes and threads, positive
   * @return these limits with {@code processes} instead
   */
  public SandboxLimits withProcesses(int processes) {
    return new SandboxLimits(wallTime, cpuTime, memoryBytes, outputBytes, processes, fileSizeBytes);
  }

  /**
   * @param fileSizeBytes the largest file written, positive
   * @return these limits with {@code fileSizeBytes} instead
   */
  public SandboxLimits withFileSizeBytes(long fileSizeBytes) {
    return new SandboxLimits(wallTime, cpuTime, memoryBytes, outputBytes, processes, fileSizeBytes);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
