package dev.siam4j.critic.equivalence;

import java.util.List;

/**
 * A parsed arithmetic expression. Records, so two expressions written the same way (after
 * normalisation) are {@code equals}.
 */
sealed interface Expr {

  /** A number literal; {@code decimals} counts the digits written after the point. */
  record Num(BigRational value, int decimals) implements Expr {}

  /** A variable or a named constant ({@code pi}, {@code e}, {@code oo}). */
  record Sym(String name) implements Expr {}

  /** Negation. */
  record Neg(Expr operand) implements Expr {}

  /** A binary operation: one of {@code + - * / ^}. */
  record Op(char op, Expr left, Expr right) implements Expr {}

  /** A function application ({@code sqrt}, {@code sin}, {@code log}, {@code factorial}, ...). */
  record Fn(String name, List<Expr> args) implements Expr {
    public Fn {
      args = List.copyOf(args);
    }
  }

  /** @return whether any variable occurs in {@code e} */
  static boolean hasVariables(Expr e) {
    if (e instanceof Sym s) {
      return !Constants.isConstant(s.name());
    }
    if (e instanceof Neg n) {
      return hasVariables(n.operand());
    }
    if (e instanceof Op o) {
      return hasVariables(o.left()) || hasVariables(o.right());
    }
    if (e instanceof Fn f) {
      for (Expr a : f.args()) {
        if (hasVariables(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Adds the names of the variables in {@code e} to {@code out}. */
  static void collectVariables(Expr e, java.util.Set<String> out) {
    if (e instanceof Sym s) {
      if (!Constants.isConstant(s.name())) {
        out.add(s.name());
      }
    } else if (e instanceof Neg n) {
      collectVariables(n.operand(), out);
    } else if (e instanceof Op o) {
      collectVariables(o.left(), out);
      collectVariables(o.right(), out);
    } else if (e instanceof Fn f) {
      for (Expr a : f.args()) {
        collectVariables(a, out);
      }
    }
  }

  /** Named constants. */
  final class Constants {
    private Constants() {}

    static boolean isConstant(String name) {
      return name.equals("pi") || name.equals("e") || name.equals("oo");
    }
  }
}
