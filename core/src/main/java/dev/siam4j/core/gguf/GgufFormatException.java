package dev.siam4j.core.gguf;

import dev.siam4j.core.InvalidInputException;

/**
 * A GGUF file that cannot be read: bad magic or version, truncated, an absurd count or size, or
 * misaligned tensor data. The message names the file and the byte offset of the fault.
 */
public final class GgufFormatException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** The byte offset of the fault, or -1 when it has none. */
  private final long offset;

  /**
   * @param message what is wrong, naming the file and offset
   * @param offset the byte offset of the fault, or -1 when it has none
   * @param cause the underlying failure, possibly {@code null}
   */
  public GgufFormatException(String message, long offset, Throwable cause) {
    super(message, cause);
    this.offset = offset;
  }

  /** @return the byte offset of the fault in the file, or -1 when the fault has no offset */
  public long offset() {
    return offset;
  }
}
