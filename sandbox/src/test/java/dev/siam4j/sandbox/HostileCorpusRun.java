package dev.siam4j.sandbox;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs corpus programs on one sandbox, each followed at once on the same worker by a checker
 * program, and gathers everything that went wrong: an outcome outside the expected set, a broken
 * promise of the header, a leaked secret, something that reached the host, a dirty worker.
 */
final class HostileCorpusRun {
  /** Longer than any program's wall time with its kill grace and the worker's cleanup. */
  private static final long HANG_SECONDS = 90;

  private final PythonSandbox sandbox;
  private final HostileCorpusHost host;
  private final String checker;
  private final String umask;
  private final List<String> secrets;
  private final Path interpreterLib;

  HostileCorpusRun(PythonSandbox sandbox, HostileCorpusHost host, String checkerFile) {
    this.sandbox = sandbox;
    this.host = host;
    this.interpreterLib = interpreterLib(sandbox);
    Execution probe = run("with open('/proc/self/status') as f:\n"
        + "    print([l.split()[1] for l in f if l.startswith('Umask:')][0])\n");
    if (probe.outcome() != Outcome.OK) {
      throw new IllegalStateException("a fresh worker cannot report its umask: " + probe);
    }
    this.umask = probe.answer();
    this.checker = HostileCorpusProgram.substitute(checkerFile,
        HostileCorpusProgram.helper(checkerFile), host.values("", umask));
    this.secrets = host.environmentSecrets(sandbox.interpreter() + " " + interpreterLib, umask);
  }

  /** @return the umask a fresh worker's program has */
  String umask() {
    return umask;
  }

  /**
   * Runs {@code program} as its {@code index}-th corpus program, then the checker.
   *
   * @return every problem found; empty when the program was contained and the worker is clean
   */
  List<String> problems(HostileCorpusProgram program, int index, Set<Outcome> expected) {
    String source = HostileCorpusProgram.substitute(program.name(), program.source(),
        host.values(host.marker(index), umask));
    List<String> problems = new ArrayList<>();
    Execution e = run(source);
    String shown = "\n  stdout: " + clip(e.stdout()) + "\n  stderr: " + clip(e.stderr());
    if (Boolean.getBoolean("hostile.verbose")) {
      System.out.println("HOSTILE " + program.name() + " " + e.outcome() + " exit " + e.exitCode()
          + " | " + String.join(" / ", e.stdout().strip().lines().limit(6).toList()).replace("\n", " ")
          + " | err: " + e.stderr().strip().lines().reduce((a, b) -> b).orElse(""));
    }
    if (!expected.contains(e.outcome())) {
      problems.add("outcome " + e.outcome() + " (exit " + e.exitCode() + "), expected one of "
          + expected + shown);
    }
    for (String text : program.stdoutLacks()) {
      if (e.stdout().contains(text)) {
        problems.add("stdout holds '" + text + "': " + lineWith(e.stdout(), text));
      }
    }
    for (String text : program.stdoutHas()) {
      if (!e.stdout().contains(text)) {
        problems.add("stdout lacks '" + text + "'" + shown);
      }
    }
    program.answer().filter(a -> !a.equals(e.answer()))
        .ifPresent(a -> problems.add("answer '" + e.answer() + "', expected '" + a + "'" + shown));
    if (program.answerMax().isPresent()) {
      int max = program.answerMax().getAsInt();
      try {
        if (Integer.parseInt(e.answer().strip()) > max) {
          problems.add("answer " + e.answer() + " is above " + max);
        }
      } catch (NumberFormatException ex) {
        problems.add("answer '" + e.answer() + "' is not an integer" + shown);
      }
    }
    if (program.exitCode().isPresent() && program.exitCode().getAsInt() != e.exitCode()) {
      problems.add("exit code " + e.exitCode() + ", expected " + program.exitCode().getAsInt());
    }
    program.diagnosticHas().ifPresent(text -> {
      String diagnostic = (e.stderr() + " " + e.error().map(err -> err.type() + " " + err.message())
          .orElse("")).toLowerCase(Locale.ROOT);
      if (java.util.Arrays.stream(text.split("\\|"))
          .noneMatch(alt -> diagnostic.contains(alt.strip().toLowerCase(Locale.ROOT)))) {
        problems.add("neither stderr nor the error mention '" + text + "'" + shown);
      }
    });
    for (String secret : secrets) {
      if (e.stdout().contains(secret) || e.stderr().contains(secret)) {
        problems.add("a secret of the host reached the program's output: " + clip(secret));
      }
    }
    Execution check = run(checker);
    if (check.outcome() != Outcome.OK || !check.answer().equals("CLEAN")) {
      problems.add("the worker is not clean after it (" + check.outcome() + "):\n    "
          + String.join("\n    ", check.stdout().strip().lines().limit(12).toList())
          + (check.stderr().isBlank() ? "" : "\n    stderr: " + clip(check.stderr())));
    }
    problems.addAll(host.breaches(interpreterLib));
    try {
      List<Long> left = Processes.survivorsAfter(host.run, 2_000);
      if (!left.isEmpty()) {
        problems.add("processes of the program outlived it on the host: " + left);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      problems.add("interrupted");
    }
    return problems;
  }

  private Execution run(String code) {
    try {
      return sandbox.submit(code).get(HANG_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the sandbox gave no result within " + HANG_SECONDS + " s", e);
    } catch (ExecutionException e) {
      throw new AssertionError("the sandbox failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Path interpreterLib(PythonSandbox sandbox) {
    try {
      Process p = new ProcessBuilder(sandbox.interpreter().toString(), "-I", "-c",
          "import os; print(os.path.dirname(os.__file__))").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      return p.waitFor() == 0 ? Path.of(out) : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String lineWith(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).findFirst().map(HostileCorpusRun::clip)
        .orElse("");
  }

  private static String clip(String s) {
    String t = s.strip().replace("\n", "\n          ");
    return t.length() <= 1500 ? t : t.substring(0, 1500) + " ...";
  }
}
