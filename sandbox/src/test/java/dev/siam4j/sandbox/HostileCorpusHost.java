package dev.siam4j.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The host side of the hostile corpus: the things a program must never reach, set up by the test
 * and checked after every program. A listening Unix socket under the build folder and one under
 * {@code /run}; TCP listeners on 127.0.0.1 and ::1 and a UDP socket on 127.0.0.1; a world-writable
 * folder and a world-readable secret file under the build folder; a host process to signal or
 * trace; the JVM's environment values as secrets. Everything that arrives is recorded. Closed by
 * its creator.
 */
final class HostileCorpusHost implements AutoCloseable {
  /** Marks every program of this run (in its marker) and every process it starts. */
  final String run = "hc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  /** Names the host fixtures; unlike {@link #run} it is never in a program's marker. */
  private final String fixture = "siam4j-hostile-" + UUID.randomUUID().toString().substring(0, 8);

  final Path projectDir;
  final Path writeDir;
  final Path secretFile;
  final String secret = "siam4jsecret" + UUID.randomUUID().toString().replace("-", "");
  private final FileTime secretTime;
  private final Path socketTarget;
  private final Path socketRun;
  private final List<ServerSocketChannel> unixServers = new ArrayList<>();
  private final ServerSocket tcp;
  private final ServerSocket tcp6;
  private final DatagramSocket udp;
  private final Process hostProcess;
  private final List<String> arrivals = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  HostileCorpusHost() throws IOException {
    projectDir = findProjectDir();
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    writeDir = Files.createDirectory(target.resolve(fixture + "-write"));
    Files.setPosixFilePermissions(writeDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    secretFile = target.resolve(fixture + "-secret.txt");
    Files.writeString(secretFile, secret + "\n");
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-rw-rw-"));
    secretTime = Files.getLastModifiedTime(secretFile);
    socketTarget = target.resolve(fixture + ".sock");
    listenUnix(socketTarget);
    Path run = Path.of("/run", fixture + ".sock");
    socketRun = Files.isWritable(Path.of("/run")) ? run : target.resolve(fixture + "-run.sock");
    listenUnix(socketRun);
    tcp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    background("tcp", () -> acceptTcp(tcp, "tcp 127.0.0.1"));
    tcp6 = listenIpv6();
    if (tcp6 != null) {
      background("tcp6", () -> acceptTcp(tcp6, "tcp ::1"));
    }
    udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    background("udp", this::receiveUdp);
    hostProcess = new ProcessBuilder("sleep", "3600").start();
  }

  /** @return the placeholder values for a program whose marker is {@code marker} */
  Map<String, String> values(String marker, String umask) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("MARKER", marker);
    v.put("RUN_A", run.substring(0, 7));
    v.put("RUN_B", run.substring(7));
    v.put("UMASK", umask);
    v.put("HOST_SOCKET_TARGET", socketTarget.toString());
    v.put("HOST_SOCKET_RUN", socketRun.toString());
    v.put("TCP_PORT", Integer.toString(tcp.getLocalPort()));
    v.put("TCP6_PORT", Integer.toString(tcp6 == null ? 0 : tcp6.getLocalPort()));
    v.put("UDP_PORT", Integer.toString(udp.getLocalPort()));
    v.put("HOST_SECRET_FILE", secretFile.toString());
    v.put("HOST_WRITE_DIR", writeDir.toString());
    v.put("HOST_TMP", Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString());
    v.put("PROJECT_DIR", projectDir.toString());
    v.put("JVM_PID", Long.toString(ProcessHandle.current().pid()));
    v.put("HOST_PID", Long.toString(hostProcess.pid()));
    return v;
  }

  /** Module names a program may plant to run its code in a later interpreter. */
  private static final Set<String> SHADOWS =
      Set.of("sympy.py", "math.py", "sitecustomize.py", "usercustomize.py");

