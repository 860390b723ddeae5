package dev.siam4j.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

final class CodeExtractorsTest {
  private static final CodeExtractor DEFAULT = CodeExtractors.defaultExtractor();

  @Test
  void fencedPythonBlock_isExtracted() {
    String text = "Let me compute it.\n```python\nx = 6 * 7\nprint(x)\n```\nThe answer is 42.";
    assertThat(DEFAULT.extract(text)).contains("x = 6 * 7\nprint(x)\n");
  }

  @Test
  void pyAndBareAndCapitalisedFences_countAsPython() {
    assertThat(DEFAULT.extract("```py\nprint(1)\n```")).contains("print(1)\n");
    assertThat(DEFAULT.extract("Code:\n```\nprint(2)\n```")).contains("print(2)\n");
    assertThat(DEFAULT.extract("```Python3\nprint(3)\n```")).contains("print(3)\n");
  }

  @Test
  void blocksInOtherLanguages_arePassedOver() {
    String text = "```python\nprint(18)\n```\n```output\n18\n```\n```text\nnot code\n```";
    assertThat(DEFAULT.extract(text)).contains("print(18)\n");
    assertThat(DEFAULT.extract("```bash\nls\n```")).isEmpty();
  }

  @Test
  void policies_chooseFirstLastOrAll() {
    String text = "First try:\n```python\nprint(1)\n```\nFixed:\n```python\nprint(2)\n```\n";
    assertThat(CodeExtractors.fenced(BlockPolicy.FIRST).extract(text)).contains("print(1)\n");
    assertThat(CodeExtractors.fenced(BlockPolicy.LAST).extract(text)).contains("print(2)\n");
    assertThat(CodeExtractors.lastFencedBlock().extract(text)).contains("print(2)\n");
    assertThat(CodeExtractors.fenced(BlockPolicy.CONCATENATE).extract(text))
        .contains("print(1)\n\nprint(2)\n");
  }

  @Test
  void concatenate_dedentsEachBlockOnItsOwn() {
    String text = "```python\n    a = 1\n```\n```python\nprint(a)\n```";
    assertThat(CodeExtractors.fenced(BlockPolicy.CONCATENATE).extract(text))
        .contains("a = 1\n\nprint(a)\n");
  }

  @Test
  void continuation_codeBeforeTheFirstClosingFence_isTheProgram() {
    String completion =
        "eggs = 16 - 3 - 4\nprint(eggs * 2)\n```\n\nThe answer is 18.\n\n"
            + "Question: another one\n\n```python\nprint(0)\n```";
    assertThat(DEFAULT.extract(completion)).contains("eggs = 16 - 3 - 4\nprint(eggs * 2)\n");
    assertThat(CodeExtractors.fenced(BlockPolicy.FIRST).extract(completion))
        .contains("eggs = 16 - 3 - 4\nprint(eggs * 2)\n");
    assertThat(CodeExtractors.fenced(BlockPolicy.LAST).extract(completion)).contains("print(0)\n");
  }

  @Test
  void continuation_fenceGluedToTheLastLine_isSplitOff() {
    assertThat(DEFAULT.extract("x = 2\nprint(x)```\nDone")).contains("x = 2\nprint(x)\n");
  }

  @Test
  void continuation_withAnOddStatementIsStillTheProgram() {
    String completion = "x = 3\n2 + 2\n(a, b) = (x, 4)\nif a: print(a * b)\n```\nThe answer is 12.";
    assertThat(DEFAULT.extract(completion))
        .contains("x = 3\n2 + 2\n(a, b) = (x, 4)\nif a: print(a * b)\n");
  }

  @Test
  void proseThatLooksLikeACall_beforeABareFence_isProse() {
    assertThat(DEFAULT.extract("Solution(s) below.\n```\nprint(4)\n```\n")).contains("print(4)\n");
  }

  @Test
  void proseBeforeABareFence_makesItAnOpeningFence() {
    String text = "Here is the program.\n```\nprint(5)\n```\n";
    assertThat(DEFAULT.extract(text)).contains("print(5)\n");
  }

  @Test
  void unterminatedBlock_isTaken() {
    assertThat(DEFAULT.extract("Sure:\n```python\nimport math\nprint(math.pi)"))
        .contains("import math\nprint(math.pi)\n");
  }

  @Test
  void noFence_takesTheLeadingCodeAndDropsTrailingProse() {
    String completion = "total = 0\nfor i in range(1, 11):\n    total += i\nprint(total)\n\n"
        + "The answer is 55.\nx = 1";
    assertThat(DEFAULT.extract(completion))
        .contains("total = 0\nfor i in range(1, 11):\n    total += i\nprint(total)\n");
  }

