package dev.siam4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CodeExecutor} must do with real Python. An implementation's test class
 * implements this interface and supplies the executor.
 */
public interface CodeExecutorContract {

  /** @return the executor under test */
  CodeExecutor executor();

  @Test
  default void execute_printedAnswerIsTheLastNonEmptyLine() {
    Execution e = executor().execute("x = 6 * 7\nprint('working')\nprint(x)\nprint()\n");
    assertThat(e.outcome()).isEqualTo(Outcome.OK);
    assertThat(e.exitCode()).isZero();
    assertThat(e.stdout()).contains("working").contains("42");
    assertThat(e.answer()).isEqualTo("42");
  }

  @Test
  default void execute_exceptionIsAnErrorOutcomeWithItsType() {
    Execution e = executor().execute("print(1)\nx = 1 / 0\n");
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.stdout()).contains("1");
    assertThat(e.error()).hasValueSatisfying(err -> assertThat(err.type()).isEqualTo("ZeroDivisionError"));
  }

  @Test
  default void execute_nonZeroExitIsAnError() {
    Execution e = executor().execute("import sys\nsys.exit(3)\n");
    assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(e.exitCode()).isEqualTo(3);
  }

  @Test
  default void execute_keepsUnicodeOutput() {
    Execution e = executor().execute("print('答案是 12 元')\n");
    assertThat(e.answer()).isEqualTo("答案是 12 元");
  }

  @Test
  default void executeAll_answersEachProgramInOrder() {
    List<Execution> all = executor().executeAll(List.of("print(1)", "print(2)", "print(3)"));
    assertThat(all).extracting(Execution::answer).containsExactly("1", "2", "3");
  }
}
