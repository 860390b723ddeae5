package dev.siam4j.critic.equivalence;

import java.util.List;

/** The structure of an answer, as the rules read it. */
sealed interface Answer {

  /**
   * One number or expression.
   *
   * @param expr the expression
   * @param percent whether it was written with a percent sign (its value is expr/100, but a bare
   *     expr also matches)
   * @param decimals digits after the point when it is a plain decimal literal, else -1
   */
  record Scalar(Expr expr, boolean percent, int decimals) implements Answer {}

  /** An equation {@code lhs = rhs}. */
  record Equation(Expr lhs, Expr rhs) implements Answer {
    /** @return the variable name when lhs is a lone variable, else null */
    String loneVariable() {
      return lhs instanceof Expr.Sym s && !Expr.Constants.isConstant(s.name()) ? s.name() : null;
    }
  }

  /** Yes/true or no/false. */
  record Bool(boolean value) implements Answer {}

  /**
   * Several answers. Ordered ones (tuples, coordinates, lists) compare element by element unless
   * the other side is unordered.
   *
   * @param items the elements
   * @param ordered whether the order is part of the answer
   * @param open the opening bracket, '\0' when there is none
   * @param close the closing bracket, '\0' when there is none
   */
  record Many(List<Answer> items, boolean ordered, char open, char close) implements Answer {
    public Many {
      items = List.copyOf(items);
    }
  }

  /** An interval; infinite ends are {@code Sym("oo")} or its negation. */
  record Interval(Expr low, Expr high, boolean lowClosed, boolean highClosed) implements Answer {}

  /** A union of intervals (and points). */
  record Union(List<Answer> parts) implements Answer {
    public Union {
      parts = List.copyOf(parts);
    }
  }

  /** A matrix, rows of cells. */
  record Matrix(List<List<Answer>> rows) implements Answer {
    public Matrix {
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** Text the rules cannot read as mathematics. */
  record Text(String text) implements Answer {}
}
