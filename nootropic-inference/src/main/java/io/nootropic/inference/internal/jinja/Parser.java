package io.nootropic.inference.internal.jinja;

import io.nootropic.inference.internal.jinja.Lexer.Kind;
import io.nootropic.inference.internal.jinja.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/// Recursive-descent parser for the supported Jinja subset, following Jinja2's operator precedence.
final class Parser {

  private final List<Token> tokens;
  private int i;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static List<Node> parse(String source) {
    Parser p = new Parser(Lexer.tokenize(source));
    List<Node> body = p.parseBody(Set.of());
    if (p.peek().kind() != Kind.EOF) {
      Token t = p.peek();
      throw new TemplateError("tag '" + p.tagName() + "'", "unexpected tag '" + p.tagName() + "'", t.offset());
    }
    return body;
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token peekAt(int k) {
    return tokens.get(Math.min(i + k, tokens.size() - 1));
  }

  private Token next() {
    return tokens.get(i++);
  }

  private boolean isOp(String op) {
    Token t = peek();
    return t.kind() == Kind.OP && t.text().equals(op);
  }

  private boolean isName(String name) {
    Token t = peek();
    return t.kind() == Kind.NAME && t.text().equals(name);
  }

  private Token expectOp(String op) {
    if (!isOp(op)) {
      Token t = peek();
      throw new TemplateError("expression", "expected '" + op + "' but found " + describe(t), t.offset());
    }
    return next();
  }

  private String expectName() {
    Token t = peek();
    if (t.kind() != Kind.NAME) {
      throw new TemplateError("expression", "expected a name but found " + describe(t), t.offset());
    }
    i++;
    return t.text();
  }

  private void expectBlockEnd() {
    Token t = peek();
    if (t.kind() != Kind.BLOCK_END) {
      throw new TemplateError("tag", "expected '%}' but found " + describe(t), t.offset());
    }
    i++;
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "end of template";
      case BLOCK_END -> "'%}'";
      case VAR_END -> "'}}'";
      case STRING -> "string literal";
      default -> "'" + t.text() + "'";
    };
  }

  /// Name of the tag at the current BLOCK_START (or "" if not at one).
  private String tagName() {
    Token t = peek();
    if (t.kind() == Kind.BLOCK_START && peekAt(1).kind() == Kind.NAME) {
      return peekAt(1).text();
    }
    return "";
  }

