package dev.siam4j.critic.equivalence;

/** Prints an {@link Expr} as sympy source. Stateless. */
final class SympyPrinter {
  private SympyPrinter() {}

  static String print(Expr e) {
    StringBuilder b = new StringBuilder();
    print(e, b);
    return b.toString();
  }

  private static void print(Expr e, StringBuilder b) {
    if (e instanceof Expr.Num n) {
      BigRational v = n.value();
      if (v.isInteger()) {
        b.append(v.num);
      } else {
        b.append("Rational(").append(v.num).append(", ").append(v.den).append(')');
      }
    } else if (e instanceof Expr.Sym s) {
      b.append(s.name().equals("e") ? "E" : s.name());
    } else if (e instanceof Expr.Neg n) {
      b.append("(-");
      print(n.operand(), b);
      b.append(')');
    } else if (e instanceof Expr.Op o) {
      b.append('(');
      print(o.left(), b);
      b.append(o.op() == '^' ? "**" : String.valueOf(o.op()));
      print(o.right(), b);
      b.append(')');
    } else {
      Expr.Fn f = (Expr.Fn) e;
      String name = f.name();
      if (name.equals("lg")) {
        b.append("log(");
        print(f.args().get(0), b);
        b.append(", 10)");
        return;
      }
      b.append(name.equals("abs") ? "Abs" : name.equals("ln") ? "log" : name).append('(');
      for (int i = 0; i < f.args().size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        print(f.args().get(i), b);
      }
      b.append(')');
    }
  }
}
