package dev.siam4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunFolderLockTest {
  private static final long PID = ProcessHandle.current().pid();
  private static final String HOST = RunFolderLock.HostName.VALUE;

  @TempDir Path dir;

  @Test
  void anotherThreadIsRefusedAtOnceNamingPidHostAndSince() throws Exception {
    Instant before = Instant.now();
    try (RunFolderLock held = RunFolderLock.acquire(dir)) {
      String holder = Thread.currentThread().getName();
      Throwable t = CompletableFuture.supplyAsync(() -> catchLocked(dir)).get(10, TimeUnit.SECONDS);
      RunFolderLockedException e = (RunFolderLockedException) t;
      assertThat(e.since()).hasValueSatisfying(s -> assertThat(s).isBetween(before, Instant.now()));
      assertThat(e)
          .hasMessage(
              "run folder " + dir + " is in use by pid " + PID + " on host " + HOST + " since " + e.since().get()
                  + " (another thread of this process, '" + holder
                  + "'); wait for that run to finish, or stop it, then run again");
      assertThat(e.ownerPid()).isEqualTo(PID);
      assertThat(e.ownerHost()).isEqualTo(HOST);
      assertThat(e.isRetriable()).isTrue();
    }
  }

  @Test
  void closingReleasesTheFolderAndEmptiesTheLockFile() throws Exception {
    RunFolderLock.acquire(dir).close();
    assertThat(Files.size(dir.resolve(RunFolderLock.FILE_NAME))).isZero();
    try (RunFolderLock again = RunFolderLock.acquire(dir)) {
      assertThat(again.folder()).isEqualTo(dir);
    }
  }

  @Test
  void aMissingFolderIsCreated() {
    Path run = dir.resolve("a/b");
    try (RunFolderLock lock = RunFolderLock.acquire(run)) {
      assertThat(run.resolve(RunFolderLock.FILE_NAME)).exists();
    }
  }

  @Test
  void anotherProcessIsRefusedWhileAliveAndItsLockIsTakenOverOnceItIsKilled() throws Exception {
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                HoldingMain.class.getName(), dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("held");
      assertThatThrownBy(() -> RunFolderLock.acquire(dir))
          .isInstanceOf(RunFolderLockedException.class)
          .hasMessageStartingWith("run folder " + dir + " is in use by pid " + child.pid() + " on host " + HOST + " since ")
          .hasMessageEndingWith(
              " (another process holds " + dir.resolve("run.lock") + "); wait for that run to finish, or stop it, then run again");
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (RunFolderLock taken = RunFolderLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(RunFolderLock.FILE_NAME))).contains("\"pid\":" + PID + ",");
    }
  }

  @Test
  void anotherHostWithAFreshHeartbeatIsRefused() throws Exception {
    Instant since = Instant.parse("2026-01-02T03:04:05Z");
    Instant beat = Instant.now().minusSeconds(5);
    writeRecord(4242, "other-host", since, beat);
    assertThatThrownBy(() -> RunFolderLock.acquire(dir))
        .isInstanceOf(RunFolderLockedException.class)
        .hasMessage(
            "run folder " + dir + " is in use by pid 4242 on host other-host since 2026-01-02T03:04:05Z"
                + " (a process on another host, whose last heartbeat was at " + beat
                + "); wait for that run to finish, or stop it, then run again");
  }

  @Test
  void anotherHostWhoseHeartbeatStoppedLongerThanTheLeaseAgoIsTakenOver() throws Exception {
    writeRecord(4242, "other-host", Instant.parse("2026-01-02T03:04:05Z"), Instant.now().minusSeconds(61));
    try (RunFolderLock taken = RunFolderLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(RunFolderLock.FILE_NAME)))
          .contains("\"pid\":" + PID + ",\"host\":\"" + HOST + "\"");
    }
  }

  @Test
  void theHeartbeatIsRenewedWhileHeld() throws Exception {
    try (RunFolderLock held = RunFolderLock.acquire(dir, Duration.ofMillis(200))) {
      String first = Files.readString(dir.resolve(RunFolderLock.FILE_NAME));
      String later = first;
      for (int i = 0; i < 200 && later.equals(first); i++) {
        Thread.sleep(20);
        later = Files.readString(dir.resolve(RunFolderLock.FILE_NAME));
      }
      assertThat(later).isNotEqualTo(first);
      assertThat(later.replaceAll("\"heartbeat\":\"[^\"]+\"", ""))
          .isEqualTo(first.replaceAll("\"heartbeat\":\"[^\"]+\"", ""));
    }
  }

  @Test
  void aRecordOfThisHostWhoseProcessDiedIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writeRecord(gone.pid(), HOST, Instant.parse("2026-01-02T03:04:05Z"), Instant.now());
    try (RunFolderLock taken = RunFolderLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(RunFolderLock.FILE_NAME))).contains("\"pid\":" + PID + ",");
    }
  }

  @Test
  void aTornRecordIsRefusedWhileRecentAndTakenOverOnceOlderThanTheLease() throws Exception {
    Path file = dir.resolve(RunFolderLock.FILE_NAME);
    Files.writeString(file, "{\"pid\":12,\"ho");
    assertThatThrownBy(() -> RunFolderLock.acquire(dir))
        .isInstanceOf(RunFolderLockedException.class)
        .hasMessage(
            "run folder " + dir + " is in use by pid unknown on host unknown since an unknown time (its lock file "
                + file + " is unreadable and was written within PT1M); wait for that run to finish, or stop it, then run again");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));
    try (RunFolderLock taken = RunFolderLock.acquire(dir)) {
      assertThat(Files.readString(file)).contains("\"pid\":" + PID + ",");
    }
  }

  @Test
  void aNonPositiveLeaseIsRefused() {
    assertThatThrownBy(() -> RunFolderLock.acquire(dir, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lease must be positive, was PT0S");
  }

  private void writeRecord(long pid, String host, Instant since, Instant heartbeat) throws Exception {
    Files.writeString(
        dir.resolve(RunFolderLock.FILE_NAME),
        "{\"pid\":" + pid + ",\"host\":\"" + host + "\",\"since\":\"" + since + "\",\"processStart\":null,"
            + "\"heartbeat\":\"" + heartbeat + "\",\"thread\":\"main\"}\n");
  }

  private static Throwable catchLocked(Path folder) {
    try (RunFolderLock l = RunFolderLock.acquire(folder)) {
      return null;
    } catch (RunFolderLockedException e) {
      return e;
    }
  }

  /** Holds a run folder's lock until killed. */
  public static final class HoldingMain {
    private HoldingMain() {}

    /** {@code HoldingMain FOLDER} */
    public static void main(String[] args) throws Exception {
      RunFolderLock.acquire(Path.of(args[0]));
      System.out.println("held");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