  private List<Node> parseBody(Set<String> terminators) {
    List<Node> body = new ArrayList<>();
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case EOF:
          if (!terminators.isEmpty()) {
            throw new TemplateError("tag", "template ended before " + String.join("/", terminators), t.offset());
          }
          return body;
        case TEXT:
          i++;
          body.add(new Node.Text(t.text()));
          break;
        case VAR_START: {
          i++;
          Expr e = parseExpression();
          Token end = peek();
          if (end.kind() != Kind.VAR_END) {
            throw new TemplateError("expression", "expected '}}' but found " + describe(end), end.offset());
          }
          i++;
          body.add(new Node.Output(e, t.offset()));
          break;
        }
        case BLOCK_START: {
          String name = tagName();
          if (terminators.contains(name)) {
            return body;
          }
          body.add(parseStatement());
          break;
        }
        default:
          throw new TemplateError("template", "unexpected " + describe(t), t.offset());
      }
    }
  }

  private Node parseStatement() {
    Token start = next(); // {%
    Token nameTok = peek();
    if (nameTok.kind() != Kind.NAME) {
      throw new TemplateError("tag", "expected a tag name after '{%'", start.offset());
    }
    String name = nameTok.text();
    i++;
    switch (name) {
      case "if":
        return parseIf();
      case "for":
        return parseFor(start.offset());
      case "set":
        return parseSet(start.offset());
      case "macro":
        return parseMacro();
      case "generation": {
        expectBlockEnd();
        List<Node> body = parseBody(Set.of("endgeneration"));
        next();
        next();
        expectBlockEnd();
        return new Node.Block(body);
      }
      case "break":
        expectBlockEnd();
        return new Node.Break(start.offset());
      case "continue":
        expectBlockEnd();
        return new Node.Continue(start.offset());
      default:
        throw new TemplateError("tag '" + name + "'", "unsupported tag '" + name + "'", start.offset());
    }
  }

  private Node parseIf() {
    List<Expr> conditions = new ArrayList<>();
    List<List<Node>> bodies = new ArrayList<>();
    List<Node> elseBody = List.of();
    conditions.add(parseExpression());
    expectBlockEnd();
    bodies.add(parseBody(Set.of("elif", "else", "endif")));
    while (true) {
      next(); // {%
      String tag = next().text();
      if (tag.equals("elif")) {
        conditions.add(parseExpression());
        expectBlockEnd();
        bodies.add(parseBody(Set.of("elif", "else", "endif")));
      } else if (tag.equals("else")) {
        expectBlockEnd();
        elseBody = parseBody(Set.of("endif"));
      } else {
        expectBlockEnd();
        return new Node.If(conditions, bodies, elseBody);
      }
    }
  }

  private Node parseFor(int offset) {
    List<String> targets = new ArrayList<>();
    targets.add(expectName());
    while (isOp(",")) {
      i++;
      targets.add(expectName());
    }
    if (!isName("in")) {
      throw new TemplateError("tag 'for'", "expected 'in' in for loop", peek().offset());
    }
    i++;
    Expr iterable = parseTernaryFree();
    Expr filter = null;
    if (isName("if")) {
      i++;
      filter = parseTernaryFree();
    }
    if (isName("recursive")) {
      throw new TemplateError("recursive for loop", "recursive for loops are not supported", peek().offset());
    }
    expectBlockEnd();
    List<Node> body = parseBody(Set.of("else", "endfor"));
    List<Node> elseBody = List.of();
    next();
    String tag = next().text();
    expectBlockEnd();
    if (tag.equals("else")) {
      elseBody = parseBody(Set.of("endfor"));
      next();
      next();
      expectBlockEnd();
    }
    return new Node.For(targets, iterable, filter, body, elseBody, offset);
  }

  private Node parseSet(int offset) {
    String first = expectName();
    if (isOp(".")) {
      i++;
      String attr = expectName();
      expectOp("=");
      Expr value = parseExpression();
      expectBlockEnd();
      return new Node.Set(List.of(first), attr, value, offset);
    }
    List<String> targets = new ArrayList<>();
    targets.add(first);
    while (isOp(",")) {
      i++;
      targets.add(expectName());
    }
    if (peek().kind() == Kind.BLOCK_END && targets.size() == 1) {
      i++;
      List<Node> body = parseBody(Set.of("endset"));
      next();
      next();
      expectBlockEnd();
      return new Node.SetBlock(first, body);
    }
    if (isOp("|")) {
      throw new TemplateError("filtered set block", "filtered {% set %} blocks are not supported", peek().offset());
    }
    expectOp("=");
    Expr value = parseExpression();
    expectBlockEnd();
    return new Node.Set(targets, null, value, offset);
  }

  private Node parseMacro() {
    String name = expectName();
    expectOp("(");
    List<String> params = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    while (!isOp(")")) {
      params.add(expectName());
      if (isOp("=")) {
        i++;
        defaults.add(parseExpression());
      } else {
        defaults.add(null);
      }
      if (!isOp(")")) {
        expectOp(",");
      }
    }
    i++;
    expectBlockEnd();
    List<Node> body = parseBody(Set.of("endmacro"));
    next();
    next();
    if (peek().kind() == Kind.NAME) {
      i++; // {% endmacro name %}
    }
    expectBlockEnd();
    return new Node.Macro(name, params, defaults, body);
  }

  // ---- expressions ----

  Expr parseExpression() {
    return parseConditional();
  }

  private Expr parseConditional() {
    Expr e = parseOr();
    while (isName("if")) {
      int off = next().offset();
      Expr cond = parseOr();
      Expr otherwise = null;
      if (isName("else")) {
        i++;
        otherwise = parseConditional();
      }
      e = new Expr.Conditional(cond, e, otherwise, off);
    }
    return e;
  }

  /// An expression without a top-level `x if c else y` (for-loop iterables and filters).
  private Expr parseTernaryFree() {
    return parseOr();
  }

  private Expr parseOr() {
    Expr e = parseAnd();
    while (isName("or")) {
      int off = next().offset();
      e = new Expr.Binary("or", e, parseAnd(), off);
    }
    return e;
  }

  private Expr parseAnd() {
    Expr e = parseNot();
    while (isName("and")) {
      int off = next().offset();
      e = new Expr.Binary("and", e, parseNot(), off);
    }
    return e;
  }

  private Expr parseNot() {
    if (isName("not")) {
      int off = next().offset();
      return new Expr.Unary("not", parseNot(), off);
    }
    return parseCompare();
  }

  private static final Set<String> COMPARE = Set.of("==", "!=", "<", ">", "<=", ">=");

  private Expr parseCompare() {
    Expr e = parseMath1();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.OP && COMPARE.contains(t.text())) {
        i++;
        e = new Expr.Binary(t.text(), e, parseMath1(), t.offset());
      } else if (isName("in")) {
        i++;
        e = new Expr.Binary("in", e, parseMath1(), t.offset());
      } else if (isName("not") && peekAt(1).kind() == Kind.NAME && peekAt(1).text().equals("in")) {
        i += 2;
        e = new Expr.Binary("not in", e, parseMath1(), t.offset());
      } else {
        return e;
      }
    }
  }

  private Expr parseMath1() {
    Expr e = parseConcat();
    while (isOp("+") || isOp("-")) {
      Token t = next();
      e = new Expr.Binary(t.text(), e, parseConcat(), t.offset());
    }
    return e;
  }

  private Expr parseConcat() {
    Expr e = parseMath2();
    while (isOp("~")) {
      Token t = next();
      e = new Expr.Binary("~", e, parseMath2(), t.offset());
    }
    return e;
  }

  private Expr parseMath2() {
    Expr e = parsePow();
    while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
      Token t = next();
      e = new Expr.Binary(t.text(), e, parsePow(), t.offset());
    }
    return e;
  }

  private Expr parsePow() {
    Expr e = parseUnary(true);
    while (isOp("**")) {
      Token t = next();
      e = new Expr.Binary("**", e, parseUnary(true), t.offset());
    }
    return e;
  }

  private Expr parseUnary(boolean withFilter) {
    Expr e;
    if (isOp("-") || isOp("+")) {
      Token t = next();
      e = new Expr.Unary(t.text(), parseUnary(false), t.offset());
    } else {
      e = parsePrimary();
    }
    e = parsePostfix(e);
    if (withFilter) {
      e = parseFilterExpr(e);
    }
    return e;
  }

  private Expr parsePrimary() {
    Token t = next();
    switch (t.kind()) {
      case STRING: {
        StringBuilder sb = new StringBuilder(t.text());
        while (peek().kind() == Kind.STRING) { // adjacent literals concatenate
          sb.append(next().text());
        }
        return new Expr.Literal(sb.toString(), t.offset());
      }
      case INT:
        try {
          return new Expr.Literal(Long.parseLong(t.text()), t.offset());
        } catch (NumberFormatException e) {
          throw new TemplateError("integer literal", "integer literal out of range: " + t.text(), t.offset());
        }
      case FLOAT:
        return new Expr.Literal(Double.parseDouble(t.text()), t.offset());
      case NAME:
        return switch (t.text()) {
          case "true", "True" -> new Expr.Literal(Boolean.TRUE, t.offset());
          case "false", "False" -> new Expr.Literal(Boolean.FALSE, t.offset());
          case "none", "None" -> new Expr.Literal(null, t.offset());
          default -> new Expr.Name(t.text(), t.offset());
        };
      case OP:
        switch (t.text()) {
          case "(": {
            if (isOp(")")) {
              i++;
              return new Expr.TupleLit(List.of(), t.offset());
            }
            Expr first = parseExpression();
            if (isOp(",")) {
              List<Expr> items = new ArrayList<>();
              items.add(first);
              while (isOp(",")) {
                i++;
                if (isOp(")")) {
                  break;
                }
                items.add(parseExpression());
              }
              expectOp(")");
              return new Expr.TupleLit(items, t.offset());
            }
            expectOp(")");
            return first;
          }
          case "[": {
            List<Expr> items = new ArrayList<>();
            while (!isOp("]")) {
              items.add(parseExpression());
              if (!isOp("]")) {
                expectOp(",");
              }
            }
            i++;
            return new Expr.ListLit(items, t.offset());
          }
          case "{": {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            while (!isOp("}")) {
              keys.add(parseExpression());
              expectOp(":");
              values.add(parseExpression());
              if (!isOp("}")) {
                expectOp(",");
              }
            }
            i++;
            return new Expr.DictLit(keys, values, t.offset());
          }
          default:
            break;
        }
        break;
      default:
        break;
    }
    throw new TemplateError("expression", "unexpected " + describe(t) + " in expression", t.offset());
  }

  private Expr parsePostfix(Expr e) {
    while (true) {
      if (isOp(".")) {
        Token dot = next();
        Token n = peek();
        if (n.kind() == Kind.NAME) {
          i++;
          e = new Expr.Attr(e, n.text(), dot.offset());
        } else if (n.kind() == Kind.INT) {
          i++;
          e = new Expr.Index(e, new Expr.Literal(Long.parseLong(n.text()), n.offset()), dot.offset());
        } else {
          throw new TemplateError("expression", "expected an attribute name after '.'", n.offset());
        }
      } else if (isOp("[")) {
        Token open = next();
        Expr start = null;
        Expr stop = null;
        Expr step = null;
        boolean slice = false;
        if (!isOp(":")) {
          start = parseExpression();
        }
        if (isOp(":")) {
          slice = true;
          i++;
          if (!isOp("]") && !isOp(":")) {
            stop = parseExpression();
          }
          if (isOp(":")) {
            i++;
            if (!isOp("]")) {
              step = parseExpression();
            }
          }
        }
        expectOp("]");
        e = slice ? new Expr.Slice(e, start, stop, step, open.offset()) : new Expr.Index(e, start, open.offset());
      } else if (isOp("(")) {
        Token open = next();
        Args a = parseArgs();
        e = new Expr.Call(e, a.args, a.kwNames, a.kwValues, open.offset());
      } else {
        return e;
      }
    }
  }

  private record Args(List<Expr> args, List<String> kwNames, List<Expr> kwValues) { }

  /// Arguments after an opening parenthesis, up to and including the closing one.
  private Args parseArgs() {
    List<Expr> args = new ArrayList<>();
    List<String> kwNames = new ArrayList<>();
    List<Expr> kwValues = new ArrayList<>();
    while (!isOp(")")) {
      if (peek().kind() == Kind.NAME && peekAt(1).kind() == Kind.OP && peekAt(1).text().equals("=")) {
        kwNames.add(next().text());
        i++;
        kwValues.add(parseExpression());
      } else {
        if (isOp("*") || isOp("**")) {
          throw new TemplateError("argument unpacking", "*args/**kwargs are not supported", peek().offset());
        }
        args.add(parseExpression());
      }
      if (!isOp(")")) {
        expectOp(",");
      }
    }
    i++;
    return new Args(args, kwNames, kwValues);
  }

  private static final Set<String> NOT_AN_ARGUMENT = Set.of("and", "or", "else", "if", "is", "not", "in");

  private Expr parseFilterExpr(Expr e) {
    while (true) {
      if (isOp("|")) {
        Token bar = next();
        String name = expectName();
        if (isOp(".")) {
          throw new TemplateError("filter '" + name + ".'", "dotted filter names are not supported", bar.offset());
        }
        if (!Interpreter.FILTERS.contains(name)) {
          throw new TemplateError("filter '" + name + "'", "unsupported filter '" + name + "'", bar.offset());
        }
        Args a = isOp("(") ? nextAndArgs() : new Args(List.of(), List.of(), List.of());
        e = new Expr.Filter(e, name, a.args, a.kwNames, a.kwValues, bar.offset());
      } else if (isName("is")) {
        Token is = next();
        boolean negated = false;
        if (isName("not")) {
          i++;
          negated = true;
        }
        String name = expectName();
        if (!Interpreter.TESTS.contains(name)) {
          throw new TemplateError("test '" + name + "'", "unsupported test '" + name + "'", is.offset());
        }
        List<Expr> args = new ArrayList<>();
        if (isOp("(")) {
          i++;
          Args a = parseArgs();
          args.addAll(a.args);
        } else {
          Token t = peek();
          boolean argStart = t.kind() == Kind.STRING || t.kind() == Kind.INT || t.kind() == Kind.FLOAT
              || (t.kind() == Kind.NAME && !NOT_AN_ARGUMENT.contains(t.text()))
              || (t.kind() == Kind.OP && (t.text().equals("[") || t.text().equals("{")));
          if (argStart) {
            args.add(parsePostfix(parsePrimary()));
          }
        }
        e = new Expr.Test(e, name, args, negated, is.offset());
      } else if (isOp("(")) {
        e = parsePostfix(e);
      } else {
        return e;
      }
    }
  }

  private Args nextAndArgs() {
    i++;
    return parseArgs();
  }
}
