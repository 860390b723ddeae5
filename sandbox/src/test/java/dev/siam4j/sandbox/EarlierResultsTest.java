package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a program can find in its own memory about the program that ran before it on the same
 * worker: not its output, and not even how long its output was or how it exited. Every child is
 * forked from a fork server whose heap never held a program's results.
 */
final class EarlierResultsTest {
  /** Prints exactly 48,611 bytes and exits with status 93. */
  private static final String EARLIER = "import sys\nsys.stdout.write('Q' * 48610 + '\\n')\n"
      + "sys.stdout.flush()\nsys.exit(93)\n";

  /**
   * Scans every readable, writable mapping for CPython int objects (type pointer, size 1, one
   * 30-bit digit) holding 48,611 (the output length) or 23,808 (the raw wait status of exit 93)
   * and for a reply header's {@code "out": 48611}, without ever creating either number itself.
   * With {@code plant}, it first makes a live 48,611 of its own, which the scan must find.
   */
  private static String probe(boolean plant) {
    return "import ctypes, struct\n"
        + (plant ? "planted = [48000 + int('611')]\n" : "")
        + "prefix = struct.pack('<Qq', id(int), 1)\n"
        + "key = b'\"out\": 48'\n"
        + "hits = []\n"
        + "with open('/proc/self/maps') as maps:\n"
        + "    for line in maps:\n"
        + "        f = line.split()\n"
        + "        if not f[1].startswith('rw') or (len(f) > 5 and f[5].startswith('[v')):\n"
        + "            continue\n"
        + "        lo, hi = (int(x, 16) for x in f[0].split('-'))\n"
        + "        data = ctypes.string_at(lo, hi - lo)\n"
        + "        i = data.find(prefix)\n"
        + "        while i >= 0:\n"
        + "            v = struct.unpack_from('<I', data, i + 16)[0]\n"
        + "            if v - 48000 == 611 or v - 23000 == 808:\n"
        + "                hits.append('int')\n"
        + "            i = data.find(prefix, i + 1)\n"
        + "        j = data.find(key)\n"
        + "        while j >= 0:\n"
        + "            if data[j + len(key):j + len(key) + 3] == b'6' + b'11':\n"
        + "                hits.append('header')\n"
        + "            j = data.find(key, j + 1)\n"
        + "print(sorted(set(hits)))\n";
  }

  private static PythonSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = PythonSandbox.builder().workers(1).preload(List.of("math")).build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void theProbe_findsALiveNumberOfItsOwn() {
    Execution control = sandbox.execute(probe(true));

    assertThat(control.outcome()).as(control.stderr()).isEqualTo(Outcome.OK);
    assertThat(control.answer()).isEqualTo("['int']");
  }

  @Test
  void aProgram_findsNeitherTheOutputLengthNorTheExitStatusOfTheOneBefore() {
    Execution earlier = sandbox.execute(EARLIER);
    Execution next = sandbox.execute(probe(false));

    assertThat(earlier.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(earlier.exitCode()).isEqualTo(93);
    assertThat(earlier.stdout()).hasSize(48611);
    assertThat(next.outcome()).as(next.stderr()).isEqualTo(Outcome.OK);
    assertThat(next.answer()).isEqualTo("[]");
  }

  @Test
  void programs_areChildrenOfTheForkServer_notOfTheSupervisor() {
    Execution e = sandbox.execute("import os\n"
        + "with open('/proc/%d/status' % os.getppid()) as f:\n"
        + "    uid = [l.split()[1] for l in f if l.startswith('Uid:')][0]\n"
        + "print(os.getppid(), uid, os.getuid() != 0)\n");

    assertThat(e.outcome()).as(e.stderr()).isEqualTo(Outcome.OK);
    assertThat(e.answer()).isEqualTo("1 0 True");
  }
}
