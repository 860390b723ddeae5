package dev.siam4j.examples.cli;

import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.Critic;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlWriter;
import dev.siam4j.core.llama.GpuLayers;
import dev.siam4j.core.llama.LlamaCpp;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.core.loop.IterationMetrics;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.llm.LlmCritic;
import dev.siam4j.sandbox.PythonSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code siam4j run}: the self-improvement loop on a GGUF model and a problem file, with the
 * defaults of every stage: llama.cpp generation, the Python sandbox, the rules-first critic, the
 * paper's training data and in-JVM training. Writes the run folder and one JSON line of metrics per
 * iteration.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the self-improvement loop on a model and problems: generate, execute, critique,",
      "build data, train; resumes an interrupted run in the same folder.",
      "Writes one JSON line of metrics per iteration to stdout (or --output)."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE.gguf", description = "The seed policy.")
  Path model;

  @Option(names = "--problems", required = true, paramLabel = "FILE", description = "Problems, JSONL.")
  Path problems;

  @Option(names = "--format", paramLabel = "NAME", description = "plain (default), gsm8k or math.")
  String format = "plain";

  @Option(names = "--run", paramLabel = "DIR", description = "Run folder (default runs/<model name>).")
  Path runFolder;

  @Option(names = "--iterations", paramLabel = "N", description = "Iterations (default 1).")
  int iterations = 1;

  @Option(names = "--problems-per-iteration", paramLabel = "N",
      description = "Problems each iteration works on: the next N after the last iteration's, starting over after the"
          + " last problem (default: every problem, every iteration).")
  Integer problemsPerIteration;

  @Option(names = "--samples", paramLabel = "K", description = "Programs per problem (default 5).")
  int samples = 5;

  @Option(names = "--seed", paramLabel = "N", description = "Base seed (default 0).")
  long seed;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (default 0.7).")
  double temperature = SamplingOptions.DEFAULT.temperature();

  @Option(names = "--max-tokens", paramLabel = "N", description = "Tokens per program (default 512).")
  int maxTokens = SamplingOptions.DEFAULT.maxTokens();

  @Option(names = "--threads", paramLabel = "N", description = "llama.cpp threads.")
  Integer threads;

  @Option(names = "--context", paramLabel = "N", description = "llama.cpp context size (default 4096).")
  int context = 4096;

  @Option(names = "--gpu-layers", paramLabel = "auto|all|none|N",
      description = "Layers offloaded to a GPU (default auto: all where the natives support it).")
  String gpuLayers = "auto";

  @Option(names = "--parallel", paramLabel = "N", description = "llama.cpp parallel slots (default 1).")
  int parallel = 1;

  @Option(names = "--workers", paramLabel = "N", description = "Sandbox workers (default: cores).")
  Integer workers;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = ExecCommand.DurationConverter.class,
      description = "Wall time per program (default 10s).")
  Duration timeout = Duration.ofSeconds(10);

  @Option(names = "--critic", paramLabel = "rules|cascade",
      description = "rules (default): rules with a sympy fallback; cascade: rules, then an LLM critic.")
  String critic = "rules";

  @Option(names = "--critic-model", paramLabel = "FILE.gguf",
      description = "The LLM critic's model for --critic cascade (default: the policy model).")
  Path criticModel;

  @Option(names = "--no-train", description = "Stop after building training data.")
  boolean noTrain;

  @Option(names = "--algorithms", paramLabel = "A,B", split = ",",
      description = "Training plan per iteration (default SFT,DPO_NLL).")
  List<String> algorithms = List.of("SFT", "DPO_NLL");

  @Mixin TrainingFlags training;

  @Option(names = "--preference-learning-rate", paramLabel = "X",
      description = "Peak learning rate of the plan's preference steps (every algorithm but SFT; default --learning-rate).")
  Double preferenceLearningRate;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the metrics lines here.")
  Path output;

  @Override
  public Integer call() throws Exception {
    Algorithm[] plan = plan();
    if (problemsPerIteration != null && problemsPerIteration <= 0) {
      throw new UsageException("--problems-per-iteration must be positive, was " + problemsPerIteration);
    }
    var trainingOptions = training.options(seed);
    if (preferenceLearningRate != null && !(preferenceLearningRate > 0 && !preferenceLearningRate.isInfinite())) {
      throw new UsageException("--preference-learning-rate must be a positive number, was " + preferenceLearningRate);
    }
    LlamaCppOptions policyOptions = llamaOptions(model);
    Path run = runFolder != null ? runFolder : Path.of("runs", model.getFileName().toString().replaceFirst("\\.gguf$", ""));
    PythonSandbox.Builder sb = PythonSandbox.builder().wallTime(timeout);
    if (workers != null) {
      sb.workers(workers);
    }
    try (PythonSandbox sandbox = sb.build()) {
      AnswerEquivalence rules = AnswerEquivalence.builder().symbolic(sandbox).build();
      SelfImprovementLoop.Builder loop =
          SelfImprovementLoop.builder()
              .problems(ProblemFiles.open(problems, format))
              .policy(Checkpoint.of(model), LlamaCpp.policyLoader(policyOptions))
              .executor(sandbox)
              .critic(critic(rules))
              .preferenceBuilder(PreferenceBuilders.paper())
              .samplesPerProblem(samples)
              .iterations(iterations)
              .seed(seed)
              .sampling(SamplingOptions.DEFAULT.withTemperature(temperature).withMaxTokens(maxTokens)
                  .withStop(List.of("```")))
              .concurrency(Stage.EXECUTE, 2)
              .runFolder(run)
              .listener(ProgressBar.stderr());
      if (problemsPerIteration != null) {
        loop.problemsPerIteration(problemsPerIteration);
      }
      if (!noTrain) {
        loop.trainer(DjlTrainer.create())
            .trainingPlan(plan)
            .trainingOptions(trainingOptions);
        if (preferenceLearningRate != null) {
          for (Algorithm a : EnumSet.copyOf(List.of(plan))) {
            if (a.usesPairs()) {
              loop.trainingOptions(a, trainingOptions.withLearningRate(preferenceLearningRate));
            }
          }
        }
      }
      LoopResult result;
      try {
        result = loop.build().run();
      } catch (InvalidInputException e) {
        throw ProblemFiles.asUsage(e);
      }
      if (output != null) {
        try (JsonlWriter out = JsonlWriter.append(output)) {
          result.iterations().forEach(out::write);
        }
      } else {
        for (IterationMetrics m : result.iterations()) {
          spec.commandLine().getOut().println(Json.toLine(m));
        }
      }
      spec.commandLine().getErr().println(
          "siam4j run: " + result.iterations().size() + " iteration(s) in " + run
              + result.finalCheckpoint().map(c -> "; final policy " + c.model()
                  + c.adapter().map(a -> " + " + a).orElse("")).orElse(""));
      return 0;
    }
  }

  private Algorithm[] plan() {
    List<Algorithm> out = new ArrayList<>();
    for (String a : algorithms) {
      try {
        out.add(Algorithm.valueOf(a.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("unknown algorithm '" + a + "' in --algorithms; expected some of "
            + java.util.Arrays.toString(Algorithm.values()));
      }
    }
    if (out.isEmpty()) {
      throw new UsageException("--algorithms names no algorithm");
    }
    return out.toArray(Algorithm[]::new);
  }

  private LlamaCppOptions llamaOptions(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(file + ": no such model file");
    }
    try {
      LlamaCppOptions.Builder b =
          LlamaCppOptions.builder(file).contextSize(context).parallelSlots(parallel).gpuLayers(gpu());
      if (threads != null) {
        b.threads(threads);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private GpuLayers gpu() {
    return switch (gpuLayers.toLowerCase(Locale.ROOT)) {
      case "auto" -> GpuLayers.auto();
      case "all" -> GpuLayers.all();
      case "none" -> GpuLayers.none();
      default -> {
        try {
          yield GpuLayers.of(Integer.parseInt(gpuLayers));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--gpu-layers takes auto, all, none or a number, not '" + gpuLayers + "'");
        }
      }
    };
  }

  private Critic critic(AnswerEquivalence rules) {
    return switch (critic.toLowerCase(Locale.ROOT)) {
      case "rules" -> Critics.rules(rules);
      case "cascade" -> {
        LlamaCppGenerator judge = LlamaCppGenerator.open(llamaOptions(criticModel != null ? criticModel : model));
        yield Critics.cascade(rules, LlmCritic.builder().generator(judge).build());
      }
      default -> throw new UsageException("--critic takes rules or cascade, not '" + critic + "'");
    };
  }
}
