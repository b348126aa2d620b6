package io.nootropic.inference.internal.jinja;

import java.util.List;

/// Statements of a parsed template.
sealed interface Node {

  record Text(String text) implements Node { }

  record Output(Expr expr, int offset) implements Node { }

  record If(List<Expr> conditions, List<List<Node>> bodies, List<Node> elseBody) implements Node { }

  record For(List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> elseBody, int offset)
      implements Node { }

  /// `{% set name = expr %}` or `{% set ns.attr = expr %}` (attr non-null) or `{% set a, b = expr %}`.
  record Set(List<String> targets, String attribute, Expr value, int offset) implements Node { }

  record SetBlock(String target, List<Node> body) implements Node { }

  record Macro(String name, List<String> params, List<Expr> defaults, List<Node> body) implements Node { }

  /// `{% generation %}...{% endgeneration %}` (assistant-mask marker): renders its body.
  record Block(List<Node> body) implements Node { }

  record Break(int offset) implements Node { }

  record Continue(int offset) implements Node { }
}
