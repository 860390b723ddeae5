package dev.siam4j.examples.cli;

import dev.siam4j.alignment.decontamination.Contamination;
import dev.siam4j.alignment.decontamination.Decontaminator;
import dev.siam4j.alignment.export.ExportFormat;
import dev.siam4j.alignment.export.ExportSummary;
import dev.siam4j.alignment.export.TrainingDataExporter;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.jsonl.JsonlWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code siam4j export}: exports a run's training data for TRL, LLaMA-Factory or OpenAI, streaming,
 * optionally dropping what overlaps evaluation splits. Prints one JSON summary line.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a run's training data for TRL, LLaMA-Factory or OpenAI.",
      "Reads RUN/iter-N/sft.jsonl and pairs.jsonl (the last iteration unless --iteration), or",
      "the files given with --sft and --pairs; writes OUTPUT/sft.jsonl, OUTPUT/preference.jsonl",
      "(and dataset_info.json for LLaMA-Factory); prints a JSON summary."
    })
final class ExportCommand implements Callable<Integer> {
  private static final Pattern ITERATION = Pattern.compile("iter-(\\d+)");

  @Spec CommandSpec spec;

  @Option(names = "--run", paramLabel = "DIR", description = "A run folder (runs/NAME).")
  Path run;

  @Option(names = "--iteration", paramLabel = "N",
      description = "Which iteration of --run (default: the last one with data).")
  Integer iteration;

  @Option(names = "--sft", paramLabel = "FILE", description = "SFT examples, one JSON a line.")
  Path sft;

