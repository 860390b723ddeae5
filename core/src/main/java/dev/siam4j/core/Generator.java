package dev.siam4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes completions of a prompt: the policy model. The default is llama.cpp in process; any
 * LangChain4j {@code ChatModel} (an OpenAI-compatible server) also serves.
 *
 * <p>Implementations are thread-safe. One that holds native memory or connections is also
 * {@link AutoCloseable}, and whoever created it closes it.
 */
@FunctionalInterface
public interface Generator {

  /**
   * Samples {@link GenerationRequest#samples()} completions of the request's prompt.
   *
   * @param request prompt, sample count, sampling options and seed
   * @return exactly {@code request.samples()} completions, in sample order
   * @throws GenerationFailedException when the backend fails
   */
  List<Completion> generate(GenerationRequest request);

  /**
   * Serves several requests; the default runs them one after another. Backends that batch
   * override it.
   *
   * @param requests the requests
   * @return one list of completions per request, in request order
   */
  default List<List<Completion>> generateAll(List<GenerationRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    List<List<Completion>> out = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      out.add(generate(r));
    }
    return out;
  }
}