  @Test
  void noFence_keepsMultiLineStringsAndBracketsThatHoldProse() {
    String code = "text = \"\"\"\nThe answer is\nnot here\n\"\"\"\nvalues = [\n  1,\n  2,\n]\n"
        + "print(sum(values))\n";
    assertThat(DEFAULT.extract(code)).contains(code);
  }

  @Test
  void noFence_readsUnpackingOneLineIfsAndMultiLineCalls() {
    String code = "(a, b) = (1, 2)\n[c, d] = [3, 4]\nif a < b: a = b\ntotal = sum([\n    a, b, c, d])\n"
        + "print(\n    total,\n)\n";
    assertThat(DEFAULT.extract(code + "\nThe total is 11.")).contains(code);
  }

  @Test
  void noFence_proseOnly_givesNothing() {
    assertThat(DEFAULT.extract("The answer is 42.")).isEmpty();
    assertThat(DEFAULT.extract("If John has 3 apples, he has 3 apples.")).isEmpty();
    assertThat(DEFAULT.extract("")).isEmpty();
    assertThat(DEFAULT.extract("   \n\n")).isEmpty();
  }

  @Test
  void fencedOnly_givesNothingWithoutAFence() {
    assertThat(CodeExtractors.fencedOnly(BlockPolicy.LAST).extract("print(1)\n")).isEmpty();
    assertThat(CodeExtractors.fencedOnly(BlockPolicy.LAST).extract("```python\nprint(1)\n```"))
        .contains("print(1)\n");
  }

  @Test
  void commentsOnly_giveNothing() {
    assertThat(DEFAULT.extract("```python\n# TODO\n```")).isEmpty();
    assertThat(DEFAULT.extract("```python\n```")).isEmpty();
  }

  @Test
  void trailingReplLinesAndOutputSections_areStripped() {
    assertThat(DEFAULT.extract("```python\nx = 3\nprint(x)\n>>> 3\n```")).contains("x = 3\nprint(x)\n");
    assertThat(DEFAULT.extract("```python\nprint(7)\n\nOutput: 7\n```")).contains("print(7)\n");
    assertThat(DEFAULT.extract("```python\nprint(7)\n输出：7\n```")).contains("print(7)\n");
    assertThat(DEFAULT.extract("```python\nresult = 7\nprint(result)\n```"))
        .contains("result = 7\nprint(result)\n");
  }

  @Test
  void replTranscript_keepsTheStatementsWithoutPromptsAndDropsOutputs() {
    String text = "```python\n>>> def f(x):\n...     return x * 2\n...\n>>> print(f(21))\n42\n```";
    assertThat(DEFAULT.extract(text)).contains("def f(x):\n    return x * 2\n\nprint(f(21))\n");
  }

  @Test
  void indentedBlock_isDedented() {
    assertThat(DEFAULT.extract("1. Code:\n   ```python\n   if True:\n       print(1)\n   ```"))
        .contains("if True:\n    print(1)\n");
  }

  @Test
  void windowsLineEndings_areRead() {
    assertThat(DEFAULT.extract("```python\r\nprint(1)\r\n```\r\n")).contains("print(1)\n");
  }

  @Test
  void extractedPrograms_runWithRealPythonAndPrintTheAnswer() {
    String[] completions = {
      "n = 16 - 3 - 4\nprint(n * 2)\n```\nThe answer is 18.",
      "I will use fractions.\n```python\nfrom fractions import Fraction\n"
          + "print(Fraction(3, 4) + Fraction(1, 12))\n```\n```output\n5/6\n```",
      "total = sum(range(1, 11))\nprint(total)\n\nSo the total is 55.",
    };
    String[] answers = {"18", "5/6", "55"};
    for (int i = 0; i < completions.length; i++) {
      Optional<String> code = DEFAULT.extract(completions[i]);
      assertThat(code).as("completion %d", i).isPresent();
      Python3.Run run = Python3.run(code.get());
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(AnswerExtractor.lastNonEmptyLine().extract(run.stdout())).isEqualTo(answers[i]);
    }
  }

  @Test
  @Tag("slow") // importing sympy takes seconds
  void extractedSympyProgram_runsWithRealPython() {
    String completion = "I will use sympy.\n```python\nfrom sympy import symbols, solve\n"
        + "x = symbols('x')\nprint(sum(solve(x**2 - 5*x + 6, x)))\n```\n```output\n5\n```";
    Python3.Run run = Python3.run(DEFAULT.extract(completion).orElseThrow());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(AnswerExtractor.lastNonEmptyLine().extract(run.stdout())).isEqualTo("5");
  }
}
