package dev.siam4j.alignment.train.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * llama.cpp's SentencePiece tokenization ({@code llm_tokenizer_spm}): spaces become U+2581, the text
 * splits into UTF-8 characters, and the adjacent pair whose concatenation is the highest-scoring
 * vocabulary piece (leftmost on ties) merges until none does; characters outside the vocabulary fall
 * back to byte tokens {@code <0xXX>}.
 */
final class SentencePieceTokenizer implements Tokenizer {
  private final Map<String, Integer> ids = new HashMap<>();
  private final float[] scores;
  private final int[] byteIds = new int[256];
  private final boolean spacePrefix;
  private final int unknown;

  SentencePieceTokenizer(List<String> tokens, float[] scores, boolean spacePrefix, int unknown) {
    for (int i = 0; i < tokens.size(); i++) {
      ids.putIfAbsent(tokens.get(i), i);
    }
    this.scores = scores.clone();
    for (int b = 0; b < 256; b++) {
      byteIds[b] = ids.getOrDefault(String.format("<0x%02X>", b), -1);
    }
    this.spacePrefix = spacePrefix;
    this.unknown = unknown;
  }

  private static final class Symbol {
    String text;
    int prev;
    int next;

    Symbol(String text, int prev, int next) {
      this.text = text;
      this.prev = prev;
      this.next = next;
    }
  }

  private record Bigram(int left, int right, float score, int size) {}

  @Override
  public int[] encode(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return new int[0];
    }
    String s = (spacePrefix ? " " + text : text).replace(' ', '\u2581');
    List<Symbol> symbols = new ArrayList<>();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      symbols.add(new Symbol(s.substring(i, i + n), symbols.size() - 1, symbols.size() + 1));
      i += n;
    }
    symbols.get(symbols.size() - 1).next = -1;
    PriorityQueue<Bigram> queue =
        new PriorityQueue<>(
            (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
    for (int i = 1; i < symbols.size(); i++) {
      tryAdd(symbols, queue, i - 1, i);
    }
    while (!queue.isEmpty()) {
      Bigram b = queue.poll();
      Symbol left = symbols.get(b.left);
      Symbol right = symbols.get(b.right);
      if (left.text.isEmpty() || right.text.isEmpty()
          || left.text.length() + right.text.length() != b.size) {
        continue;
      }
      left.text = left.text + right.text;
      right.text = "";
      left.next = right.next;
      if (right.next >= 0) {
        symbols.get(right.next).prev = b.left;
      }
      if (left.prev >= 0) {
        tryAdd(symbols, queue, left.prev, b.left);
      }
      if (left.next >= 0) {
        tryAdd(symbols, queue, b.left, left.next);
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i >= 0 && i < symbols.size(); i = symbols.get(i).next) {
      String piece = symbols.get(i).text;
      Integer id = ids.get(piece);
      if (id != null) {
        out.add(id);
        continue;
      }
      for (byte by : piece.getBytes(StandardCharsets.UTF_8)) {
        int byteId = byteIds[by & 0xFF];
        out.add(byteId >= 0 ? byteId : unknown);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private void tryAdd(List<Symbol> symbols, PriorityQueue<Bigram> queue, int left, int right) {
    String joined = symbols.get(left).text + symbols.get(right).text;
    Integer id = ids.get(joined);
    if (id != null) {
      queue.add(new Bigram(left, right, scores[id], joined.length()));
    }
  }
}