  @Option(names = "--pairs", paramLabel = "FILE", description = "Preference pairs, one JSON a line.")
  Path pairs;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "trl, trl-conversational, llama-factory-alpaca, llama-factory-sharegpt, openai.")
  ExportFormat format;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder.")
  Path output;

  @Option(names = "--decontaminate", paramLabel = "FILE",
      description = "An evaluation split (JSONL with \"question\" or \"problem\" fields); training "
          + "examples sharing an n-gram with it are dropped and listed in OUTPUT/decontaminated.jsonl. "
          + "Repeatable.")
  List<Path> evaluation = new ArrayList<>();

  @Option(names = "--ngram", paramLabel = "N", defaultValue = "13",
      description = "N-gram size for --decontaminate (default: ${DEFAULT-VALUE}).")
  int ngram;

  /** One line of decontaminated.jsonl. */
  record Dropped(String kind, String key, Contamination overlap) {}

  @Override
  public Integer call() {
    ExportFormat exportFormat = format;
    if (ngram <= 0) {
      throw new UsageException("--ngram must be positive, was " + ngram);
    }
    Inputs in = inputs();
    Optional<Decontaminator> decontaminator = decontaminator();
    Map<String, Long> dropped = new LinkedHashMap<>();
    dropped.put("sft", 0L);
    dropped.put("pairs", 0L);
    JsonlWriter droppedOut = null;
    TrainingDataExporter out = TrainingDataExporter.open(exportFormat, output);
    try {
      Path droppedFile = output.resolve("decontaminated.jsonl");
      Files.deleteIfExists(droppedFile);
      if (decontaminator.isPresent()) {
        droppedOut = JsonlWriter.append(droppedFile);
      }
      if (in.sft() != null) {
        try (JsonlReader r = JsonlReader.open(in.sft())) {
          for (JsonlReader.Line line : r) {
            SftExample e = line.as(SftExample.class);
            Optional<Contamination> c = decontaminator.flatMap(
                d -> d.check(e.key().problemId(), e.prompt().flatten()));
            if (c.isPresent()) {
              droppedOut.write(new Dropped("sft", e.key().toString(), c.get()));
              dropped.merge("sft", 1L, Long::sum);
            } else {
              out.write(e);
            }
          }
        }
      }
      if (in.pairs() != null) {
        try (JsonlReader r = JsonlReader.open(in.pairs())) {
          for (JsonlReader.Line line : r) {
            PreferencePair p = line.as(PreferencePair.class);
            Optional<Contamination> c = decontaminator.flatMap(
                d -> d.check(p.chosenKey().problemId(), p.prompt().flatten()));
            if (c.isPresent()) {
              droppedOut.write(new Dropped("pair", p.chosenKey() + ">" + p.rejectedKey(), c.get()));
              dropped.merge("pairs", 1L, Long::sum);
            } else {
              out.write(p);
            }
          }
        }
      }
    } catch (InvalidInputException e) {
      throw new UsageException(e.getMessage());
    } catch (IOException e) {
      throw new UsageException("cannot write to " + output + ": " + e.getMessage());
    } finally {
      out.close();
      if (droppedOut != null) {
        droppedOut.close();
      }
    }
    ExportSummary summary = out.summary();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("format", summary.format().cliName());
    result.put("output", output.toString());
    List<String> files = new ArrayList<>(summary.files());
    if (decontaminator.isPresent()) {
      files.add("decontaminated.jsonl");
    }
    result.put("files", files);
    result.put("sft", summary.sft());
    result.put("pairs", summary.pairs());
    if (decontaminator.isPresent()) {
      result.put("ngram", ngram);
      result.put("decontaminated", dropped);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(Json.toLine(result));
    stdout.flush();
    return 0;
  }

  private record Inputs(Path sft, Path pairs) {}

  private Inputs inputs() {
    if (run != null && (sft != null || pairs != null)) {
      throw new UsageException("give --run or --sft/--pairs, not both");
    }
    if (run == null) {
      if (sft == null && pairs == null) {
        throw new UsageException("give --run DIR, or --sft FILE and/or --pairs FILE");
      }
      if (iteration != null) {
        throw new UsageException("--iteration needs --run");
      }
      for (Path p : new Path[] {sft, pairs}) {
        if (p != null && !Files.isRegularFile(p)) {
          throw new UsageException(p + ": no such file");
        }
      }
      return new Inputs(sft, pairs);
    }
    if (!Files.isDirectory(run)) {
      throw new UsageException(run + ": no such run folder");
    }
    Path iter;
    if (iteration != null) {
      if (iteration < 0) {
        throw new UsageException("--iteration must not be negative, was " + iteration);
      }
      iter = run.resolve("iter-" + iteration);
    } else {
      iter = lastIteration(run);
    }
    Path s = iter.resolve("sft.jsonl");
    Path p = iter.resolve("pairs.jsonl");
    boolean hasS = Files.isRegularFile(s);
    boolean hasP = Files.isRegularFile(p);
    if (!hasS && !hasP) {
      throw new UsageException(iter + ": no sft.jsonl or pairs.jsonl");
    }
    return new Inputs(hasS ? s : null, hasP ? p : null);
  }

  private static Path lastIteration(Path run) {
    int best = -1;
    try (Stream<Path> children = Files.list(run)) {
      for (Path c : (Iterable<Path>) children::iterator) {
        Matcher m = ITERATION.matcher(c.getFileName().toString());
        if (m.matches() && Files.isDirectory(c)
            && (Files.isRegularFile(c.resolve("sft.jsonl"))
                || Files.isRegularFile(c.resolve("pairs.jsonl")))) {
          best = Math.max(best, Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new UsageException(run + ": cannot list: " + e.getMessage());
    }
    if (best < 0) {
      throw new UsageException(run + ": no iteration with sft.jsonl or pairs.jsonl");
    }
    return run.resolve("iter-" + best);
  }

  private Optional<Decontaminator> decontaminator() {
    if (evaluation.isEmpty()) {
      return Optional.empty();
    }
    Decontaminator.Builder b = Decontaminator.builder().ngramSize(ngram);
    for (Path file : evaluation) {
      String name = file.getFileName().toString();
      String split = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
      try (JsonlReader r = JsonlReader.open(file)) {
        for (JsonlReader.Line line : r) {
          String text = line.json().path("question").asText("");
          if (text.isEmpty()) {
            text = line.json().path("problem").asText("");
          }
          if (text.isEmpty()) {
            throw new UsageException(line.where() + "no \"question\" or \"problem\" field");
          }
          String id = line.json().path("id").asText(Long.toString(line.number()));
          b.add(split, id, text);
        }
      } catch (InvalidInputException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return Optional.of(b.build());
  }
}
