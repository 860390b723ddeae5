package dev.siam4j.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the command line that starts a worker: confined, {@code /bin/sh} opens the worker's
 * cgroup files as fds 5 to 9 and execs bubblewrap, which builds a minimal root (the interpreter's
 * folders, the system libraries, {@code /etc/ld.so.cache}, {@code /dev/null}, {@code /dev/zero},
 * {@code /dev/urandom}, {@code /proc}, mount points for the per-program {@code /tmp} and {@code
 * /dev/shm}), read-only, in new network, PID, IPC, UTS and cgroup namespaces.
 */
final class ZygoteCommand {
  private static final boolean ROOT = isRoot();
  /** Folders too broad to bind as a whole: only their relevant sub-folders are bound. */
  private static final Set<String> TOO_BROAD = Set.of("/", "/usr", "/usr/local", "/opt", "/home",
      "/root", "/var", "/etc", "/srv", "/tmp", "/run", "/mnt", "/media");

  private ZygoteCommand() {}

  /** @return whether this JVM runs as root (then programs run as a dedicated unprivileged uid) */
  static boolean root() {
    return ROOT;
  }

  /** @return the command: {@code python -I -B -c script config marker}, unconfined */
  static List<String> unconfined(Interpreter python, String script, String config, String marker) {
    List<String> cmd = new ArrayList<>();
    addPython(cmd, python, script, config, marker);
    return cmd;
  }

  /**
   * @return the confined command: {@code sh -c 'exec "$@" <cgroup fds>' sh memoryDir pidsDir bwrap
   *     ... -- python ...}
   */
  static List<String> confined(Path bwrap, Interpreter python, Cgroups cgroups,
      Cgroups.Group group, String script, String config, String marker, boolean forkServer) {
    // sh opens the group's files (as root, outside the sandbox), then execs bubblewrap with them
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
        "M=$1; P=$2; shift 2; exec \"$@\" " + redirectionsFor(cgroups), "sh",
        group.memory().toString(), group.pids().toString()));
    List<String> bwrapArgs = bwrapArguments(bwrap, python);
    if (forkServer) {
      // the worker is the namespace's PID 1 and forks every program from a heap that never held
      // a program's data (see the worker script)
      bwrapArgs.add(1, "--as-pid-1");
    }
    cmd.addAll(bwrapArgs);
    addPython(cmd, python, script, config, marker);
    return cmd;
  }

  private static String redirectionsFor(Cgroups cgroups) {
    return cgroups.redirections().replace("$1", "$M").replace("$2", "$P");
  }

  /** The bubblewrap part of the command, up to and including {@code --}. */
  static List<String> bwrapArguments(Path bwrap, Interpreter python) {
    List<String> cmd = new ArrayList<>(List.of(bwrap.toString(),
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        "--unshare-cgroup-try", "--die-with-parent", "--new-session"));
    for (String cap : List.of("CAP_SETUID", "CAP_SETGID", "CAP_SYS_ADMIN", "CAP_KILL",
        "CAP_SYS_RESOURCE")) {
      cmd.addAll(List.of("--cap-add", cap));
    }
    Set<String> binds = new TreeSet<>();
    for (Path p : python.paths()) {
      if (!TOO_BROAD.contains(p.toString()) && Files.exists(p)) {
        binds.add(p.toString());
      }
    }
    binds.add(python.executable().toString());
    for (String lib : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib32", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu")) {
      Path p = Path.of(lib);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !underLink(p)) {
        binds.add(lib);
      }
    }
    // drop what a broader bind already covers
    List<String> kept = new ArrayList<>();
    for (String b : binds) {
      if (kept.stream().noneMatch(k -> b.startsWith(k + "/"))) {
        kept.add(b);
      }
    }
    for (String top : List.of("/lib", "/lib64", "/lib32", "/bin", "/sbin")) {
      Path p = Path.of(top);
      if (Files.isSymbolicLink(p)) {
        try {
          cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
        } catch (IOException e) {
          // not a link after all
        }
      }
    }
    // bubblewrap would copy the modes of the host's folders (a 0700 /root): the programs' uid
    // must be able to walk down to what is bound
    Set<String> parents = new TreeSet<>();
    for (String b : kept) {
      for (Path parent = Path.of(b).getParent(); parent != null && parent.getNameCount() > 0;
          parent = parent.getParent()) {
        parents.add(parent.toString());
      }
    }
    for (String dir : parents) {
      cmd.addAll(List.of("--perms", "0755", "--dir", dir));
    }
    for (String b : kept) {
      cmd.addAll(List.of("--ro-bind", b, b));
    }
    for (String etc : List.of("/etc/ld.so.cache", "/etc/localtime")) {
      cmd.addAll(List.of("--ro-bind-try", etc, etc));
    }
    cmd.addAll(List.of("--dir", "/dev"));
    for (String dev : List.of("/dev/null", "/dev/zero", "/dev/urandom")) {
      cmd.addAll(List.of("--dev-bind", dev, dev));
    }
    cmd.addAll(List.of("--dir", "/dev/shm", "--dir", "/tmp", "--proc", "/proc",
        "--remount-ro", "/", "--chdir", "/", "--"));
    return cmd;
  }

  private static boolean underLink(Path p) {
    Path cur = p.getRoot();
    for (Path name : p) {
      cur = cur.resolve(name);
      if (Files.isSymbolicLink(cur)) {
        return true;
      }
    }
    return false;
  }

  private static void addPython(
      List<String> cmd, Interpreter python, String script, String config, String marker) {
    cmd.add(python.executable().toString());
    cmd.add("-I");
    cmd.add("-B");
    cmd.add("-c");
    cmd.add(script);
    cmd.add(config);
    cmd.add(marker);
  }

  /** @return whether every folder of {@code paths} is readable by an unprivileged user */
  static boolean worldReadable(List<Path> paths) {
    for (Path p : paths) {
      Path cur = p.getRoot();
      for (Path name : p) {
        cur = cur.resolve(name);
        if (Files.isDirectory(cur) && !worldReadable(cur)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean worldReadable(Path dir) {
    try {
      var perms = Files.getPosixFilePermissions(dir);
      return perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)
          && perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return true;
    }
  }

  private static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
