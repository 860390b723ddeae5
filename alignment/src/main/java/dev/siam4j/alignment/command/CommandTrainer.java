package dev.siam4j.alignment.command;

import dev.siam4j.core.Trainer;
import dev.siam4j.core.internal.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Trainer} that runs an external command: TRL with accelerate or DeepSpeed,
 * LLaMA-Factory, llama.cpp's finetune, or a script of your own. The command is a template of
 * arguments (no shell) with placeholders the job fills in:
 *
 * <table>
 *   <caption>Placeholders</caption>
 *   <tr><td>{@code {sft}}, {@code {pairs}}</td><td>the job's JSONL data files</td></tr>
 *   <tr><td>{@code {model}}, {@code {adapter}}</td><td>the base GGUF and its adapter (empty if none)</td></tr>
 *   <tr><td>{@code {output}}</td><td>the output folder (created before the command runs)</td></tr>
 *   <tr><td>{@code {algorithm}}</td><td>{@code sft}, {@code dpo}, {@code dpo_nll}, {@code ipo}, {@code orpo}, {@code simpo}, {@code kto}</td></tr>
 *   <tr><td>{@code {learning_rate}}, {@code {epochs}}, {@code {batch_size}}, {@code {max_length}},
 *       {@code {beta}}, {@code {nll_weight}}, {@code {lora_rank}}, {@code {seed}}</td>
 *       <td>the job's options</td></tr>
 * </table>
 *
 * <p>The command's standard output and error go, merged, to the listener and to the log; a non-zero
 * exit fails the job with the exit code and the last lines. On success the trainer picks up the
 * checkpoint: {@code adapter.gguf} in the output folder (a LoRA adapter of the base model) or else
 * {@code model.gguf} (both names configurable), and numeric metrics from {@code metrics.json} there
 * if the command wrote one.
 *
 * <p>For example, DPO+NLL with TRL:
 *
 * <pre>{@code
 * Trainer trl = CommandTrainer.builder()
 *     .command(List.of("accelerate", "launch", "train_dpo.py",
 *         "--pairs", "{pairs}", "--base", "{model}", "--out", "{output}",
 *         "--beta", "{beta}", "--rpo-alpha", "{nll_weight}", "--lora-r", "{lora_rank}"))
 *     .timeout(Duration.ofHours(6))
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe; each {@link #train} starts its own process.
 */
public interface CommandTrainer extends Trainer {

  /** Names the command may use in braces. */
  Set<String> PLACEHOLDERS =
      Set.of(
          "sft", "pairs", "model", "adapter", "output", "algorithm", "learning_rate", "epochs",
          "batch_size", "max_length", "beta", "nll_weight", "lora_rank", "seed");

  /** @return a new builder */
  static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link CommandTrainer}; validates each value at once, reusable. */
  final class Builder {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private List<String> command;
    private Path workingDirectory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout;
    private TrainingLogListener listener;
    private String modelFile;
    private String adapterFile;
    private int tailLines;

    private Builder() {}

    /**
     * @param template the program and its arguments, with placeholders
     * @return this builder
     * @throws IllegalArgumentException if empty or naming an unknown placeholder
     */
    public Builder command(List<String> template) {
      Objects.requireNonNull(template, "template");
      if (command != null) {
        throw new IllegalStateException("command was already set to " + command);
      }
      if (template.isEmpty()) {
        throw new IllegalArgumentException("command must not be empty");
      }
      for (String arg : template) {
        Objects.requireNonNull(arg, "command argument");
        Matcher m = PLACEHOLDER.matcher(arg);
        while (m.find()) {
          if (!PLACEHOLDERS.contains(m.group(1))) {
            throw new IllegalArgumentException(
                "unknown placeholder {" + m.group(1) + "} in '" + arg + "'; known: "
                    + new java.util.TreeSet<>(PLACEHOLDERS));
          }
        }
      }
      command = List.copyOf(template);
      return this;
    }

    /**
     * @param directory where the command runs (default: the job's output folder)
     * @return this builder
     */
    public Builder workingDirectory(Path directory) {
      Objects.requireNonNull(directory, "directory");
      if (workingDirectory != null) {
        throw new IllegalStateException("workingDirectory was already set to " + workingDirectory);
      }
      workingDirectory = directory;
      return this;
    }

    /**
     * @param name an environment variable to set for the command
     * @param value its value
     * @return this builder
     */
    public Builder environment(String name, String value) {
      Checks.nonBlank(name, "name");
      Objects.requireNonNull(value, "value");
      if (environment.containsKey(name)) {
        throw new IllegalStateException(
            "environment " + name + " was already set to " + environment.get(name));
      }
      environment.put(name, value);
      return this;
    }

    /**
     * @param limit the command is killed after this long (default: none)
     * @return this builder
     */
    public Builder timeout(Duration limit) {
      Objects.requireNonNull(limit, "limit");
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + limit);
      }
      if (timeout != null) {
        throw new IllegalStateException("timeout was already set to " + timeout);
      }
      timeout = limit;
      return this;
    }

    /**
     * @param logListener receives the command's log lines (default: {@link TrainingLogListener#NONE})
     * @return this builder
     */
    public Builder listener(TrainingLogListener logListener) {
      Objects.requireNonNull(logListener, "logListener");
      if (listener != null) {
        throw new IllegalStateException("listener was already set");
      }
      listener = logListener;
      return this;
    }

    /**
     * @param modelName the merged model's file name in the output folder (default {@code model.gguf})
     * @param adapterName the adapter's file name (default {@code adapter.gguf})
     * @return this builder
     */
    public Builder checkpointFiles(String modelName, String adapterName) {
      Checks.nonBlank(modelName, "modelName");
      Checks.nonBlank(adapterName, "adapterName");
      if (modelFile != null) {
        throw new IllegalStateException(
            "checkpointFiles were already set to " + modelFile + " and " + adapterFile);
      }
      modelFile = modelName;
      adapterFile = adapterName;
      return this;
    }

    /**
     * @param lines how many of the last log lines a failure reports (default 20)
     * @return this builder
     */
    public Builder failureTail(int lines) {
      Checks.positive(lines, "lines");
      if (tailLines != 0) {
        throw new IllegalStateException("failureTail was already set to " + tailLines);
      }
      tailLines = lines;
      return this;
    }

    /**
     * @return the trainer
     * @throws IllegalStateException if no command was set
     */
    public CommandTrainer build() {
      if (command == null) {
        throw new IllegalStateException("command is required");
      }
      return new ProcessCommandTrainer(
          command,
          workingDirectory,
          Map.copyOf(environment),
          timeout,
          listener == null ? TrainingLogListener.NONE : listener,
          modelFile == null ? "model.gguf" : modelFile,
          adapterFile == null ? "adapter.gguf" : adapterFile,
          tailLines == 0 ? 20 : tailLines);
    }
  }
}
