package dev.siam4j.alignment.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TrainingDataExporterTest {
  private static final Prompt RAW = Prompt.raw("Q: 小明有2个苹果，又买了5个？");
  private static final Prompt CHAT = Prompt.chat(
      ChatMessage.system("Write Python."),
      ChatMessage.user("1+1?"),
      ChatMessage.assistant("print(1+1)"),
      ChatMessage.user("2+5?"));
  private static final SftExample SFT_RAW =
      new SftExample(new SampleKey("p1", 0, 0), RAW, "print(2 + 5)", 1.0);
  private static final SftExample SFT_CHAT =
      new SftExample(new SampleKey("p2", 0, 0), CHAT, "print(2 + 5)", 0.9);
  private static final PreferencePair PAIR_RAW = new PreferencePair(
      new SampleKey("p1", 0, 0), new SampleKey("p1", 1, 0), RAW, "print(2 + 5)", "print(2 * 5)");
  private static final PreferencePair PAIR_CHAT = new PreferencePair(
      new SampleKey("p2", 0, 0), new SampleKey("p2", 1, 0), CHAT, "print(2 + 5)", "print(2 / 0)");

  @TempDir Path dir;

  private List<String> export(ExportFormat format) throws IOException {
    try (TrainingDataExporter out = TrainingDataExporter.open(format, dir)) {
      out.write(SFT_RAW);
      out.write(SFT_CHAT);
      out.write(PAIR_RAW);
      out.write(PAIR_CHAT);
    }
    List<String> lines = new java.util.ArrayList<>();
    lines.addAll(Files.readAllLines(dir.resolve("sft.jsonl"), StandardCharsets.UTF_8));
    lines.addAll(Files.readAllLines(dir.resolve("preference.jsonl"), StandardCharsets.UTF_8));
    return lines;
  }

  @Test
  void trl_standardForm() throws IOException {
    assertThat(export(ExportFormat.TRL)).containsExactly(
        "{\"prompt\":\"Q: 小明有2个苹果，又买了5个？\",\"completion\":\"print(2 + 5)\"}",
        "{\"prompt\":\"Write Python.\\n\\n1+1?\\n\\nprint(1+1)\\n\\n2+5?\",\"completion\":\"print(2 + 5)\"}",
        "{\"prompt\":\"Q: 小明有2个苹果，又买了5个？\",\"chosen\":\"print(2 + 5)\",\"rejected\":\"print(2 * 5)\"}",
        "{\"prompt\":\"Write Python.\\n\\n1+1?\\n\\nprint(1+1)\\n\\n2+5?\",\"chosen\":\"print(2 + 5)\",\"rejected\":\"print(2 / 0)\"}");
    assertThat(dir.resolve("dataset_info.json")).doesNotExist();
  }

  @Test
  void trl_conversationalForm() throws IOException {
    List<String> lines = export(ExportFormat.TRL_CONVERSATIONAL);
    assertThat(lines.get(0)).isEqualTo(
        "{\"prompt\":[{\"role\":\"user\",\"content\":\"Q: 小明有2个苹果，又买了5个？\"}],"
            + "\"completion\":[{\"role\":\"assistant\",\"content\":\"print(2 + 5)\"}]}");
    assertThat(lines.get(3)).isEqualTo(
        "{\"prompt\":[{\"role\":\"system\",\"content\":\"Write Python.\"},"
            + "{\"role\":\"user\",\"content\":\"1+1?\"},"
            + "{\"role\":\"assistant\",\"content\":\"print(1+1)\"},"
            + "{\"role\":\"user\",\"content\":\"2+5?\"}],"
            + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"print(2 + 5)\"}],"
            + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"print(2 / 0)\"}]}");
  }

  @Test
  void llamaFactoryAlpaca_withHistoryAndDatasetInfo() throws IOException {
    List<String> lines = export(ExportFormat.LLAMA_FACTORY_ALPACA);
    assertThat(lines).containsExactly(
        "{\"instruction\":\"Q: 小明有2个苹果，又买了5个？\",\"input\":\"\",\"output\":\"print(2 + 5)\","
            + "\"system\":\"\",\"history\":[]}",
        "{\"instruction\":\"2+5?\",\"input\":\"\",\"output\":\"print(2 + 5)\","
            + "\"system\":\"Write Python.\",\"history\":[[\"1+1?\",\"print(1+1)\"]]}",
        "{\"instruction\":\"Q: 小明有2个苹果，又买了5个？\",\"input\":\"\",\"chosen\":\"print(2 + 5)\","
            + "\"rejected\":\"print(2 * 5)\",\"system\":\"\",\"history\":[]}",
        "{\"instruction\":\"2+5?\",\"input\":\"\",\"chosen\":\"print(2 + 5)\","
            + "\"rejected\":\"print(2 / 0)\",\"system\":\"Write Python.\","
            + "\"history\":[[\"1+1?\",\"print(1+1)\"]]}");
    assertThat(Files.readString(dir.resolve("dataset_info.json"))).isEqualTo("""
        {
          "siam4j_sft" : {
            "file_name" : "sft.jsonl",
            "formatting" : "alpaca",
            "columns" : {
              "prompt" : "instruction",
              "query" : "input",
              "response" : "output",
              "system" : "system",
              "history" : "history"
            }
          },
          "siam4j_preference" : {
            "file_name" : "preference.jsonl",
            "formatting" : "alpaca",
            "ranking" : true,
            "columns" : {
              "prompt" : "instruction",
              "query" : "input",
              "chosen" : "chosen",
              "rejected" : "rejected",
              "system" : "system",
              "history" : "history"
            }
          }
        }
        """);
  }

  @Test
  void llamaFactorySharegpt() throws IOException {
    List<String> lines = export(ExportFormat.LLAMA_FACTORY_SHAREGPT);
    assertThat(lines.get(1)).isEqualTo(
        "{\"conversations\":[{\"from\":\"human\",\"value\":\"1+1?\"},"
            + "{\"from\":\"gpt\",\"value\":\"print(1+1)\"},{\"from\":\"human\",\"value\":\"2+5?\"},"
            + "{\"from\":\"gpt\",\"value\":\"print(2 + 5)\"}],\"system\":\"Write Python.\"}");
    assertThat(lines.get(2)).isEqualTo(
        "{\"conversations\":[{\"from\":\"human\",\"value\":\"Q: 小明有2个苹果，又买了5个？\"}],"
            + "\"chosen\":{\"from\":\"gpt\",\"value\":\"print(2 + 5)\"},"
            + "\"rejected\":{\"from\":\"gpt\",\"value\":\"print(2 * 5)\"},\"system\":\"\"}");
    String info = Files.readString(dir.resolve("dataset_info.json"));
    assertThat(info).contains("\"formatting\" : \"sharegpt\"", "\"ranking\" : true",
        "\"messages\" : \"conversations\"", "\"user_tag\" : \"human\"", "\"assistant_tag\" : \"gpt\"");
  }

  @Test
  void openAi_chatAndPreferenceForms() throws IOException {
    List<String> lines = export(ExportFormat.OPENAI);
    assertThat(lines.get(0)).isEqualTo(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Q: 小明有2个苹果，又买了5个？\"},"
            + "{\"role\":\"assistant\",\"content\":\"print(2 + 5)\"}]}");
    assertThat(lines.get(2)).isEqualTo(
        "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Q: 小明有2个苹果，又买了5个？\"}]},"
            + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"print(2 + 5)\"}],"
            + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"print(2 * 5)\"}]}");
  }

  @Test
  void chineseIsWrittenAsUtf8NotEscaped() throws IOException {
    export(ExportFormat.OPENAI);
    byte[] bytes = Files.readAllBytes(dir.resolve("sft.jsonl"));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("小明有2个苹果").doesNotContain("\\u");
    assertThat(bytes).containsSequence("小明".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sameRecordsGiveTheSameBytes(@TempDir Path other) throws IOException {
    for (ExportFormat f : ExportFormat.values()) {
      export(f);
      byte[] first = Files.readAllBytes(dir.resolve("preference.jsonl"));
      try (TrainingDataExporter out = TrainingDataExporter.open(f, other)) {
        out.write(SFT_RAW);
        out.write(SFT_CHAT);
        out.write(PAIR_RAW);
        out.write(PAIR_CHAT);
      }
      assertThat(Files.readAllBytes(other.resolve("preference.jsonl"))).as(f.cliName())
          .isEqualTo(first);
    }
  }

  @Test
  void filesAppearWithTheirFirstRecordAndReplaceAnEarlierExport() throws IOException {
    export(ExportFormat.LLAMA_FACTORY_ALPACA);
    TrainingDataExporter out = TrainingDataExporter.open(ExportFormat.LLAMA_FACTORY_ALPACA, dir);
    assertThat(dir.resolve("sft.jsonl")).doesNotExist();
    out.write(SFT_RAW);
    out.close();
    out.close();
    assertThat(dir.resolve("preference.jsonl")).doesNotExist();
    assertThat(Files.readString(dir.resolve("dataset_info.json"))).doesNotContain("siam4j_preference");
    ExportSummary s = out.summary();
    assertThat(s.files()).containsExactly("sft.jsonl", "dataset_info.json");
    assertThat(s.sft()).isEqualTo(1);
    assertThat(s.pairs()).isZero();
    assertThatThrownBy(() -> out.write(SFT_RAW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("export to " + dir + " is closed");
  }

  @Test
  void formatNamesRoundTrip() {
    for (ExportFormat f : ExportFormat.values()) {
      assertThat(ExportFormat.fromCliName(f.cliName().toUpperCase())).isEqualTo(f);
    }
    assertThatThrownBy(() -> ExportFormat.fromCliName("csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown export format 'csv', expected one of trl, trl-conversational, "
            + "llama-factory-alpaca, llama-factory-sharegpt, openai");
  }
}
