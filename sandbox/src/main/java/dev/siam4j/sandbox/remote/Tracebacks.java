package dev.siam4j.sandbox.remote;

import dev.siam4j.core.ProgramError;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Python traceback from stderr text: the exception's type, message and line. */
final class Tracebacks {
  private static final Pattern FRAME = Pattern.compile("^\\s*File \"([^\"]*)\", line (\\d+)");
  private static final Pattern EXCEPTION =
      Pattern.compile("^([A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Iteration)?)(?::\\s?(.*))?$");

  private Tracebacks() {}

  /**
   * @param stderr what a failed Python program printed to standard error
   * @return the last exception of its last traceback; the line is that of the innermost frame
   *     outside the standard library and site-packages, 0 when none
   */
  static Optional<ProgramError> parse(String stderr) {
    int start = stderr.lastIndexOf("Traceback (most recent call last):");
    if (start < 0) {
      return Optional.empty();
    }
    String[] lines = stderr.substring(start).split("\n");
    int line = 0;
    for (String l : lines) {
      Matcher f = FRAME.matcher(l);
      if (f.find() && !isLibrary(f.group(1))) {
        line = Integer.parseInt(f.group(2));
      }
    }
    // the exception line is the last unindented line
    for (int i = lines.length - 1; i > 0; i--) {
      String l = lines[i].stripTrailing();
      if (l.isEmpty() || Character.isWhitespace(l.charAt(0))) {
        continue;
      }
      Matcher m = EXCEPTION.matcher(l);
      if (m.matches()) {
        String type = m.group(1);
        type = type.substring(type.lastIndexOf('.') + 1);
        return Optional.of(new ProgramError(type, m.group(2) == null ? "" : m.group(2), line));
      }
      break;
    }
    return Optional.empty();
  }

  private static boolean isLibrary(String file) {
    return file.contains("/site-packages/") || file.contains("/lib/python")
        || file.startsWith("<frozen");
  }
}
