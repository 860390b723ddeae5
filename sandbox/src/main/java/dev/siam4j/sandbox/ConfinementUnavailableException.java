package dev.siam4j.sandbox;

import dev.siam4j.core.ExecutionFailedException;

/**
 * Thrown when building a {@link Confinement#CONFINED} sandbox on a host that cannot confine its
 * programs. The message names what is missing and how to provide it; running unconfined instead
 * is {@link PythonSandbox.Builder#confinement(Confinement)} with {@link Confinement#UNCONFINED}.
 */
public final class ConfinementUnavailableException extends ExecutionFailedException {
  private static final long serialVersionUID = 1L;

  /** @param message what is missing and how to fix it */
  public ConfinementUnavailableException(String message) {
    super(message);
  }

  /**
   * @param message what is missing and how to fix it
   * @param cause the underlying failure
   */
  public ConfinementUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
