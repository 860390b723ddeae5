package dev.siam4j.core.testing;

import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.core.openai.OpenAiGenerator;
import dev.siam4j.core.remote.Endpoint;
import dev.siam4j.core.remote.RemotePolicy;
import dev.siam4j.core.SamplingOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The toy loop with generation on remote OpenAI-compatible servers, in its own JVM, for tests that
 * kill it with SIGKILL mid-generation and resume. Arguments: run folder, problems, then the
 * servers' base URLs.
 */
public final class RemoteLoopMain {
  /** Samples per problem. */
  public static final int SAMPLES = 4;

  private RemoteLoopMain() {}

  /**
   * @param servers the OpenAI base URLs
   * @return a generator over them: 2 requests in flight each, quick probes
   */
  public static OpenAiGenerator generator(List<URI> servers) {
    OpenAiGenerator.Builder b = OpenAiGenerator.builder()
        .model("tiny")
        .policy(RemotePolicy.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(50))
            .withProbeInterval(Duration.ofMillis(50)));
    servers.forEach(u -> b.endpoint(Endpoint.of(u, 2)));
    return b.build();
  }

  /**
   * The loop: toy problems, the remote generator, the toy executor, critic and data builder, no
   * training; generation concurrency follows the generator's capacity.
   *
   * @param runFolder the run folder
   * @param problems how many problems
   * @param generator the remote generator; stays the caller's
   * @return the loop
   */
  public static SelfImprovementLoop loop(Path runFolder, int problems, OpenAiGenerator generator) {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(problems))
        .generator(generator)
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .preferenceBuilder(ToyWorld.preferenceBuilder())
        .samplesPerProblem(SAMPLES)
        .sampling(SamplingOptions.DEFAULT.withMaxTokens(12))
        .iterations(1)
        .seed(11)
        .concurrency(Stage.GENERATE, dev.siam4j.core.remote.Capacity.problemsInFlight(generator.capacity(), SAMPLES))
        .runFolder(runFolder)
        .build();
  }

  /** Entry point: {@code RemoteLoopMain RUN_FOLDER PROBLEMS URL...}. */
  public static void main(String[] args) {
    List<URI> servers = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      servers.add(URI.create(args[i]));
    }
    try (OpenAiGenerator generator = generator(servers)) {
      loop(Path.of(args[0]), Integer.parseInt(args[1]), generator).run();
    }
    System.exit(0);
  }
}