  private boolean holdsRun(Path file) {
    try {
      return Files.size(file) < (1 << 20) && Files.readString(file).contains(run);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** @return the marker of the program at {@code index}: the run, "x", three digits */
  String marker(int index) {
    return run + "x" + String.format("%03d", index);
  }

  /**
   * @return what reached the host since the last call: connections and data at the listeners,
   *     files with the run's marker in host folders, a changed secret file, a signalled or traced
   *     host process; empty when nothing did. Marked files are removed once reported.
   */
  List<String> breaches(Path interpreterLib) {
    List<String> found = new ArrayList<>(arrivals);
    arrivals.clear();
    try {
      if (!Files.readString(secretFile).equals(secret + "\n")
          || !Files.getLastModifiedTime(secretFile).equals(secretTime)) {
        found.add("the host's secret file was modified");
        Files.writeString(secretFile, secret + "\n");
        Files.setLastModifiedTime(secretFile, secretTime);
      }
      try (Stream<Path> left = Files.list(writeDir)) {
        for (Path p : left.toList()) {
          found.add("a file appeared in the host's folder: " + p);
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      found.add("cannot check the host's files: " + e);
    }
    Set<Path> dirs = new LinkedHashSet<>(List.of(Path.of(System.getProperty("java.io.tmpdir")),
        Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/"), Path.of("/root"), Path.of("/run"),
        Path.of("/dev/shm"), Path.of("/dev"), projectDir, Path.of("").toAbsolutePath(), Path.of("target").toAbsolutePath()));
    if (interpreterLib != null) {
      dirs.add(interpreterLib);
      dirs.add(interpreterLib.resolve("site-packages"));
    }
    for (Path dir : dirs) {
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path p : entries.filter(p -> p.getFileName().toString().contains(run)
            || SHADOWS.contains(p.getFileName().toString()) && holdsRun(p)).toList()) {
          found.add("a file with the run's marker appeared on the host: " + p);
          deleteTree(p);
        }
      } catch (IOException | UncheckedIOException e) {
        // a folder this host lacks or hides
      }
    }
    if (!hostProcess.isAlive()) {
      found.add("the host process " + hostProcess.pid() + " was killed");
    } else {
      try {
        String status = Files.readString(Path.of("/proc", Long.toString(hostProcess.pid()), "status"));
        if (status.lines().anyMatch(
            l -> l.startsWith("TracerPid:") && !l.substring(10).strip().equals("0"))) {
          found.add("the host process " + hostProcess.pid() + " is being traced");
        }
        if (status.lines().anyMatch(l -> l.startsWith("State:") && l.contains("T ("))) {
          found.add("the host process " + hostProcess.pid() + " was stopped");
        }
      } catch (IOException e) {
        found.add("cannot read the host process's status: " + e);
      }
    }
    return found;
  }

  /**
   * @return the values of the JVM's environment that a program must never print: at least 8
   *     characters, and not part of what the sandbox gives programs, of the interpreter's paths or
   *     of the paths the corpus programs are given
   */
  List<String> environmentSecrets(String interpreterPaths, String umask) {
    String known = String.join("\n", values("", umask).values()) + "\n" + interpreterPaths;
    List<String> clean = List.of("/usr/local/bin:/usr/bin:/bin", "C.UTF-8", "utf-8");
    List<String> out = new ArrayList<>();
    out.add(secret);
    for (String value : System.getenv().values()) {
      String v = value.strip();
      if (v.length() >= 8 && !v.contains("\n") && clean.stream().noneMatch(c -> c.contains(v))
          && !known.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Runs a program that sleeps a moment on {@code sandbox} and looks at its process and its
   * worker from the host while it runs.
   *
   * @return the host folders the sandbox uses now: the cgroup folders its programs run in and, for
   *     an unconfined sandbox, its workers' working folders on the host; all must be gone after
   *     close()
   */
  static List<Path> hostFoldersOf(PythonSandbox sandbox) throws InterruptedException {
    java.util.concurrent.CompletableFuture<?> sleeper =
        sandbox.submit("import time\ntime.sleep(1.5)\n");
    Set<Path> out = new LinkedHashSet<>();
    long end = System.currentTimeMillis() + 1_200;
    while (System.currentTimeMillis() < end) {
      for (long pid : Processes.withMarker("siam4j-sandbox-" + sandbox.id())) {
        out.addAll(foldersOf(pid));
      }
      Thread.sleep(100);
    }
    sleeper.join();
    return List.copyOf(out);
  }

  private static List<Path> foldersOf(long pid) {
    List<Path> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
        String[] f = line.split(":", 3);
        if (f.length < 3 || !f[2].startsWith("/siam4j")) {
          continue;
        }
        String top = f[2].split("/")[1];
        List<String> hierarchies =
            f[1].isEmpty() ? List.of("unified", "") : List.of(f[1].split(","));
        for (String h : hierarchies) {
          Path dir = Path.of("/sys/fs/cgroup", h, top);
          if (Files.isDirectory(dir)) {
            out.add(dir);
          }
        }
      }
      String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("\"workBase\":\"([^\"]*siam4j-sandbox-[^\"/]*)").matcher(cmd);
      if (m.find()) {
        out.add(Path.of(m.group(1)));
      }
    } catch (IOException e) {
      // the process ended meanwhile
    }
    return out;
  }

  @Override
  public void close() {
    for (ServerSocketChannel s : unixServers) {
      closeQuietly(s);
    }
    closeQuietly(tcp);
    closeQuietly(tcp6);
    udp.close();
    hostProcess.destroyForcibly();
    threads.forEach(Thread::interrupt);
    for (Path p : List.of(socketTarget, socketRun, secretFile, writeDir)) {
      deleteTree(p);
    }
  }

  private void listenUnix(Path path) throws IOException {
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
    unixServers.add(server);
    background("unix", () -> {
      while (server.isOpen()) {
        try (SocketChannel c = server.accept()) {
          c.configureBlocking(false);
          Thread.sleep(200); // what the program sent with its connection, if anything
          ByteBuffer buf = ByteBuffer.allocate(256);
          int n = c.read(buf);
          arrivals.add("a connection arrived at the host's Unix socket " + path
              + (n > 0 ? " with " + new String(buf.array(), 0, n, StandardCharsets.UTF_8) : ""));
        } catch (InterruptedException e) {
          return;
        } catch (IOException e) {
          if (!server.isOpen()) {
            return;
          }
        }
      }
    });
  }

  private void acceptTcp(ServerSocket server, String what) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(500);
        byte[] buf = new byte[256];
        int n;
        try {
          n = s.getInputStream().read(buf);
        } catch (IOException e) {
          n = -1;
        }
        arrivals.add("a connection arrived at the host's " + what + " port"
            + (n > 0 ? " with " + new String(buf, 0, n, StandardCharsets.UTF_8) : ""));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void receiveUdp() {
    byte[] buf = new byte[512];
    while (!udp.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
        arrivals.add("a datagram arrived at the host's UDP port: "
            + new String(buf, 0, p.getLength(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static ServerSocket listenIpv6() {
    try {
      InetAddress loopback6 = Inet6Address.getByName("::1");
      return new ServerSocket(0, 50, loopback6);
    } catch (IOException e) {
      return null; // no IPv6 loopback on this host: the programs skip ::1
    }
  }

  private void background(String name, Runnable body) {
    Thread t = new Thread(body, "hostile-corpus-" + name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  private static Path findProjectDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p.getParent() != null && !Files.exists(p.resolve("sandbox").resolve("pom.xml"))) {
      p = p.getParent();
    }
    return p;
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: reported by the caller's checks
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // closing test fixtures
    }
  }
}
