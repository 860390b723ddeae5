package dev.siam4j.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the command line that starts a worker, inside bubblewrap or not. */
final class ZygoteCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ZygoteCommand.class);
  static final String BWRAP = "bwrap";
  /** The working folders' parent inside bubblewrap's private /tmp. */
  static final String NAMESPACE_WORK_BASE = "/tmp/siam4j";

  private static final Map<String, Boolean> PROBED = new ConcurrentHashMap<>();
  private static final boolean ROOT = isRoot();

  private ZygoteCommand() {}

  /** @return whether this JVM runs as root (then programs run as a dedicated unprivileged uid) */
  static boolean root() {
    return ROOT;
  }

  /**
   * @return the command: {@code [bwrap ... --] python -I -B -c script config}
   */
  static List<String> build(
      Interpreter python, boolean namespace, String script, String config, String marker) {
    List<String> cmd = new ArrayList<>();
    if (namespace) {
      cmd.addAll(bwrapPrefix(python));
    }
    cmd.add(python.executable().toString());
    cmd.add("-I");
    cmd.add("-B");
    cmd.add("-c");
    cmd.add(script);
    cmd.add(config);
    cmd.add(marker);
    return cmd;
  }

  static List<String> bwrapPrefix(Interpreter python) {
    List<String> cmd = new ArrayList<>(List.of(
        BWRAP, "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        "--die-with-parent", "--new-session",
        "--ro-bind", "/", "/", "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"));
    if (ROOT) {
      cmd.addAll(accessMounts(python.paths()));
      cmd.addAll(List.of("--cap-add",
          "CAP_SETUID,CAP_SETGID,CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FOWNER,CAP_KILL"));
    }
    cmd.addAll(List.of("--chdir", "/", "--"));
    return cmd;
  }

  /**
   * Programs run as an unprivileged uid, which cannot enter a folder such as /root that holds a
   * pyenv interpreter. Such a folder is replaced by an empty tmpfs into which only the
   * interpreter's folders are bound read-only; the rest of it stays hidden.
   */
  static List<String> accessMounts(List<Path> paths) {
    Set<Path> hidden = new LinkedHashSet<>();
    Set<Path> bound = new LinkedHashSet<>();
    List<String> args = new ArrayList<>();
    for (Path p : paths) {
      Path cur = p.getRoot();
      for (Path name : p) {
        Path next = cur.resolve(name);
        if (!cur.equals(p.getRoot()) && !worldReadable(cur)) {
          if (hidden.add(cur)) {
            args.addAll(List.of("--tmpfs", cur.toString()));
          }
          if (Files.exists(next) && bound.add(next)) {
            args.addAll(List.of("--ro-bind", next.toString(), next.toString()));
          }
        }
        cur = next;
      }
    }
    return args;
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
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      return perms.contains(PosixFilePermission.OTHERS_EXECUTE)
          && perms.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return true;
    }
  }

  /**
   * @return whether bubblewrap, with the options workers use, starts {@code python} here; the
   *     answer is cached per interpreter
   */
  static boolean namespaceWorks(Interpreter python) {
    return PROBED.computeIfAbsent(python.executable().toString(), k -> probe(python));
  }

  private static boolean probe(Interpreter python) {
    List<String> cmd = new ArrayList<>(bwrapPrefix(python));
    cmd.addAll(List.of(python.executable().toString(), "-I", "-c",
        "import socket, os; print('ok', os.getpid())"));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().clear();
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      boolean done = p.waitFor(30, TimeUnit.SECONDS);
      boolean ok = done && p.exitValue() == 0 && out.startsWith("ok ");
      if (!done) {
        p.destroyForcibly();
      }
      if (!ok) {
        LOG.warn("bubblewrap does not work here ({}); programs get the audit-hook network block",
            out.isEmpty() ? "no output" : out);
      }
      return ok;
    } catch (IOException e) {
      LOG.warn("bubblewrap is not available ({}); programs get the audit-hook network block",
          e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
