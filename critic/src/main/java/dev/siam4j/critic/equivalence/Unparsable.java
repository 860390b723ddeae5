package dev.siam4j.critic.equivalence;

/** Thrown inside the rules when text cannot be read as an answer; never escapes the package. */
final class Unparsable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Unparsable(String message) {
    super(message, null, false, false);
  }
}
