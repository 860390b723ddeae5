package dev.siam4j.examples.cli;

import dev.siam4j.alignment.command.CommandTrainer;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Critic;
import dev.siam4j.core.Generator;
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
import dev.siam4j.core.openai.OpenAiGenerator;
import dev.siam4j.core.openai.SampleRequests;
import dev.siam4j.core.remote.Capacity;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.llm.LlmCritic;
import dev.siam4j.sandbox.PythonSandbox;
import dev.siam4j.sandbox.remote.HttpCodeExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *
 * <p>At scale, each stage runs on remote replicas instead: generation on OpenAI-compatible servers
 * ({@code --endpoint}, repeated), the LLM critic on others ({@code --critic-endpoint}), programs on
 * SandboxFusion ({@code --sandbox-url}) and training as an external command
 * ({@code --trainer-command}); the stages' concurrency follows the replicas' total capacity.
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

  @Option(names = "--model", paramLabel = "FILE.gguf",
      description = "The seed policy, run by llama.cpp in this JVM; with --endpoint, the seed weights the trainer starts from.")
  Path model;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "An OpenAI-compatible server's base URL (http://host:8000/v1) that generates instead of --model;"
          + " repeat for replicas.")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--api-model", paramLabel = "NAME", description = "The model name the --endpoint servers serve.")
  String apiModel;

  @Option(names = "--api-key-env", paramLabel = "VAR",
      description = "Environment variable holding the servers' API key (default: none sent).")
  String apiKeyEnv;

  @Option(names = "--endpoint-in-flight", paramLabel = "N",
      description = "Requests in flight per --endpoint or --critic-endpoint server (default 16).")
  int endpointInFlight = 16;

  @Option(names = "--sample-requests", paramLabel = "MODE",
      description = "ONE_PER_SAMPLE (default: works with every server) or ONE_PER_PROMPT (the k samples in one request"
          + " with n, for vLLM and SGLang).")
  SampleRequests sampleRequests = SampleRequests.ONE_PER_SAMPLE;

  @Option(names = "--critic-endpoint", paramLabel = "URL",
      description = "An OpenAI-compatible server for the LLM critic (implies --critic cascade); repeat for replicas.")
  List<String> criticEndpoints = new ArrayList<>();

  @Option(names = "--critic-api-model", paramLabel = "NAME",
      description = "The model name the critic servers serve (default --api-model).")
  String criticApiModel;

  @Option(names = "--sandbox-url", paramLabel = "URL",
      description = "A SandboxFusion service's base URL that runs the programs instead of the local sandbox;"
          + " repeat for replicas.")
  List<String> sandboxUrls = new ArrayList<>();

  @Option(names = "--sandbox-in-flight", paramLabel = "N",
      description = "Programs in flight per --sandbox-url service (default 16).")
  int sandboxInFlight = 16;

  @Option(names = "--trainer-command", paramLabel = "CMD",
      description = "Train with this command instead of in the JVM (arguments split at spaces, quotes kept together;"
          + " placeholders such as {sft}, {pairs}, {model}, {output}): e.g. 'sbatch --wait train.sh {pairs} {output}'.")
  String trainerCommand;

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

  @Option(names = "--parallel", paramLabel = "N", description = "llama.cpp parallel slots (default: --samples).")
  Integer parallel;

  @Option(names = "--workers", paramLabel = "N", description = "Sandbox workers (default: cores).")
  Integer workers;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = ExecCommand.DurationConverter.class,
      description = "Wall time per program (default 10s).")
  Duration timeout = Duration.ofSeconds(10);

  /** The critic {@code --critic} names. */
  enum CriticChoice {
    /** Rules with a sympy fallback. */
    rules,
    /** Rules, then an LLM critic. */
    cascade
  }

  @Option(names = "--critic", paramLabel = "rules|cascade",
      description = "rules (default): rules with a sympy fallback; cascade: rules, then an LLM critic.")
  CriticChoice critic;

  @Option(names = "--critic-model", paramLabel = "FILE.gguf",
      description = "The LLM critic's model for --critic cascade, run by llama.cpp in this JVM (default: the policy"
          + " model, or the --endpoint servers).")
  Path criticModel;

  @Option(names = "--no-train", description = "Stop after building training data.")
  boolean noTrain;

  @Option(names = "--algorithms", paramLabel = "A,B", split = ",",
      description = "Training plan per iteration, of ${COMPLETION-CANDIDATES} (default SFT,DPO_NLL).")
  List<Algorithm> algorithms = List.of(Algorithm.SFT, Algorithm.DPO_NLL);

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
    boolean remote = !endpoints.isEmpty();
    checkSources(remote);
    List<Endpoint> policyEndpoints = remote ? endpoints(endpoints, "--endpoint", endpointInFlight) : List.of();
    List<Endpoint> judgeEndpoints = endpoints(criticEndpoints, "--critic-endpoint", endpointInFlight);
    List<Endpoint> sandboxEndpoints = endpoints(sandboxUrls, "--sandbox-url", sandboxInFlight);
    LlamaCppOptions policyOptions = remote ? null : llamaOptions(model);
    CommandTrainer commandTrainer = noTrain || trainerCommand == null ? null : commandTrainer();
    String runName = model != null ? model.getFileName().toString().replaceFirst("\\.gguf$", "")
        : apiModel.replaceAll("[^A-Za-z0-9._-]", "_");
    Path run = runFolder != null ? runFolder : Path.of("runs", runName);
    // Everything opened here is closed here, last opened first: the critic's generator included.
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      CodeExecutor executor = sandboxEndpoints.isEmpty() ? localSandbox(opened) : remoteSandbox(sandboxEndpoints, opened);
      AnswerEquivalence rules = AnswerEquivalence.builder().symbolic(executor).build();
      OpenAiGenerator policy = remote ? remoteGenerator(policyEndpoints, apiModel, opened) : null;
      SelfImprovementLoop.Builder loop =
          SelfImprovementLoop.builder()
              .problems(ProblemFiles.open(problems, format))
              .executor(executor)
              .critic(critic(rules, judgeEndpoints, policyEndpoints, opened))
              .preferenceBuilder(PreferenceBuilders.paper())
              .samplesPerProblem(samples)
              .iterations(iterations)
              .seed(seed)
              .sampling(SamplingOptions.DEFAULT.withTemperature(temperature).withMaxTokens(maxTokens)
                  .withStop(List.of("```")))
              .runFolder(run)
              .listener(ProgressBar.stderr());
      concurrency(loop, policy, executor);
      if (problemsPerIteration != null) {
        loop.problemsPerIteration(problemsPerIteration);
      }
      if (noTrain) {
        if (remote) {
          loop.generator(policy);
        } else {
          loop.policy(Checkpoint.of(model), LlamaCpp.policyLoader(policyOptions));
        }
      } else {
        if (remote) {
          // The servers serve what the trainer command trained: it redeploys them before it exits.
          loop.policy(Checkpoint.of(model), checkpoint -> policy::generate);
        } else {
          loop.policy(Checkpoint.of(model), LlamaCpp.policyLoader(policyOptions));
        }
        loop.trainer(commandTrainer != null ? commandTrainer : DjlTrainer.create())
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
    } finally {
      closeAll(opened);
    }
  }

  private void checkSources(boolean remote) {
    if (remote && model == null && !noTrain) {
      throw new UsageException("training with --endpoint needs --model FILE.gguf, the seed weights the trainer"
          + " starts from, and --trainer-command; or --no-train");
    }
    if (remote && !noTrain && trainerCommand == null) {
      throw new UsageException("training with --endpoint needs --trainer-command (a job that trains and redeploys"
          + " the servers); or --no-train");
    }
    if (remote && model != null && !Files.isRegularFile(model)) {
      throw new UsageException(model + ": no such model file");
    }
    if (!remote && model == null) {
      throw new UsageException("--model FILE.gguf or --endpoint URL is required");
    }
    if (remote && (apiModel == null || apiModel.isBlank())) {
      throw new UsageException("--endpoint needs --api-model NAME, the model the servers serve");
    }
    if (!remote && apiModel != null) {
      throw new UsageException("--api-model applies to --endpoint servers only");
    }
    if (noTrain && trainerCommand != null) {
      throw new UsageException("--trainer-command and --no-train exclude each other");
    }
    if (endpointInFlight <= 0) {
      throw new UsageException("--endpoint-in-flight must be positive, was " + endpointInFlight);
    }
    if (sandboxInFlight <= 0) {
      throw new UsageException("--sandbox-in-flight must be positive, was " + sandboxInFlight);
    }
    if (parallel != null && parallel <= 0) {
      throw new UsageException("--parallel must be positive, was " + parallel);
    }
    if (!criticEndpoints.isEmpty() && critic == CriticChoice.rules) {
      throw new UsageException("--critic-endpoint needs --critic cascade (the endpoints are the LLM critic)");
    }
  }

  private List<Endpoint> endpoints(List<String> urls, String flag, int inFlight) {
    String key = apiKey();
    List<Endpoint> out = new ArrayList<>();
    for (String url : urls) {
      Endpoint e;
      try {
        e = Endpoint.of(url, inFlight);
      } catch (IllegalArgumentException ex) {
        throw new UsageException(flag + " '" + url + "': " + ex.getMessage());
      }
      if (out.stream().anyMatch(o -> o.baseUri().equals(e.baseUri()))) {
        throw new UsageException(flag + " " + url + " is given twice");
      }
      out.add(key != null && !flag.equals("--sandbox-url") ? e.withApiKey(key) : e);
    }
    return out;
  }

  private String apiKey() {
    if (apiKeyEnv == null) {
      return null;
    }
    String key = System.getenv(apiKeyEnv);
    if (key == null || key.isBlank()) {
      throw new UsageException("--api-key-env " + apiKeyEnv + ": the environment variable is not set");
    }
    return key;
  }

  private OpenAiGenerator remoteGenerator(List<Endpoint> at, String name, Deque<AutoCloseable> opened) {
    OpenAiGenerator g = OpenAiGenerator.builder().endpoints(at).model(name).sampleRequests(sampleRequests).build();
    opened.push(g);
    return g;
  }

  private CodeExecutor localSandbox(Deque<AutoCloseable> opened) {
    PythonSandbox.Builder sb = PythonSandbox.builder().wallTime(timeout);
    if (workers != null) {
      sb.workers(workers);
    }
    PythonSandbox sandbox = sb.build();
    opened.push(sandbox);
    return sandbox;
  }

  private CodeExecutor remoteSandbox(List<Endpoint> at, Deque<AutoCloseable> opened) {
    HttpCodeExecutor.Builder b = HttpCodeExecutor.builder().runTimeout(timeout);
    at.forEach(b::endpoint);
    HttpCodeExecutor sandbox = b.build();
    opened.push(sandbox);
    return sandbox;
  }

  /**
   * Each stage keeps its components busy ({@link Capacity#problemsInFlight}): from a remote
   * component's capacity and the calls one problem makes (k samples, k programs); the local sandbox
   * works on two problems at once.
   */
  private void concurrency(SelfImprovementLoop.Builder loop, OpenAiGenerator policy, CodeExecutor executor) {
    if (policy != null) {
      int calls = sampleRequests == SampleRequests.ONE_PER_PROMPT ? 1 : samples;
      loop.concurrency(Stage.GENERATE, problemsInFlight(policy.capacity(), calls));
    }
    loop.concurrency(Stage.EXECUTE,
        executor instanceof Capacity c ? problemsInFlight(c.capacity(), samples) : 2);
    if (judgeCapacity > 0) {
      loop.concurrency(Stage.CRITIQUE, problemsInFlight(judgeCapacity, samples));
    }
  }

  /** @return problems to work on at once so that {@code capacity} calls stay in flight */
  static int problemsInFlight(int capacity, int callsPerProblem) {
    return Capacity.problemsInFlight(capacity, callsPerProblem);
  }

  private CommandTrainer commandTrainer() {
    List<String> args = splitCommand(trainerCommand);
    if (args.isEmpty()) {
      throw new UsageException("--trainer-command is empty");
    }
    try {
      return CommandTrainer.builder().command(args).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--trainer-command: " + e.getMessage());
    }
  }

  /** Splits at unquoted spaces; single or double quotes keep an argument together (no other shell syntax). */
  static List<String> splitCommand(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder arg = new StringBuilder();
    boolean inArg = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          arg.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          out.add(arg.toString());
          arg.setLength(0);
          inArg = false;
        }
      } else {
        arg.append(c);
        inArg = true;
      }
    }
    if (quote != 0) {
      throw new UsageException("--trainer-command has an unclosed " + quote + " quote: " + command);
    }
    if (inArg) {
      out.add(arg.toString());
    }
    return out;
  }

  private static void closeAll(Deque<AutoCloseable> opened) throws Exception {
    Exception first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private Algorithm[] plan() {
    if (algorithms.isEmpty()) {
      throw new UsageException("--algorithms names no algorithm");
    }
    return algorithms.toArray(Algorithm[]::new);
  }

  private LlamaCppOptions llamaOptions(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(file + ": no such model file");
    }
    try {
      LlamaCppOptions.Builder b =
          LlamaCppOptions.builder(file).contextSize(context).parallelSlots(parallel != null ? parallel : samples)
              .gpuLayers(gpu());
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

  private int judgeCapacity;

  private Critic critic(AnswerEquivalence rules, List<Endpoint> judgeEndpoints, List<Endpoint> policyEndpoints,
      Deque<AutoCloseable> opened) {
    CriticChoice choice = critic != null ? critic : judgeEndpoints.isEmpty() ? CriticChoice.rules : CriticChoice.cascade;
    if (choice == CriticChoice.rules) {
      return Critics.rules(rules);
    }
    // The judge: --critic-endpoint servers, else a --critic-model file, else the policy's servers or file.
    Generator judge;
    if (!judgeEndpoints.isEmpty() || (criticModel == null && !policyEndpoints.isEmpty())) {
      String name = criticApiModel != null ? criticApiModel : apiModel;
      if (name == null) {
        throw new UsageException("--critic-endpoint needs --critic-api-model NAME (or --api-model)");
      }
      OpenAiGenerator g = remoteGenerator(judgeEndpoints.isEmpty() ? policyEndpoints : judgeEndpoints, name, opened);
      judgeCapacity = g.capacity();
      judge = g;
    } else {
      LlamaCppGenerator local = LlamaCppGenerator.open(llamaOptions(criticModel != null ? criticModel : model));
      opened.push(local);
      judge = local;
    }
    return Critics.cascade(rules, LlmCritic.builder().generator(judge).build());
  }
}
