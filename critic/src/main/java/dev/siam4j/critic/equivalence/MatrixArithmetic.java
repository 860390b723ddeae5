package dev.siam4j.critic.equivalence;

import java.util.ArrayList;
import java.util.List;

/** Sums, differences and products of matrices of expressions, cell by cell. Stateless. */
final class MatrixArithmetic {
  private MatrixArithmetic() {}

  /**
   * Evaluates {@code terms[0] ops[0] terms[1] ...}; products bind first.
   *
   * @param terms matrices as rows of cells
   * @param ops one of {@code + - *} between each two terms
   * @return the result's rows of cells
   * @throws Unparsable when shapes do not fit
   */
  static List<List<Expr>> evaluate(List<List<List<Expr>>> terms, List<Character> ops) {
    List<List<List<Expr>>> sums = new ArrayList<>(List.of(terms.get(0)));
    List<Character> signs = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      List<List<Expr>> next = terms.get(i + 1);
      if (ops.get(i) == '*') {
        sums.set(sums.size() - 1, product(sums.get(sums.size() - 1), next));
      } else {
        sums.add(next);
        signs.add(ops.get(i));
      }
    }
    List<List<Expr>> result = sums.get(0);
    for (int i = 1; i < sums.size(); i++) {
      result = sum(result, sums.get(i), signs.get(i - 1));
    }
    return result;
  }

  static List<List<Expr>> sum(List<List<Expr>> a, List<List<Expr>> b, char sign) {
    if (a.size() != b.size() || a.get(0).size() != b.get(0).size()) {
      throw new Unparsable("matrices of different shapes");
    }
    List<List<Expr>> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < a.get(i).size(); j++) {
        row.add(new Expr.Op(sign, a.get(i).get(j), b.get(i).get(j)));
      }
      out.add(row);
    }
    return out;
  }

  static List<List<Expr>> product(List<List<Expr>> a, List<List<Expr>> b) {
    int inner = a.get(0).size();
    if (inner != b.size()) {
      throw new Unparsable("matrices that cannot be multiplied");
    }
    List<List<Expr>> out = new ArrayList<>();
    for (List<Expr> aRow : a) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < b.get(0).size(); j++) {
        Expr cell = null;
        for (int k = 0; k < inner; k++) {
          Expr term = new Expr.Op('*', aRow.get(k), b.get(k).get(j));
          cell = cell == null ? term : new Expr.Op('+', cell, term);
        }
        row.add(cell);
      }
      out.add(row);
    }
    return out;
  }
}
