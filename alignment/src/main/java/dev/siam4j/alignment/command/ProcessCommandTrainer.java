package dev.siam4j.alignment.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.jsonl.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CommandTrainer} over {@link ProcessBuilder}. */
final class ProcessCommandTrainer implements CommandTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandTrainer.class);

  private final List<String> template;
  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final Duration timeout;
  private final TrainingLogListener listener;
  private final String modelFile;
  private final String adapterFile;
  private final int tailLines;

  ProcessCommandTrainer(
      List<String> template,
      Path workingDirectory,
      Map<String, String> environment,
      Duration timeout,
      TrainingLogListener listener,
      String modelFile,
      String adapterFile,
      int tailLines) {
    this.template = template;
    this.workingDirectory = workingDirectory;
    this.environment = environment;
    this.timeout = timeout;
    this.listener = listener;
    this.modelFile = modelFile;
    this.adapterFile = adapterFile;
    this.tailLines = tailLines;
  }

  @Override
  public TrainingResult train(TrainingJob job) {
    java.util.Objects.requireNonNull(job, "job");
    List<String> command = fill(job);
    Path output = job.outputDirectory();
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new TrainingFailedException("cannot create output folder " + output, e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory((workingDirectory == null ? output : workingDirectory).toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new TrainingFailedException("cannot start training command " + command, e);
    }
    Deque<String> tail = new ArrayDeque<>();
    Thread pump = new Thread(() -> pump(process.getInputStream(), tail), "siam4j-train-log");
    pump.setDaemon(true);
    pump.start();
    int exit;
    try {
      if (timeout == null) {
        exit = process.waitFor();
      } else if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = process.exitValue();
      } else {
        kill(process);
        pump.join(2000);
        throw new TrainingFailedException(
            "training command "
                + command.get(0)
                + " ran past its timeout of "
                + timeout
                + "; last lines:\n"
                + joined(tail),
            null,
            true);
      }
      pump.join();
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new TrainingFailedException("interrupted while training with " + command.get(0), e);
    }
    if (exit != 0) {
      throw new TrainingFailedException(
          "training command " + command.get(0) + " exited with code " + exit + "; last lines:\n"
              + joined(tail));
    }
    Checkpoint checkpoint = pickUp(job);
    Map<String, Double> metrics = new LinkedHashMap<>(readMetrics(output.resolve("metrics.json")));
    metrics.put("seconds", (System.nanoTime() - started) / 1e9);
    return new TrainingResult(checkpoint, metrics);
  }

  private List<String> fill(TrainingJob job) {
    TrainingOptions o = job.options();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("sft", job.sftFile().toString());
    values.put("pairs", job.pairsFile().toString());
    values.put("model", job.base().model().toString());
    values.put("adapter", job.base().adapter().map(Path::toString).orElse(""));
    values.put("output", job.outputDirectory().toString());
    values.put("algorithm", job.algorithm().name().toLowerCase(Locale.ROOT));
    values.put("learning_rate", Double.toString(o.learningRate()));
    values.put("epochs", Integer.toString(o.epochs()));
    values.put("batch_size", Integer.toString(o.batchSize()));
    values.put("max_length", Integer.toString(o.maxSequenceLength()));
    values.put("beta", Double.toString(o.beta()));
    values.put("nll_weight", Double.toString(o.nllWeight()));
    values.put("lora_rank", Integer.toString(o.loraRank()));
    values.put("seed", Long.toString(o.seed()));
    List<String> command = new ArrayList<>(template.size());
    for (String arg : template) {
      String filled = arg;
      for (Map.Entry<String, String> e : values.entrySet()) {
        filled = filled.replace("{" + e.getKey() + "}", e.getValue());
      }
      command.add(filled);
    }
    return command;
  }

  private void pump(InputStream stream, Deque<String> tail) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        LOG.debug("{}", line);
        synchronized (tail) {
          tail.addLast(line);
          while (tail.size() > tailLines) {
            tail.removeFirst();
          }
        }
        try {
          listener.onLine(line);
        } catch (RuntimeException e) {
          LOG.warn("training log listener failed on a line; ignored", e);
        }
      }
    } catch (IOException e) {
      LOG.debug("training log stream closed", e);
    }
  }

  private static String joined(Deque<String> tail) {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private Checkpoint pickUp(TrainingJob job) {
    Path output = job.outputDirectory();
    Path adapter = output.resolve(adapterFile);
    Path model = output.resolve(modelFile);
    if (Files.isRegularFile(adapter)) {
      checkGguf(adapter);
      return Checkpoint.withAdapter(job.base().model(), adapter);
    }
    if (Files.isRegularFile(model)) {
      checkGguf(model);
      return Checkpoint.of(model);
    }
    throw new TrainingFailedException(
        "training command " + template.get(0) + " exited with code 0 but wrote neither "
            + adapterFile + " nor " + modelFile + " in " + output);
  }

  private static void checkGguf(Path file) {
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(magic, 0, 4) != 4
          || !"GGUF".equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new TrainingFailedException("checkpoint " + file + " is not a GGUF file");
      }
    } catch (IOException e) {
      throw new TrainingFailedException("cannot read checkpoint " + file, e);
    }
  }

  private static Map<String, Double> readMetrics(Path file) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return metrics;
    }
    try {
      JsonNode node = Json.mapper().readTree(file.toFile());
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getValue().isNumber()) {
          metrics.put(e.getKey(), e.getValue().asDouble());
        }
      }
    } catch (IOException e) {
      throw new TrainingFailedException("cannot read metrics " + file, e);
    }
    return metrics;
  }
}
