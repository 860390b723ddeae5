package dev.siam4j.alignment.train.internal;

import java.util.Objects;

/**
 * A prompt and completion as token ids: {@code tokens[0 .. promptLength)} is the context (BOS
 * included), the rest is the completion whose log-probability is scored and trained.
 *
 * @param tokens all token ids
 * @param promptLength how many leading tokens are context, at least 1
 */
public record EncodedSequence(int[] tokens, int promptLength) {

  /** Validates and copies. */
  public EncodedSequence {
    tokens = Objects.requireNonNull(tokens, "tokens").clone();
    if (promptLength < 1 || promptLength >= tokens.length) {
      throw new IllegalArgumentException(
          "need at least one context and one completion token; got "
              + promptLength
              + " of "
              + tokens.length);
    }
  }

  /** @return the token ids (a copy) */
  @Override
  public int[] tokens() {
    return tokens.clone();
  }

  /** @return the number of tokens */
  public int length() {
    return tokens.length;
  }

  /** @return completion tokens */
  public int completionLength() {
    return tokens.length - promptLength;
  }

  int token(int i) {
    return tokens[i];
  }
}
