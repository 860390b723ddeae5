/**
 * The quickstart's parts: {@link dev.siam4j.examples.quickstart.MathWorld}, the seeded generator
 * of English and Chinese word problems (with reference programs and a closed word-level
 * vocabulary, read through {@link dev.siam4j.examples.quickstart.WordTokenizer}), and
 * {@link dev.siam4j.examples.quickstart.QuickstartReport}, which renders a run's
 * {@link dev.siam4j.examples.quickstart.QuickstartResults} as a self-contained HTML report and a
 * console table.
 */
package dev.siam4j.examples.quickstart;
