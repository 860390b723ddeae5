package dev.siam4j.core.openai;

/** How an {@link OpenAiGenerator} asks a server for the k samples of one prompt. */
public enum SampleRequests {
  /**
   * One request per sample, each with the sample's own seed
   * ({@link dev.siam4j.core.GenerationRequest#sampleSeed(int)}): works with every server
   * (llama-server accepts only {@code n = 1}), and the k requests may go to different replicas.
   */
  ONE_PER_SAMPLE,
  /**
   * One request with {@code n = k} and the request's base seed (its low 31 bits), from which the server derives the
   * k samples' streams: vLLM and SGLang then share the prompt's work between the samples. Sample i
   * is the reply's choice i. A server that answers with fewer choices is an error that names this
   * option.
   */
  ONE_PER_PROMPT
}
