package dev.siam4j.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The control groups that limit each worker's programs as a whole: memory (every page a program
 * tree touches, tmpfs, memfd and shared memory included) and the number of processes. Uses cgroup
 * v2 where its memory and pids controllers are available to us, else the v1 {@code memory} and
 * {@code pids} hierarchies. One folder per sandbox, one sub-folder per started worker process;
 * {@link #close()} removes them. Thread-safe.
 */
final class Cgroups implements AutoCloseable {

  /** Which cgroup version is in use; its number is what the worker script is told. */
  enum Version {
    V1(1),
    V2(2);

    final int number;

    Version(int number) {
      this.number = number;
    }
  }

  /**
   * One worker's cgroup.
   *
   * @param memory the folder holding the memory controller's files
   * @param pids the folder holding the pids controller's files (the same folder in v2)
   */
  record Group(Path memory, Path pids) {}

  private static final String PREFIX = "siam4j-";

  private final Version version;
  private final Path memoryBase;
  private final Path pidsBase;
  private final AtomicInteger generation = new AtomicInteger();

  private Cgroups(Version version, Path memoryBase, Path pidsBase) {
    this.version = version;
    this.memoryBase = memoryBase;
    this.pidsBase = pidsBase;
  }

  Version version() {
    return version;
  }

  /**
   * Creates the sandbox's cgroup folders.
   *
   * @param name the sandbox's folder name
   * @return the cgroups, or why none can be used here
   */
  static Cgroups create(StringBuilder whyNot) {
    String name = PREFIX + ProcessHandle.current().pid() + "-"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
    Optional<Path> v2 = v2Base(mounts(), ownPath(String::isEmpty), whyNot);
    if (v2.isPresent()) {
      Path base = v2.get().resolve(name);
      try {
        sweep(v2.get());
        Files.createDirectory(base);
        Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +pids");
        return new Cgroups(Version.V2, base, base);
      } catch (IOException e) {
        deleteQuietly(base);
        whyNot.append("cgroup v2 at ").append(v2.get()).append(" refused a sub-group (")
            .append(e.getMessage()).append("); ");
      }
    }
    Optional<Path> memory = v1Folder("memory");
    Optional<Path> pids = v1Folder("pids");
    if (memory.isEmpty() || pids.isEmpty()) {
      whyNot.append("no cgroup v2 with the memory and pids controllers, and no cgroup v1 ")
          .append(memory.isEmpty() ? "memory" : "pids").append(" hierarchy is mounted");
      return null;
    }
    Path m = memory.get().resolve(name);
    Path p = pids.get().resolve(name);
    try {
      sweep(memory.get());
      sweep(pids.get());
      Files.createDirectory(m);
      Files.createDirectory(p);
      return new Cgroups(Version.V1, m, p);
    } catch (IOException e) {
      deleteQuietly(m);
      deleteQuietly(p);
      whyNot.append("the cgroup v1 memory and pids hierarchies (").append(memory.get())
          .append(", ").append(pids.get()).append(") are not writable here (")
          .append(e.getMessage()).append(")");
      return null;
    }
  }

  /**
   * Creates a fresh group for one worker process with the limits set.
   *
   * @throws IOException when the kernel refuses it
   */
  Group newGroup(int slot, long memoryBytes, int processes) throws IOException {
    String leaf = "w" + slot + "-" + generation.incrementAndGet();
    Path m = memoryBase.resolve(leaf);
    Path p = pidsBase.resolve(leaf);
    Files.createDirectory(m);
    if (!p.equals(m)) {
      Files.createDirectory(p);
    }
    if (version == Version.V1) {
      write(m.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
      writeIfPresent(m.resolve("memory.memsw.limit_in_bytes"), Long.toString(memoryBytes));
      writeIfPresent(m.resolve("memory.swappiness"), "0");
    } else {
      write(m.resolve("memory.max"), Long.toString(memoryBytes));
      writeIfPresent(m.resolve("memory.swap.max"), "0");
    }
    // the zygote's child itself, its threads and everything it starts
    write(p.resolve("pids.max"), Integer.toString(processes));
    return new Group(m, p);
  }

  /** Removes the folders that sandboxes of JVMs no longer running left (a JVM killed by SIGKILL). */
  private static void sweep(Path parent) {
    try (Stream<Path> children = Files.list(parent)) {
      for (Path dir : children.toList()) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(PREFIX) || !Files.isDirectory(dir)) {
          continue;
        }
        String[] parts = name.substring(PREFIX.length()).split("-", 2);
        try {
          if (ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) {
            new Cgroups(Version.V1, dir, dir).close();
          }
        } catch (NumberFormatException e) {
          // not ours
        }
      }
    } catch (IOException e) {
      // nothing to sweep
    }
  }

  /** Kills whatever is left in a group and removes it; best effort, bounded in time. */
  void remove(Group g) {
    for (Path dir : g.memory().equals(g.pids()) ? List.of(g.memory()) : List.of(g.memory(), g.pids())) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (Files.isDirectory(dir)) {
        killMembers(dir);
        try {
          Files.delete(dir);
        } catch (IOException e) {
          if (System.nanoTime() > end) {
            break;
          }
          sleep();
        }
      }
    }
  }

  /** Removes the sandbox's folders (and any group left in them). */
  @Override
  public void close() {
    for (Path base : memoryBase.equals(pidsBase) ? List.of(memoryBase) : List.of(memoryBase, pidsBase)) {
      try (Stream<Path> leaves = Files.list(base)) {
        for (Path leaf : leaves.filter(Files::isDirectory).toList()) {
          remove(new Group(leaf, leaf));
        }
      } catch (IOException e) {
        // gone already
      }
      deleteQuietly(base);
    }
  }

  /** The shell redirections that open the group's files as the fds the worker script expects. */
  String redirections() {
    return version == Version.V1
        ? "4<\"$1/memory.stat\" 5>>\"$1/cgroup.procs\" 6>>\"$2/cgroup.procs\""
            + " 7<\"$2/pids.current\" 8<\"$1/memory.oom_control\" 9<>\"$1/memory.failcnt\""
        : "4<\"$1/memory.stat\" 5>>\"$1/cgroup.procs\" 6>>\"$2/cgroup.procs\""
            + " 7<\"$2/pids.current\" 8<\"$1/memory.events\" 9<\"$1/memory.events\"";
  }

  private static void killMembers(Path dir) {
    try {
      for (String pid : Files.readString(dir.resolve("cgroup.procs")).split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // nothing to kill
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }

  private static void writeIfPresent(Path file, String value) {
    try {
      if (Files.exists(file)) {
        Files.writeString(file, value);
      }
    } catch (IOException e) {
      // optional: no swap accounting here
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // best effort
    }
  }

  /**
   * Finds a cgroup v2 folder whose children get the memory and pids controllers: our own when
   * they are delegated to it, else the hierarchy's root (as root, which may enable them there).
   *
   * @param mounts the cgroup mounts, as {@link #mounts()} reads them
   * @param own our own path in the v2 hierarchy, if any
   * @param whyNot where the reason each candidate was refused is appended
   * @return the folder, or empty when no candidate can pass the controllers on
   */
  static Optional<Path> v2Base(List<String[]> mounts, Optional<String> own, StringBuilder whyNot) {
    for (String[] m : mounts) {
      if (!m[2].equals("cgroup2")) {
        continue;
      }
      Path mountPoint = Path.of(m[1]);
      List<Path> candidates = new ArrayList<>();
      own.ifPresent(o -> candidates.add(relative(mountPoint, m[0], o)));
      if (m[0].equals("/") && !candidates.contains(mountPoint)) {
        candidates.add(mountPoint);
      }
      for (Path dir : candidates) {
        String controllers;
        try {
          controllers = Files.readString(dir.resolve("cgroup.controllers"));
        } catch (IOException e) {
          continue; // not a group we can see
        }
        if (!controllers.contains("memory") || !controllers.contains("pids")) {
          continue; // the controllers are bound elsewhere (v1) or not given to this group
        }
        try {
          String enabled = Files.readString(dir.resolve("cgroup.subtree_control"));
          if (!(enabled.contains("memory") && enabled.contains("pids"))) {
            Files.writeString(dir.resolve("cgroup.subtree_control"), "+memory +pids");
          }
          return Optional.of(dir);
        } catch (IOException e) {
          whyNot.append("cgroup v2 group ").append(dir)
              .append(" cannot give its sub-groups the memory and pids controllers (")
              .append(e.getMessage()).append("); a group that holds processes never can, so"
                  + " start the JVM in a leaf group of its own (in a container's entrypoint:"
                  + " mkdir -p /sys/fs/cgroup/init && echo $$ > /sys/fs/cgroup/init/cgroup.procs)"
                  + "; ");
        }
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** @return our own folder in the v1 hierarchy of {@code controller}, if mounted */
  private static Optional<Path> v1Folder(String controller) {
    for (String[] m : mounts()) {
      if (m[2].equals("cgroup") && List.of(m[3].split(",")).contains(controller)) {
        Optional<String> own = ownPath(c -> List.of(c.split(",")).contains(controller));
        return own.map(o -> relative(Path.of(m[1]), m[0], o)).filter(Files::isDirectory);
      }
    }
    return Optional.empty();
  }

  private static Path relative(Path mountPoint, String mountRoot, String own) {
    String rel = own.startsWith(mountRoot) ? own.substring(mountRoot.length()) : own;
    rel = rel.replaceFirst("^/+", "");
    return rel.isEmpty() ? mountPoint : mountPoint.resolve(rel);
  }

  private static Optional<String> ownPath(java.util.function.Predicate<String> controllers) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
        String[] f = line.split(":", 3);
        if (f.length == 3 && controllers.test(f[1])) {
          return Optional.of(f[2]);
        }
      }
    } catch (IOException e) {
      // no cgroups
    }
    return Optional.empty();
  }

  /** @return per cgroup mount: root inside the hierarchy, mount point, fstype, super options */
  private static List<String[]> mounts() {
    List<String[]> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        if (dash < 0 || dash + 3 >= f.length + 1) {
          continue;
        }
        String type = f[dash + 1];
        if (type.equals("cgroup") || type.equals("cgroup2")) {
          out.add(new String[] {unescape(f[3]), unescape(f[4]), type,
              dash + 3 < f.length ? f[dash + 3] : ""});
        }
      }
    } catch (IOException e) {
      // no mountinfo
    }
    return out;
  }

  private static String unescape(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")
        .replace("\\134", "\\");
  }
}
