package dev.siam4j.alignment.command;

/**
 * Receives an external trainer's log, line by line, as it is written. Must be fast; an exception it
 * throws is logged and ignored, never breaking the training.
 */
@FunctionalInterface
public interface TrainingLogListener {

  /** Ignores every line. */
  TrainingLogListener NONE = line -> {};

  /**
   * @param line one line of the command's standard output or error, without its line break
   */
  void onLine(String line);
}
