package dev.siam4j.core.problems;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Ready {@link JsonlProblemSource}s for the public formats. Each fails at the first bad line; derive
 * a skipping one with {@code toBuilder().onBadLine(OnBadLine.SKIP).build()}.
 */
public final class ProblemSources {
  private ProblemSources() {}

  /**
   * @param file the JSONL file
   * @return GSM8K problems ({@link ProblemFormats#gsm8k()}), source name {@code gsm8k}
   */
  public static JsonlProblemSource gsm8k(Path file) {
    return JsonlProblemSource.builder(file).format(ProblemFormats.gsm8k()).source("gsm8k").build();
  }

  /**
   * @param file the JSONL file
   * @return MATH or MATH-500 problems ({@link ProblemFormats#math()}), source name {@code math}
   */
  public static JsonlProblemSource math(Path file) {
    return JsonlProblemSource.builder(file).format(ProblemFormats.math()).source("math").build();
  }

  /**
   * @param file the JSONL file
   * @return problems in the plain form ({@link ProblemFormats#plain()}), source name the file name
   *     without extension
   */
  public static JsonlProblemSource plain(Path file) {
    return JsonlProblemSource.builder(file).format(ProblemFormats.plain()).build();
  }

  /**
   * @param file the JSONL file
   * @param mapping which fields hold what
   * @return problems whose fields {@code mapping} names, source name the file name stem
   */
  public static JsonlProblemSource jsonl(Path file, FieldMapping mapping) {
    Objects.requireNonNull(mapping, "mapping");
    return JsonlProblemSource.builder(file).fields(mapping).build();
  }
}
