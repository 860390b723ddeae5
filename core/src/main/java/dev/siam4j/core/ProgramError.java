package dev.siam4j.core;

import java.util.Objects;

/**
 * The exception a failed program raised.
 *
 * @param type the exception type ("ZeroDivisionError")
 * @param message its message, possibly empty
 * @param line the line of the program where it was raised, 0 when unknown
 */
public record ProgramError(String type, String message, int line) {

  /**
   * Validates.
   *
   * @param type the exception type, not null
   * @param message the message, not null, possibly empty
   * @param line the line, 0 when unknown
   */
  public ProgramError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }
}
