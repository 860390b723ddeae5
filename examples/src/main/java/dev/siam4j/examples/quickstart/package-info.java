/**
 * The quickstart's parts: {@link dev.siam4j.examples.quickstart.MathWorld}, the seeded generator
 * of English and Chinese word problems (with reference programs and a closed word-level
 * vocabulary, read through {@link dev.siam4j.examples.quickstart.WordTokenizer});
 * {@link dev.siam4j.examples.quickstart.QuickstartModels}, the tiny word-level llama policy and
 * the recipe of its seed model; {@link dev.siam4j.examples.quickstart.Quickstart}, the whole loop
 * on that model with evaluation and ablations; and
 * {@link dev.siam4j.examples.quickstart.QuickstartReport}, which renders a run's
 * {@link dev.siam4j.examples.quickstart.QuickstartResults} as a self-contained HTML report and a
 * console table.
 */
package dev.siam4j.examples.quickstart;
