package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.ProgramError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default isolated sandbox on real python3, with sympy and numpy preloaded. */
final class PythonSandboxTest {
  private static PythonSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = PythonSandbox.builder().workers(2).wallTime(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void printsAnswer_okWithLastLineAsAnswer() {
    Execution e = sandbox.execute("print('working')\nprint(6 * 7)\n\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.exitCode()).isZero();
    assertThat(e.stdout()).isEqualTo("working\n42\n");
    assertThat(e.answer()).isEqualTo("42");
    assertThat(e.error()).isEmpty();
  }

  @Test
  void sympyAndNumpy_areUsable() {
    Execution e = sandbox.execute(
        "import sympy, numpy as np\nx = sympy.symbols('x')\n"
            + "print(sorted(sympy.solve(x**2 - 4, x)), int(np.arange(5).sum()))");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.answer()).isEqualTo("[-2, 2] 10");
  }

  /**
   * What the warm interpreter has already imported, a program does not import again: common math
   * operations (roots, radicals, inequalities, systems, statistics, random numbers) load no new
   * module in the program's process.
   */
  @Test
  void commonMathOperations_importNothingNewInTheProgram() {
    Execution e = sandbox.execute(
        "import sys\nbefore = set(sys.modules)\n"
            + "import sympy, numpy as np, math, fractions, itertools, statistics, decimal, random\n"
            + "x, y = sympy.symbols('x y')\n"
            + "sympy.solve(x**2 - 7*x + 3, x); sympy.solve(x**3 - 2, x); sympy.solve(x**2 + 1, x)\n"
            + "sympy.solve(x**2 - 9 < 0, x); sympy.solve([x + 2*y - 5, 3*x - y - 1], [x, y])\n"
            + "sympy.nsimplify(0.75); sympy.Rational(5, 6) + 1; sympy.sqrt(12); sympy.factorint(84)\n"
            + "statistics.mean([1, 2]); decimal.Decimal('1.1') + 1; random.randint(1, 6)\n"
            + "np.roots([1, -5, 6]); np.random.default_rng(1).integers(0, 9, 2); np.percentile([1, 2], 50)\n"
            + "fractions.Fraction(3, 4) + 1; math.comb(6, 2); list(itertools.combinations(range(4), 2))\n"
            + "print(sorted(set(sys.modules) - before))\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.answer()).isEqualTo("[]");
  }

  @Test
  void exception_isErrorWithTypeMessageAndLine() {
    Execution e = sandbox.execute("a = 1\nb = 0\nprint(a / b)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.error()).contains(new ProgramError("ZeroDivisionError", "division by zero", 3));
    assertThat(e.stderr()).contains("Traceback").contains("ZeroDivisionError");
    assertThat(e.answer()).isEmpty();
  }

  @Test
  void exceptionInFunction_reportsTheProgramsInnermostLine() {
    Execution e = sandbox.execute("def f(x):\n    return {}[x]\n\nf('k')\n");
    assertThat(e.error()).contains(new ProgramError("KeyError", "'k'", 2));
  }

  @Test
  void syntaxError_isErrorWithItsLine() {
    Execution e = sandbox.execute("x = 1\nif x\n  print(x)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.error()).hasValueSatisfying(err -> {
      assertThat(err.type()).isEqualTo("SyntaxError");
      assertThat(err.line()).isEqualTo(2);
    });
  }

  @Test
  void sysExitCodes_areKept() {
    assertThat(sandbox.execute("import sys\nprint(1)\nsys.exit(0)").outcome()).isEqualTo(Outcome.OK);
    Execution three = sandbox.execute("import sys\nsys.exit(3)");
    assertThat(three.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(three.exitCode()).isEqualTo(3);
    Execution message = sandbox.execute("import sys\nsys.exit('bad input')");
    assertThat(message.exitCode()).isEqualTo(1);
    assertThat(message.stderr()).isEqualTo("bad input\n");
  }

  @Test
  void osExit_keepsItsStatusAndLosesUnflushedOutput() {
    Execution e = sandbox.execute("import os, sys\nprint('lost')\nos._exit(5)");
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.exitCode()).isEqualTo(5);
    assertThat(e.stdout()).isEmpty();
  }

  @Test
  void everyProgram_seesFreshState() {
    String dirty =
        "import math, os, sys\n"
            + "math.pi = 3\n"
            + "secret = 'left behind'\n"
            + "os.environ['SIAM4J_LEAK'] = '1'\n"
            + "open('note.txt', 'w').write('x')\n"
            + "sys.modules['fractions'].Fraction = None\n"
            + "print('dirty')\n";
    String check =
        "import math, os, fractions\n"
            + "print(math.pi == 3, 'secret' in globals(), 'SIAM4J_LEAK' in os.environ,"
            + " os.path.exists('note.txt'), fractions.Fraction is None, os.listdir('.'))\n";
    List<String> programs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      programs.add(dirty);
      programs.add(check);
    }
    List<Execution> all = sandbox.executeAll(programs);
    for (int i = 1; i < all.size(); i += 2) {
      assertThat(all.get(i).answer()).isEqualTo("False False False False False []");
    }
  }

  @Test
  void signalThatNoLimitExplains_isKilled() {
    Execution e = sandbox.execute("import os, signal\nprint('before')\nos.kill(os.getpid(), signal.SIGSEGV)");
    assertThat(e.outcome()).isEqualTo(Outcome.KILLED);
    assertThat(e.exitCode()).isEqualTo(-1);
    assertThat(e.stderr()).endsWith("killed by signal 11\n");
    assertThat(e.answer()).isEmpty();
  }

  @Test
  void environment_isCleanAndStdinAtEof() {
    Execution e = sandbox.execute(
        "import os, sys\nprint(sorted(os.environ))\nprint(repr(sys.stdin.read()))");
    assertThat(e.stdout()).isEqualTo(
        "['HOME', 'LANG', 'LC_ALL', 'MKL_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS',"
            + " 'PATH', 'PYTHONIOENCODING', 'TMPDIR']\n''\n");
  }

  @Test
  void invalidUtf8_isKeptWithReplacementCharacters() {
    Execution e = sandbox.execute(
        "import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe garbage\\n')\nprint('end')");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.stdout()).isEqualTo("ok \uFFFD\uFFFD garbage\nend\n");
  }

  @Test
  void submit_completesAsynchronously() {
    List<CompletableFuture<Execution>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      futures.add(sandbox.submit("print(" + i + " * " + i + ")"));
    }
    for (int i = 0; i < 10; i++) {
      assertThat(futures.get(i).join().answer()).isEqualTo(Integer.toString(i * i));
    }
  }

  @Test
  void interpreter_isTheRealBinaryNotAShim() {
    assertThat(sandbox.interpreter().toString()).doesNotContain("/shims/");
    assertThat(sandbox.pythonVersion()).matches("3\\.\\d+\\.\\d+");
    assertThat(sandbox.fingerprint()).contains(sandbox.pythonVersion()).contains("PT20S");
  }

  @Test
  void submitAfterClose_isRejected() {
    PythonSandbox other = sandbox.toBuilder().workers(1).preload(List.of("math")).build();
    assertThat(other.execute("print(2 + 2)").answer()).isEqualTo("4");
    other.close();
    assertThatThrownBy(() -> other.submit("print(1)"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the sandbox is closed");
  }
}
