package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker script's seccomp program, run instruction by instruction by an emulator of the
 * kernel's classic BPF on chosen system calls, for x86_64 and aarch64: what each call gets back.
 * The hostile corpus shows the filter holding on this machine; this shows every branch of it,
 * on both architectures, without needing either.
 */
final class SeccompFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SIGCHLD = 17;
  private static final long CLONE_NEWUSER = 0x10000000L;
  private static final long CLONE_NEWNS = 0x00020000L;

  /**
   * One system call and what the filter must answer: {@code allow}, {@code kill} or {@code errno
   * NAME}.
   *
   * @param arch the audit arch when not the machine's own, else null
   */
  private record Call(String name, long nr, long[] args, Long arch, String expect) {}

  private static Call call(String expect, String name, long nr, long... args) {
    return new Call(name, nr, args, null, expect);
  }

  /** Runs the emulator on {@code calls} and checks every answer at once. */
  private static void check(String machine, List<Call> calls)
      throws IOException, InterruptedException, URISyntaxException {
    Path zygote = Path.of(Objects.requireNonNull(PythonSandbox.class.getResource("zygote.py")).toURI());
    Path emulator = Path.of(Objects.requireNonNull(
        SeccompFilterTest.class.getResource("seccomp/emulate.py")).toURI());
    List<Object> spec = new ArrayList<>();
    for (Call c : calls) {
      spec.add(java.util.Arrays.asList(c.nr(), c.args(), c.arch()));
    }
    Process p = new ProcessBuilder("python3", emulator.toString(), zygote.toString(), machine,
        JSON.writeValueAsString(spec)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<String> actions = JSON.readerForListOf(String.class).readValue(out);
    Map<String, String> got = new LinkedHashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      got.put(calls.get(i).name(), actions.get(i));
      expected.put(calls.get(i).name(), calls.get(i).expect());
    }
    assertThat(got).containsExactlyEntriesOf(expected);
  }

  @Test
  void x86_64_everyBranch() throws Exception {
    check("x86_64", List.of(
        call("allow", "read", 0, 3, 0, 16),
        call("allow", "write with namespace bits in its first argument", 1,
            CLONE_NEWNS | CLONE_NEWUSER),
        call("allow", "socket AF_UNIX", 41, 1, 1, 0),
        call("allow", "socket AF_INET", 41, 2, 1, 0),
        call("allow", "socket AF_INET6", 41, 10, 2, 0),
        call("allow", "socket AF_NETLINK NETLINK_ROUTE", 41, 16, 3, 0),
        call("errno EPROTONOSUPPORT", "socket AF_NETLINK NETLINK_KOBJECT_UEVENT", 41, 16, 2, 15),
        call("errno EPROTONOSUPPORT", "socket AF_NETLINK NETLINK_GENERIC", 41, 16, 3, 16),
        call("errno EAFNOSUPPORT", "socket AF_VSOCK", 41, 40, 1, 0),
        call("errno EAFNOSUPPORT", "socket AF_VSOCK with high bits set", 41, 40 | (1L << 32), 1, 0),
        call("errno EAFNOSUPPORT", "socket AF_PACKET", 41, 17, 3, 0),
        call("allow", "socketpair AF_UNIX", 53, 1, 1, 0),
        call("errno EAFNOSUPPORT", "socketpair AF_VSOCK", 53, 40, 1, 0),
        call("allow", "clone as fork", 56, SIGCHLD),
        call("errno EPERM", "clone into a user namespace", 56, SIGCHLD | CLONE_NEWUSER),
        call("errno ENOSYS", "clone3", 435),
        call("errno EPERM", "unshare", 272, CLONE_NEWNS),
        call("errno EPERM", "mount", 165),
        call("errno EPERM", "keyctl", 250),
        call("errno EPERM", "ptrace", 101),
        call("errno EPERM", "bpf", 321),
        call("errno EPERM", "modify_ldt", 154),
        call("errno EPERM", "pidfd_getfd", 438),
        call("allow", "mmap", 9, 0, 4096, 3, 0x22),
        call("errno ENOSYS", "x32 read", 0x40000000L),
        new Call("i386 read", 3, new long[0], 0x40000003L, "kill")));
  }

  @Test
  void aarch64_everyBranch() throws Exception {
    check("aarch64", List.of(
        call("allow", "read", 63, 3, 0, 16),
        call("allow", "socket AF_INET", 198, 2, 1, 0),
        call("errno EAFNOSUPPORT", "socket AF_VSOCK", 198, 40, 1, 0),
        call("errno EPROTONOSUPPORT", "socket AF_NETLINK NETLINK_KOBJECT_UEVENT", 198, 16, 2, 15),
        call("errno EAFNOSUPPORT", "socketpair AF_VSOCK", 199, 40, 1, 0),
        call("allow", "clone as fork", 220, SIGCHLD),
        call("errno EPERM", "clone into a user namespace", 220, SIGCHLD | CLONE_NEWUSER),
        call("errno ENOSYS", "clone3", 435),
        call("errno EPERM", "unshare", 97, CLONE_NEWNS),
        call("errno EPERM", "mount", 40),
        call("errno EPERM", "keyctl", 219),
        call("errno EPERM", "ptrace", 117),
        call("allow", "x86_64's keyctl number, not a keyring call here", 250),
        new Call("x86_64 read", 0, new long[0], 0xC000003EL, "kill")));
  }
}
