package dev.siam4j.sandbox;

import dev.siam4j.core.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One program of the hostile corpus under {@code src/test/resources/dev/siam4j/sandbox/hostile}:
 * its source with {@code {{PLACEHOLDERS}}} and what its header comment lines promise.
 *
 * <p>Header lines come first, each {@code # key: value}: {@code hostile} (what it attempts),
 * {@code covers} (which class of hole), {@code expect} (the outcomes that each prove containment,
 * {@code |}-separated), optional {@code reuse} (likewise, for reuse mode; absent: not run there),
 * {@code stdout-lacks} and {@code stdout-has} (repeatable text checks), {@code answer} (the exact
 * answer), {@code answer-max} (the answer is an integer at most this), {@code exit} (the exit
 * code) and {@code diag-has} (stderr or the error's type and message hold one of these
 * {@code |}-separated texts, ignoring case).
 *
 * @param name the file name, such as {@code 01-fs-mountinfo.py}
 * @param source the source with its placeholders
 * @param description the {@code hostile} line
 * @param covers the {@code covers} line
 * @param expected outcomes that prove containment
 * @param reuseExpected outcomes that prove containment in reuse mode; empty when not run there
 * @param stdoutLacks texts that stdout must not hold
 * @param stdoutHas texts that stdout must hold
 * @param answer the exact answer, when given
 * @param answerMax the largest integer answer, when given
 * @param exitCode the exit code, when given
 * @param diagnosticHas texts, one of which stderr or the error must hold, when given
 */
record HostileCorpusProgram(
    String name,
    String source,
    String description,
    String covers,
    Set<Outcome> expected,
    Set<Outcome> reuseExpected,
    List<String> stdoutLacks,
    List<String> stdoutHas,
    Optional<String> answer,
    OptionalInt answerMax,
    OptionalInt exitCode,
    Optional<String> diagnosticHas) {

  /** The corpus folder on the test class path. */
  static final String FOLDER = "/dev/siam4j/sandbox/hostile";

  HostileCorpusProgram {
    Objects.requireNonNull(name, "name");
    if (!source.contains("{{MARKER}}")) {
      throw new IllegalArgumentException(name + ": the source must hold the literal {{MARKER}}");
    }
    if (expected.isEmpty()) {
      throw new IllegalArgumentException(name + ": the header has no 'expect' line");
    }
    if (expected.contains(Outcome.SANDBOX_FAILURE) || reuseExpected.contains(Outcome.SANDBOX_FAILURE)) {
      throw new IllegalArgumentException(name + ": no program may expect SANDBOX_FAILURE");
    }
    expected = Set.copyOf(expected);
    reuseExpected = Set.copyOf(reuseExpected);
    stdoutLacks = List.copyOf(stdoutLacks);
    stdoutHas = List.copyOf(stdoutHas);
  }

  /** @return every corpus program, sorted by file name (the order programs run in) */
  static List<HostileCorpusProgram> all() {
    try (Stream<Path> files = Files.list(folder())) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".py"))
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .sorted()
          .map(HostileCorpusProgram::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the hostile corpus", e);
    }
  }

  /** @return the source of a helper program of the corpus folder, such as {@code _checker.py} */
  static String helper(String fileName) {
    try {
      return Files.readString(folder().resolve(fileName), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + " of the hostile corpus", e);
    }
  }

  /** @return the source with every placeholder replaced; fails on a placeholder left unknown */
  static String substitute(String name, String source, Map<String, String> values) {
    String out = source;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("{{" + e.getKey() + "}}", e.getValue());
    }
    int left = out.indexOf("{{");
    if (left >= 0) {
      throw new IllegalArgumentException(name + ": unknown placeholder "
          + out.substring(left, Math.min(out.length(), out.indexOf("}}", left) + 2)));
    }
    return out;
  }

  static HostileCorpusProgram read(Path file) {
    String name = file.getFileName().toString();
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(name, source);
  }

  static HostileCorpusProgram parse(String name, String source) {
    String description = null;
    String covers = null;
    Set<Outcome> expected = EnumSet.noneOf(Outcome.class);
    Set<Outcome> reuse = EnumSet.noneOf(Outcome.class);
    List<String> lacks = new ArrayList<>();
    List<String> has = new ArrayList<>();
    Optional<String> answer = Optional.empty();
    OptionalInt answerMax = OptionalInt.empty();
    OptionalInt exit = OptionalInt.empty();
    Optional<String> diagnostic = Optional.empty();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length && lines[i].startsWith("# "); i++) {
      String line = lines[i].substring(2);
      int colon = line.indexOf(": ");
      if (colon < 0) {
        throw new IllegalArgumentException(name + ", line " + (i + 1) + ": a header line is '# key: value'");
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 2).strip();
      String where = name + ", line " + (i + 1);
      switch (key) {
        case "hostile" -> description = value;
        case "covers" -> covers = value;
        case "expect" -> expected.addAll(outcomes(value, where));
        case "reuse" -> reuse.addAll(outcomes(value, where));
        case "stdout-lacks" -> lacks.add(value);
        case "stdout-has" -> has.add(value);
        case "answer" -> answer = Optional.of(value);
        case "answer-max" -> answerMax = OptionalInt.of(integer(value, where));
        case "exit" -> exit = OptionalInt.of(integer(value, where));
        case "diag-has" -> diagnostic = Optional.of(value);
        default -> throw new IllegalArgumentException(where + ": unknown header key '" + key + "'");
      }
    }
    if (description == null || covers == null) {
      throw new IllegalArgumentException(name + ": the header needs 'hostile' and 'covers' lines");
    }
    return new HostileCorpusProgram(name, source, description, covers, expected, reuse, lacks, has,
        answer, answerMax, exit, diagnostic);
  }

  private static Set<Outcome> outcomes(String value, String where) {
    Set<Outcome> out = EnumSet.noneOf(Outcome.class);
    for (String part : value.split("\\|")) {
      try {
        out.add(Outcome.valueOf(part.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": '" + part + "' is not an Outcome", e);
      }
    }
    return out;
  }

  private static int integer(String value, String where) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + value + "' is not an integer", e);
    }
  }

  private static Path folder() {
    try {
      return Path.of(Objects.requireNonNull(HostileCorpusProgram.class.getResource(FOLDER),
          "the hostile corpus is missing from the test class path").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
