package io.nootropic.inference.internal.jinja;

import java.util.List;

/// Expressions of a parsed template; `offset` locates each in the source for error messages.
sealed interface Expr {

  int offset();

  record Literal(Object value, int offset) implements Expr { }

  record Name(String name, int offset) implements Expr { }

  record ListLit(List<Expr> items, int offset) implements Expr { }

  record TupleLit(List<Expr> items, int offset) implements Expr { }

  record DictLit(List<Expr> keys, List<Expr> values, int offset) implements Expr { }

  record Attr(Expr target, String name, int offset) implements Expr { }

  record Index(Expr target, Expr index, int offset) implements Expr { }

  record Slice(Expr target, Expr start, Expr stop, Expr step, int offset) implements Expr { }

  record Call(Expr callee, List<Expr> args, List<String> kwNames, List<Expr> kwValues, int offset) implements Expr { }

  record Filter(Expr target, String name, List<Expr> args, List<String> kwNames, List<Expr> kwValues, int offset)
      implements Expr { }

  record Test(Expr target, String name, List<Expr> args, boolean negated, int offset) implements Expr { }

  record Unary(String op, Expr operand, int offset) implements Expr { }

  record Binary(String op, Expr left, Expr right, int offset) implements Expr { }

  record Conditional(Expr condition, Expr then, Expr otherwise, int offset) implements Expr { }
}
