package dev.siam4j.alignment.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** The dataset formats {@link TrainingDataExporter} writes. */
public enum ExportFormat {
  /**
   * Hugging Face TRL, standard (text) form: SFT lines {@code {"prompt", "completion"}} and
   * preference lines {@code {"prompt", "chosen", "rejected"}}, all strings; a chat prompt is
   * flattened to its messages' text.
   */
  TRL("trl"),
  /**
   * Hugging Face TRL, conversational form: the same fields as lists of {@code {"role",
   * "content"}} messages; a raw prompt becomes one user message.
   */
  TRL_CONVERSATIONAL("trl-conversational"),
  /**
   * LLaMA-Factory, alpaca form: SFT {@code {"instruction", "input", "output"}} (plus {@code
   * "system"} and {@code "history"} for chat prompts that have them), preference {@code
   * {"instruction", "input", "chosen", "rejected"}}, and a {@code dataset_info.json}.
   */
  LLAMA_FACTORY_ALPACA("llama-factory-alpaca"),
  /**
   * LLaMA-Factory, sharegpt form: {@code {"conversations": [{"from", "value"}]}} with {@code
   * "chosen"} and {@code "rejected"} messages for preferences, and a {@code dataset_info.json}.
   */
  LLAMA_FACTORY_SHAREGPT("llama-factory-sharegpt"),
  /**
   * OpenAI fine-tuning: chat JSONL {@code {"messages": [...]}} for SFT, and the preference
   * (DPO) form {@code {"input": {"messages"}, "preferred_output", "non_preferred_output"}}.
   */
  OPENAI("openai");

  private final String cliName;

  ExportFormat(String cliName) {
    this.cliName = cliName;
  }

  /** @return the name on the command line ("trl-conversational") */
  public String cliName() {
    return cliName;
  }

  /**
   * @param name a command-line name, case-insensitive
   * @return the format
   * @throws IllegalArgumentException naming the known formats when there is none of that name
   */
  public static ExportFormat fromCliName(String name) {
    Objects.requireNonNull(name, "name");
    for (ExportFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown export format '" + name + "', expected one of "
            + Arrays.stream(values()).map(ExportFormat::cliName).collect(Collectors.joining(", ")));
  }
}
