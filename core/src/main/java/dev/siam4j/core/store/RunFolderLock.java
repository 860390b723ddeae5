package dev.siam4j.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive hold on a run folder, so that one runner at a time writes it: the loop takes it for
 * the whole of {@code run()}.
 *
 * <p>Three layers, each for a kind of competitor:
 *
 * <ul>
 *   <li>threads of this JVM: a registry of held folders (by real path);
 *   <li>processes on this host: an OS lock ({@link FileChannel#tryLock()}) on {@code run.lock},
 *       which the OS releases when the process dies, however it dies;
 *   <li>processes on other machines sharing the folder: {@code run.lock} holds the owner (pid,
 *       host, start, heartbeat), and the owner rewrites the heartbeat every quarter of the lease.
 * </ul>
 *
 * <p>A lock left behind is stale, and taken over, when its holder is gone: on this host, when the
 * OS lock is free (or, on a file system without locks, when no process with its pid and start time
 * is alive); on another host, when its heartbeat is older than
 * the lease (one minute by default; the hosts' clocks must agree to well within it). Where the
 * file system offers no locks across machines, two machines that find the same stale lock in the
 * same instant can both take it; a live holder is always refused.
 *
 * <p>{@link #close()} releases the hold and empties the file (the file stays, so that a new holder
 * never races a deletion). Thread-safe. Whoever acquires it closes it. The OS lock belongs to the
 * process, and the OS drops it when the process closes any handle on the file: code in the holder's
 * JVM must not open {@code run.lock} while it is held.
 */
public final class RunFolderLock implements AutoCloseable {
  /** The lock file's name in the run folder. */
  public static final String FILE_NAME = "run.lock";

  /** How long another host's lock counts as held after its last heartbeat, by default. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(RunFolderLock.class);
  private static final int RECORD_BYTES = 1024;
  private static final Map<Path, Owner> HELD = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService HEARTBEATS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "siam4j-run-lock-heartbeat");
            t.setDaemon(true);
            return t;
          });

  private final Path folder;
  private final Path key;
  private final Path file;
  private final Owner owner;
  private final FileChannel channel;
  private final FileLock osLock;
  private final ScheduledFuture<?> heartbeat;
  private boolean closed;

  /**
   * Who holds a run folder, as {@code run.lock} records it.
   *
   * @param pid the holder's process id
   * @param host the holder's host name
   * @param since when it took the folder
   * @param processStart when the holder's process started, to tell it from a later process that
   *     reuses its pid; {@code null} when unknown
   * @param heartbeat when the holder last said it is alive
   * @param thread the holder's thread
   */
  record Owner(long pid, String host, Instant since, Instant processStart, Instant heartbeat, String thread) {
    Owner withHeartbeat(Instant at) {
      return new Owner(pid, host, since, processStart, at, thread);
    }
  }

  private RunFolderLock(
      Path folder, Path key, Path file, Owner owner, FileChannel channel, FileLock osLock, Duration lease) {
    this.folder = folder;
    this.key = key;
    this.file = file;
    this.owner = owner;
    this.channel = channel;
    this.osLock = osLock;
    long every = Math.max(1, lease.toMillis() / 4);
    this.heartbeat = HEARTBEATS.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the run folder, creating it when missing, with the {@link #DEFAULT_LEASE}.
   *
   * @param folder the run folder
   * @return the hold, to close when done
   * @throws RunFolderLockedException at once when a live runner holds the folder
   * @throws RunStoreException when the folder or its lock file cannot be created or written
   */
  public static RunFolderLock acquire(Path folder) {
    return acquire(folder, DEFAULT_LEASE);
  }

  /**
   * Takes the run folder, creating it when missing.
   *
   * @param folder the run folder
   * @param lease how long this hold counts as alive on other hosts without a heartbeat (heartbeats
   *     come every quarter of it), and how old another host's heartbeat may be for its hold to count
   * @return the hold, to close when done
   * @throws RunFolderLockedException at once when a live runner holds the folder
   * @throws RunStoreException when the folder or its lock file cannot be created or written
   */
  public static RunFolderLock acquire(Path folder, Duration lease) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    Path key;
    try {
      Files.createDirectories(folder);
      key = folder.toRealPath();
    } catch (IOException e) {
      throw new RunStoreException("cannot create run folder " + folder + ": " + e.getMessage(), e);
    }
    Instant now = Instant.now();
    ProcessHandle self = ProcessHandle.current();
    Owner me =
        new Owner(
            self.pid(), HostName.VALUE, now, self.info().startInstant().orElse(null), now,
            Thread.currentThread().getName());
    Owner inJvm = HELD.putIfAbsent(key, me);
    if (inJvm != null) {
      throw locked(folder, inJvm, "another thread of this process, '" + inJvm.thread() + "'");
    }
    Path file = folder.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock os;
      boolean osLocks = true;
      try {
        os = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        throw locked(folder, readOwner(channel).orElse(null), "a lock left open in this process");
      } catch (java.nio.channels.ClosedChannelException e) {
        throw e; // interrupted: not a file system without locks
      } catch (IOException e) {
        // a file system without locks: the owner record decides alone
        LOG.debug("no OS lock on {}: {}", file, e.toString());
        os = null;
        osLocks = false;
      }
      if (os == null && osLocks) {
        Owner holder = null;
        try {
          holder = readOwner(channel).orElse(null);
        } catch (IOException | RunStoreException unreadable) {
          // where locks are mandatory (Windows) the holder's record cannot be read
        }
        throw locked(folder, holder, "another process holds " + file);
      }
      Optional<Owner> previous;
      try {
        previous = readOwner(channel);
      } catch (RunStoreException unreadable) {
        // a holder killed while writing the record: trust the file's age
        if (Files.getLastModifiedTime(file).toInstant().plus(lease).isAfter(now)) {
          throw locked(folder, null, "its lock file " + file + " is unreadable and was written within " + lease);
        }
        previous = Optional.empty();
      }
      if (previous.isPresent()) {
        Owner p = previous.get();
        String live = alive(p, me, os != null, lease, now);
        if (live != null) {
          throw locked(folder, p, live);
        }
        LOG.warn("{}: taking over the lock of pid {} on {} since {}, which is gone", folder, p.pid(), p.host(), p.since());
      }
      write(channel, me);
      RunFolderLock lock = new RunFolderLock(folder, key, file, me, channel, os, lease);
      channel = null;
      return lock;
    } catch (IOException e) {
      throw new RunStoreException("cannot lock run folder " + folder + " through " + file + ": " + e.getMessage(), e);
    } finally {
      if (channel != null) {
        HELD.remove(key, me);
        try {
          channel.close();
        } catch (IOException e) {
          LOG.debug("closing {} failed", file, e);
        }
      }
    }
  }

  /** @return null when {@code p} is gone, else why it counts as alive */
  private static String alive(Owner p, Owner me, boolean osLocked, Duration lease, Instant now) {
    if (p.host().equals(me.host())) {
      if (osLocked) {
        return null; // the OS released its lock, so its process is gone (pids may be of another namespace)
      }
      Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
      if (h.isEmpty() || !h.get().isAlive()) {
        return null;
      }
      if (p.processStart() != null) {
        Optional<Instant> started = h.get().info().startInstant();
        if (started.isPresent() && !started.get().equals(p.processStart())) {
          return null; // the pid now belongs to a later process
        }
      }
      if (p.pid() == me.pid()) {
        return null; // this process, but no thread of it holds the folder: left behind
      }
      return "a live process on this host, which holds " + FILE_NAME;
    }
    if (p.heartbeat() != null && p.heartbeat().plus(lease).isAfter(now)) {
      return "a process on another host, whose last heartbeat was at " + p.heartbeat();
    }
    return null;
  }

  private static RunFolderLockedException locked(Path folder, Owner o, String detail) {
    return o == null
        ? new RunFolderLockedException(folder, -1, "unknown", null, detail)
        : new RunFolderLockedException(folder, o.pid(), o.host(), o.since(), detail);
  }

  private static Optional<Owner> readOwner(FileChannel channel) throws IOException {
    long size = Math.min(channel.size(), 64 * 1024);
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
      // read all
    }
    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.mapper().readTree(text);
      return Optional.of(
          new Owner(
              n.path("pid").asLong(-1), n.path("host").asText("unknown"), instant(n, "since"),
              instant(n, "processStart"), instant(n, "heartbeat"), n.path("thread").asText("")));
    } catch (IOException | DateTimeParseException e) {
      throw new RunStoreException("unreadable lock record: " + e.getMessage(), e);
    }
  }

  private static Instant instant(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : Instant.parse(v.asText());
  }

  /** Overwrites the record in place, at a fixed size, so that a reader never sees it empty. */
  private static void write(FileChannel channel, Owner o) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pid", o.pid());
    json.put("host", o.host());
    json.put("since", o.since().toString());
    json.put("processStart", o.processStart() == null ? null : o.processStart().toString());
    json.put("heartbeat", o.heartbeat().toString());
    String thread = o.thread().length() > 200 ? o.thread().substring(0, 200) : o.thread();
    json.put("thread", thread);
    byte[] text = Json.mapper().writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    byte[] record = new byte[Math.max(RECORD_BYTES, text.length + 1)];
    java.util.Arrays.fill(record, (byte) ' ');
    System.arraycopy(text, 0, record, 0, text.length);
    record[record.length - 1] = '\n';
    ByteBuffer buf = ByteBuffer.wrap(record);
    while (buf.hasRemaining()) {
      channel.write(buf, buf.position());
    }
    if (channel.size() > record.length) {
      channel.truncate(record.length);
    }
    channel.force(false);
  }

  private synchronized void beat() {
    if (closed) {
      return;
    }
    try {
      write(channel, owner.withHeartbeat(Instant.now()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot renew the lock on {}: {}", folder, e.toString());
    }
  }

  /** @return the run folder this lock holds */
  public Path folder() {
    return folder;
  }

  /** Releases the folder; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    heartbeat.cancel(false);
    boolean interrupted = Thread.interrupted(); // an interrupted thread's channel operations would fail
    try {
      channel.truncate(0);
      if (osLock != null) {
        osLock.release();
      }
    } catch (IOException e) {
      LOG.warn("releasing the lock on {} failed: {}", folder, e.toString());
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing {} failed", file, e);
      }
      HELD.remove(key, owner);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** This host's name, read once. */
  static final class HostName {
    static final String VALUE = read();

    private HostName() {}

    private static String read() {
      try {
        String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        if (!name.isEmpty()) {
          return name;
        }
      } catch (IOException | RuntimeException e) {
        // not Linux
      }
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
