package dev.siam4j.core.store;

import dev.siam4j.core.RunStoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A run folder is in use by another runner: another thread of this JVM, another process on this
 * host, or a process on another machine that shares the folder. The message says who holds it
 * (pid, host, since when). Retriable: the same call succeeds once that runner has finished.
 */
public final class RunFolderLockedException extends RunStoreException {
  private static final long serialVersionUID = 1L;
  private final transient Path folder;
  /** The holder's process id, or -1 when unknown. */
  private final long ownerPid;
  /** The holder's host name, or "unknown". */
  private final String ownerHost;
  /** When the holder took the folder, or {@code null} when unknown. */
  private final Instant since;

  /**
   * @param folder the run folder
   * @param ownerPid the holder's process id, or -1 when unknown
   * @param ownerHost the holder's host name, or "unknown"
   * @param since when the holder took the folder, or {@code null} when unknown
   * @param detail what holds it in words (e.g. "another thread of this process"), appended
   */
  public RunFolderLockedException(Path folder, long ownerPid, String ownerHost, Instant since, String detail) {
    super(message(folder, ownerPid, ownerHost, since, detail), null, true);
    this.folder = Objects.requireNonNull(folder, "folder");
    this.ownerPid = ownerPid;
    this.ownerHost = Objects.requireNonNull(ownerHost, "ownerHost");
    this.since = since;
    Objects.requireNonNull(detail, "detail");
  }

  private static String message(Path folder, long pid, String host, Instant since, String detail) {
    return "run folder " + folder + " is in use by pid " + (pid < 0 ? "unknown" : Long.toString(pid))
        + " on host " + host + " since " + (since == null ? "an unknown time" : since.toString())
        + " (" + detail + "); wait for that run to finish, or stop it, then run again";
  }

  /** @return the run folder that is in use */
  public Path folder() {
    return folder;
  }

  /** @return the holder's process id, or -1 when unknown */
  public long ownerPid() {
    return ownerPid;
  }

  /** @return the holder's host name, or "unknown" */
  public String ownerHost() {
    return ownerHost;
  }

  /** @return when the holder took the folder, when known */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }
}
