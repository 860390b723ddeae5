package dev.siam4j.core.extraction;

import java.util.Objects;

/**
 * Standard {@link CodeExtractor}s. All are stateless and thread-safe, return the program with
 * common indentation removed, blank edges trimmed and one final line feed, and return empty when
 * the text holds no code (or only comments).
 *
 * <p>What they recognise:
 *
 * <ul>
 *   <li>fenced blocks opened by {@code ```python}, {@code ```py}, {@code ```python3} or a bare
 *       {@code ```}; blocks in other languages ({@code ```output}, {@code ```text}) are passed
 *       over; a block the model left open at the end counts;
 *   <li>the <em>continuation</em>: text that starts with code and ends it with a bare closing fence,
 *       as a model writes when the prompt itself ended with an opening {@code ```python} fence (as
 *       the default prompts of {@code dev.siam4j.core.prompts} do);
 *   <li>with the unfenced fallback, text without any fence: the run of Python-looking lines it
 *       starts with (prose after it is dropped), as a model writes when the generator stopped at
 *       the closing fence;
 *   <li>what a model appends as if it had run the program is dropped: trailing {@code >>>} lines, an
 *       {@code Output:} section, and the outputs of a REPL transcript ({@code >>> } statements are
 *       kept without their prompts).
 * </ul>
 */
public final class CodeExtractors {
  private static final CodeExtractor DEFAULT = new FencedCodeExtractor(BlockPolicy.LAST, true, true);

  private CodeExtractors() {}

  /**
   * The default: the continuation when the text starts with one, else the last fenced Python
   * block, else (no fence at all) the Python-looking lines the text starts with.
   *
   * @return the default extractor
   */
  public static CodeExtractor defaultExtractor() {
    return DEFAULT;
  }

  /**
   * The same as {@link #defaultExtractor()}, under its earlier name.
   *
   * @return the default extractor
   */
  public static CodeExtractor lastFencedBlock() {
    return DEFAULT;
  }

  /**
   * Fenced blocks chosen by {@code policy}, the continuation counting as the first block, with the
   * unfenced fallback for text without any fence.
   *
   * @param policy which block, or all
   * @return the extractor
   */
  public static CodeExtractor fenced(BlockPolicy policy) {
    return new FencedCodeExtractor(Objects.requireNonNull(policy, "policy"), false, true);
  }

  /**
   * Like {@link #fenced(BlockPolicy)} but without the unfenced fallback: text without a fence gives
   * no program.
   *
   * @param policy which block, or all
   * @return the extractor
   */
  public static CodeExtractor fencedOnly(BlockPolicy policy) {
    return new FencedCodeExtractor(Objects.requireNonNull(policy, "policy"), false, false);
  }
}
