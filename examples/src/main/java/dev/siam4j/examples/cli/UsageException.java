package dev.siam4j.examples.cli;

/** Misuse of the command line that picocli's parser cannot see (a missing file, a bad field). */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message one line naming the problem */
  public UsageException(String message) {
    super(message);
  }
}
