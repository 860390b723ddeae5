/**
 * A {@link dev.siam4j.core.Generator} over OpenAI-compatible {@code chat/completions} servers (vLLM,
 * SGLang, llama.cpp's {@code llama-server}, hosted APIs): many replicas behind one generator,
 * balanced and failed over by {@link dev.siam4j.core.remote.EndpointPool}.
 */
package dev.siam4j.core.openai;
