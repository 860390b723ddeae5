package dev.siam4j.core.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.ChatMessage.Role;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PromptTemplatesTest {
  private static final Problem EN =
      new Problem("e", "What is 6 times 7?", "42", "t", Locale.ENGLISH, Map.of());
  private static final Problem ZH =
      new Problem("z", "6 乘以 7 等于多少？", "42", "t", Locale.CHINESE, Map.of());

  @TempDir Path dir;

  @Test
  void zeroShot_isARawPromptEndingWithAnOpenPythonFence() {
    Prompt p = PromptTemplates.zeroShot().render(EN);
    assertThat(p.isChat()).isFalse();
    assertThat(p.text())
        .startsWith("Solve the following math problem by writing a Python program.")
        .contains("print only the final answer")
        .endsWith("\n\nQuestion: What is 6 times 7?\n\n```python\n");
  }

  @Test
  void zeroShot_choosesChineseByTheProblemsLanguage() {
    assertThat(PromptTemplates.zeroShot().render(ZH).text())
        .startsWith("请编写一个 Python 程序")
        .endsWith("\n\n问题：6 乘以 7 等于多少？\n\n```python\n");
    Problem simplified = new Problem("s", "q", "1", "t", Locale.SIMPLIFIED_CHINESE, Map.of());
    assertThat(PromptTemplates.zeroShot().render(simplified).text()).endsWith("问题：q\n\n```python\n");
  }

  @Test
  void otherLanguages_getEnglish() {
    Problem fr = new Problem("f", "Combien font 6 fois 7 ?", "42", "t", Locale.FRENCH, Map.of());
    assertThat(PromptTemplates.zeroShot().render(fr).text()).startsWith("Solve the following");
    assertThat(PromptTemplates.chatFewShot().render(fr).messages().get(0).content())
        .startsWith("You solve math problems");
  }

  @Test
  void fewShot_holdsFourExamplesThenTheQuestion() {
    for (Problem p : List.of(EN, ZH)) {
      String text = PromptTemplates.fewShot().render(p).text();
      assertThat(text.split("```python\n", -1)).hasSize(6);
      assertThat(text).endsWith(p.question() + "\n\n```python\n");
    }
  }

  @Test
  void chatZeroShot_isASystemAndAUserMessage() {
    Prompt p = PromptTemplates.chatZeroShot().render(EN);
    assertThat(p.messages()).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.USER);
    assertThat(p.messages().get(0).content()).contains("```python").contains("only the final answer");
    assertThat(p.messages().get(1).content()).isEqualTo("What is 6 times 7?");
    assertThat(PromptTemplates.chatZeroShot().render(ZH).messages().get(0).content())
        .startsWith("你通过编写 Python 程序");
  }

  @Test
  void chatFewShot_givesTheExamplesAsTurns() {
    for (Problem problem : List.of(EN, ZH)) {
      Prompt p = PromptTemplates.chatFewShot().render(problem);
      assertThat(p.messages()).extracting(ChatMessage::role).containsExactly(Role.SYSTEM,
          Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT,
          Role.USER, Role.ASSISTANT, Role.USER);
      assertThat(p.messages().get(2).content()).startsWith("```python\n").endsWith("\n```");
      assertThat(p.messages().get(9).content()).isEqualTo(problem.question());
    }
  }

  @Test
  void theQuestionIsInsertedLiterally() {
    String q = "Let $f(x) = \\frac{1}{x}$; what is {question} or $1?";
    Problem p = Problem.of("x", q, "1", "t");
    assertThat(PromptTemplates.zeroShot().render(p).text()).contains("Question: " + q + "\n");
    assertThat(PromptTemplates.raw("Q: {question}\n{not a placeholder}").render(p).text())
        .isEqualTo("Q: " + q + "\n{not a placeholder}");
  }

  @Test
  void chatFromString_parsesRolesAndStripsContent() {
    PromptTemplate t = PromptTemplates.chat(
        "\n### system\n  Be brief.  \n\n### user\nSolve: {question}\n###   assistant  \n```python\n");
    assertThat(t.render(EN)).isEqualTo(Prompt.chat(ChatMessage.system("Be brief."),
        ChatMessage.user("Solve: What is 6 times 7?"), ChatMessage.assistant("```python")));
  }

  @Test
  void templatesWithoutPlaceholderOrRoles_areRefused() {
    assertThatThrownBy(() -> PromptTemplates.raw("Solve it."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template has no {question} placeholder");
    assertThatThrownBy(() -> PromptTemplates.chat("{question}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chat template has no '### system|user|assistant' line");
    assertThatThrownBy(() -> PromptTemplates.chat("Hello\n### user\n{question}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chat template has text before its first '### system|user|assistant' line");
  }

  @Test
  void fromFiles_readsOneFilePerLanguageAndFallsBackToEnglish() throws IOException {
    Files.writeString(dir.resolve("mine.en.txt"), "EN {question}", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("mine.zh.txt"), "中 {question}", StandardCharsets.UTF_8);
    PromptTemplate t = PromptTemplates.fromFiles(dir, "mine", PromptForm.RAW);
    assertThat(t.render(EN).text()).isEqualTo("EN What is 6 times 7?");
    assertThat(t.render(ZH).text()).isEqualTo("中 6 乘以 7 等于多少？");
    Problem de = new Problem("d", "Was ist 6 mal 7?", "42", "t", Locale.GERMAN, Map.of());
    assertThat(t.render(de).text()).isEqualTo("EN Was ist 6 mal 7?");
  }

  @Test
  void fromFiles_withoutEnglishOrWithABadFile_failsNamingTheFile() throws IOException {
    assertThatThrownBy(() -> PromptTemplates.fromFiles(dir, "absent", PromptForm.RAW))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("no English template: " + dir.resolve("absent") + ".en.txt not found");
    Files.writeString(dir.resolve("bad.en.txt"), "no placeholder", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PromptTemplates.fromFiles(dir, "bad", PromptForm.RAW))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(dir.resolve("bad.en.txt") + ": template has no {question} placeholder");
  }

  @Test
  void fromResources_readsTheStandardResourcesLikeTheDefaults() {
    PromptTemplate t =
        PromptTemplates.fromResources("dev/siam4j/core/prompts/solve-few-shot", PromptForm.RAW);
    assertThat(t.render(ZH)).isEqualTo(PromptTemplates.fewShot().render(ZH));
    assertThatThrownBy(() -> PromptTemplates.fromResources("no/such/prompt", PromptForm.CHAT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("no English template: no/such/prompt.en.txt not found");
  }

  @Test
  void byLanguage_matchesTheLanguageWithoutCountry() {
    PromptTemplate t = PromptTemplates.byLanguage(PromptTemplates.raw("default {question}"),
        Map.of(Locale.CHINESE, PromptTemplates.raw("zh {question}")));
    Problem tw = new Problem("t", "q", "1", "t", Locale.TRADITIONAL_CHINESE, Map.of());
    assertThat(t.render(tw).text()).isEqualTo("zh q");
    assertThat(t.render(EN).text()).isEqualTo("default What is 6 times 7?");
  }
}
