package io.nootropic.inference.internal.jinja;

import io.nootropic.inference.internal.json.Json;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/// Evaluates a parsed template with Python/Jinja2 value semantics (truthiness, `str()` of values,
/// integer and float arithmetic, negative indices and slices, lenient undefined values).
///
/// Values are `null` (None), `Boolean`, `Long`, `Double`, `String`, `List`, `Map` with string keys,
/// [Undefined], [Namespace] and [Callable]. Work is bounded: output size, loop iterations and
/// macro recursion depth have caps so hostile templates fail with an error instead of hanging.
public final class Interpreter {

  /// Filters this interpreter knows.
  static final Set<String> FILTERS = Set.of("trim", "length", "count", "tojson", "string", "upper", "lower",
      "default", "d", "first", "last", "join", "replace", "capitalize", "title", "items", "list", "int", "float",
      "abs", "round", "safe", "escape", "e", "selectattr", "rejectattr", "map", "unique", "reverse", "sort",
      "sum", "max", "min", "indent", "dictsort", "select", "reject", "wordcount", "batch", "striptags");

  /// Tests this interpreter knows.
  static final Set<String> TESTS = Set.of("defined", "undefined", "none", "string", "mapping", "iterable",
      "sequence", "number", "integer", "float", "boolean", "true", "false", "equalto", "eq", "==", "ne", "odd",
      "even", "divisibleby", "in", "callable", "lower", "upper", "sameas", "gt", "ge", "lt", "le");

  static final int MAX_OUTPUT = 16 * 1024 * 1024;
  static final long MAX_ITERATIONS = 1_000_000L;
  static final int MAX_DEPTH = 200;

  /// A value that was never defined: falsy, renders as "", and absorbs attribute access.
  public record Undefined(String name) {
    @Override
    public String toString() {
      return "";
    }
  }

  /// A mutable object made by `namespace(...)`, whose attributes `{% set ns.x = ... %}` can change
  /// from inside loops.
  public static final class Namespace {
    final Map<String, Object> attributes = new LinkedHashMap<>();
  }

  /// A function value (globals, macros, bound methods).
  @FunctionalInterface
  public interface Callable {
    /// Calls the function.
    Object call(List<Object> args, Map<String, Object> kwargs, int offset);
  }

  private static final class LoopControl extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean isBreak;

    LoopControl(boolean isBreak) {
      super(null, null, false, false);
      this.isBreak = isBreak;
    }
  }

  private static final LoopControl BREAK = new LoopControl(true);
  private static final LoopControl CONTINUE = new LoopControl(false);

  private static final class Scope {
    final Map<String, Object> vars = new HashMap<>();
    final Scope parent;

    Scope(Scope parent) {
      this.parent = parent;
    }

    Object lookup(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.vars.containsKey(name)) {
          return s.vars.get(name);
        }
      }
      return new Undefined(name);
    }
  }

  private final Supplier<ZonedDateTime> clock;
  private long iterations;
  private int depth;

  /// An interpreter whose `strftime_now` reads the given clock.
  public Interpreter(Supplier<ZonedDateTime> clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /// Parses a template; errors are [TemplateError]s with the offset of the construct.
  public static List<?> parse(String source) {
    return Parser.parse(source);
  }

  /// Renders a parsed template (from [#parse(String)]) with the given variables.
  public String render(List<?> template, Map<String, ?> variables) {
    Scope globals = new Scope(null);
    globals.vars.put("raise_exception", (Callable) (args, kw, off) -> {
      throw new TemplateError("raise_exception", args.isEmpty() ? "template raised an error" : str(args.get(0)), off, true);
    });
    globals.vars.put("strftime_now", (Callable) (args, kw, off) -> Strftime.format(
        args.isEmpty() ? "" : str(args.get(0)), clock.get()));
    globals.vars.put("namespace", (Callable) (args, kw, off) -> {
      Namespace ns = new Namespace();
      for (Object a : args) {
        if (a instanceof Map<?, ?> m) {
          m.forEach((k, v) -> ns.attributes.put(String.valueOf(k), v));
        }
      }
      ns.attributes.putAll(kw);
      return ns;
    });
    globals.vars.put("range", (Callable) this::range);
    globals.vars.put("dict", (Callable) (args, kw, off) -> new LinkedHashMap<>(kw));
    Scope root = new Scope(globals);
    root.vars.putAll(variables);
    StringBuilder out = new StringBuilder();
    iterations = 0;
    depth = 0;
    @SuppressWarnings("unchecked")
    List<Node> nodes = (List<Node>) template;
    try {
      exec(nodes, root, out);
    } catch (LoopControl lc) {
      throw new TemplateError(lc.isBreak ? "break" : "continue", "break/continue outside a loop", -1);
    }
    return out.toString();
  }

  private Object range(List<Object> args, Map<String, Object> kw, int off) {
    long start = 0;
    long stop;
    long step = 1;
    if (args.size() == 1) {
      stop = toLong(args.get(0), off);
    } else if (args.size() >= 2) {
      start = toLong(args.get(0), off);
      stop = toLong(args.get(1), off);
      if (args.size() > 2) {
        step = toLong(args.get(2), off);
      }
    } else {
      throw new TemplateError("range", "range() needs 1 to 3 arguments", off);
    }
    if (step == 0) {
      throw new TemplateError("range", "range() step must not be zero", off);
    }
    List<Object> out = new ArrayList<>();
    for (long v = start; step > 0 ? v < stop : v > stop; v += step) {
      if (out.size() >= 1_000_000) {
        throw new TemplateError("range", "range() larger than 1,000,000 elements", off);
      }
      out.add(v);
    }
    return out;
  }

  // ---- statements ----

  private void exec(List<Node> nodes, Scope scope, StringBuilder out) {
    for (Node node : nodes) {
      exec(node, scope, out);
    }
  }

  private void emit(StringBuilder out, String s, int offset) {
    if (out.length() + s.length() > MAX_OUTPUT) {
      throw new TemplateError("output", "rendered prompt exceeds " + MAX_OUTPUT + " characters", offset);
    }
    out.append(s);
  }

  private void exec(Node node, Scope scope, StringBuilder out) {
    switch (node) {
      case Node.Text t -> emit(out, t.text(), -1);
      case Node.Output o -> emit(out, str(eval(o.expr(), scope)), o.offset());
      case Node.If f -> {
        for (int k = 0; k < f.conditions().size(); k++) {
          if (truthy(eval(f.conditions().get(k), scope))) {
            exec(f.bodies().get(k), scope, out);
            return;
          }
        }
        exec(f.elseBody(), scope, out);
      }
      case Node.For f -> execFor(f, scope, out);
      case Node.Set s -> {
        Object value = eval(s.value(), scope);
        if (s.attribute() != null) {
          Object target = scope.lookup(s.targets().get(0));
          if (!(target instanceof Namespace ns)) {
            throw new TemplateError("set", "cannot set attribute '" + s.attribute() + "' on '"
                + s.targets().get(0) + "': it is not a namespace", s.offset());
          }
          ns.attributes.put(s.attribute(), value);
        } else if (s.targets().size() == 1) {
          scope.vars.put(s.targets().get(0), value);
        } else {
          List<Object> items = iterate(value, s.offset());
          if (items.size() != s.targets().size()) {
            throw new TemplateError("set", "cannot unpack " + items.size() + " values into "
                + s.targets().size() + " names", s.offset());
          }
          for (int k = 0; k < items.size(); k++) {
            scope.vars.put(s.targets().get(k), items.get(k));
          }
        }
      }
      case Node.SetBlock s -> {
        StringBuilder sb = new StringBuilder();
        exec(s.body(), scope, sb);
        scope.vars.put(s.target(), sb.toString());
      }
      case Node.Macro m -> scope.vars.put(m.name(), macro(m, scope));
      case Node.Block b -> exec(b.body(), scope, out);
      case Node.Break b -> throw BREAK;
      case Node.Continue c -> throw CONTINUE;
    }
  }

  private Callable macro(Node.Macro m, Scope defining) {
    return (args, kw, off) -> {
      if (++depth > MAX_DEPTH) {
        throw new TemplateError("macro '" + m.name() + "'", "macro recursion deeper than " + MAX_DEPTH, off);
      }
      try {
        Scope s = new Scope(defining);
        for (int k = 0; k < m.params().size(); k++) {
          String p = m.params().get(k);
          Object v;
          if (k < args.size()) {
            v = args.get(k);
          } else if (kw.containsKey(p)) {
            v = kw.get(p);
          } else if (m.defaults().get(k) != null) {
            v = eval(m.defaults().get(k), s);
          } else {
            v = new Undefined(p);
          }
          s.vars.put(p, v);
        }
        StringBuilder sb = new StringBuilder();
        exec(m.body(), s, sb);
        return sb.toString();
      } finally {
        depth--;
      }
    };
  }

  private void execFor(Node.For f, Scope scope, StringBuilder out) {
    Object iterable = eval(f.iterable(), scope);
    List<Object> items = iterate(iterable, f.offset());
    if (f.filter() != null) {
      List<Object> kept = new ArrayList<>();
      for (Object item : items) {
        Scope s = new Scope(scope);
        bind(f, s, item);
        if (truthy(eval(f.filter(), s))) {
          kept.add(item);
        }
      }
      items = kept;
    }
    if (items.isEmpty()) {
      exec(f.elseBody(), scope, out);
      return;
    }
    int n = items.size();
    for (int k = 0; k < n; k++) {
      if (++iterations > MAX_ITERATIONS) {
        throw new TemplateError("for", "more than " + MAX_ITERATIONS + " loop iterations", f.offset());
      }
      Scope s = new Scope(scope);
      Map<String, Object> loop = new HashMap<>();
      loop.put("index", (long) k + 1);
      loop.put("index0", (long) k);
      loop.put("revindex", (long) (n - k));
      loop.put("revindex0", (long) (n - k - 1));
      loop.put("first", k == 0);
      loop.put("last", k == n - 1);
      loop.put("length", (long) n);
      loop.put("previtem", k > 0 ? items.get(k - 1) : new Undefined("previtem"));
      loop.put("nextitem", k < n - 1 ? items.get(k + 1) : new Undefined("nextitem"));
      final int index = k;
      loop.put("cycle", (Callable) (args, kw, off) -> args.isEmpty() ? null : args.get(index % args.size()));
      s.vars.put("loop", loop);
      bind(f, s, items.get(k));
      try {
        exec(f.body(), s, out);
      } catch (LoopControl lc) {
        if (lc.isBreak) {
          break;
        }
      }
    }
  }

  private void bind(Node.For f, Scope s, Object item) {
    if (f.targets().size() == 1) {
      s.vars.put(f.targets().get(0), item);
      return;
    }
    List<Object> parts = iterate(item, f.offset());
    if (parts.size() != f.targets().size()) {
      throw new TemplateError("for", "cannot unpack " + parts.size() + " values into " + f.targets().size()
          + " loop variables", f.offset());
    }
    for (int k = 0; k < parts.size(); k++) {
      s.vars.put(f.targets().get(k), parts.get(k));
    }
  }

  // ---- expressions ----

  private Object eval(Expr e, Scope scope) {
    switch (e) {
      case Expr.Literal l -> {
        return l.value();
      }
      case Expr.Name n -> {
        return scope.lookup(n.name());
      }
      case Expr.ListLit l -> {
        List<Object> out = new ArrayList<>();
        for (Expr x : l.items()) {
          out.add(eval(x, scope));
        }
        return out;
      }
      case Expr.TupleLit l -> {
        List<Object> out = new ArrayList<>();
        for (Expr x : l.items()) {
          out.add(eval(x, scope));
        }
        return out;
      }
      case Expr.DictLit d -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < d.keys().size(); k++) {
          out.put(str(eval(d.keys().get(k), scope)), eval(d.values().get(k), scope));
        }
        return out;
      }
      case Expr.Attr a -> {
        return getAttr(eval(a.target(), scope), a.name(), a.offset());
      }
      case Expr.Index x -> {
        return getItem(eval(x.target(), scope), eval(x.index(), scope), x.offset());
      }
      case Expr.Slice s -> {
        return slice(eval(s.target(), scope), s.start() == null ? null : eval(s.start(), scope),
            s.stop() == null ? null : eval(s.stop(), scope), s.step() == null ? null : eval(s.step(), scope),
            s.offset());
      }
      case Expr.Call c -> {
        Object callee = eval(c.callee(), scope);
        List<Object> args = new ArrayList<>();
        for (Expr a : c.args()) {
          args.add(eval(a, scope));
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int k = 0; k < c.kwNames().size(); k++) {
          kw.put(c.kwNames().get(k), eval(c.kwValues().get(k), scope));
        }
        if (callee instanceof Callable fn) {
          return fn.call(args, kw, c.offset());
        }
        String what = c.callee() instanceof Expr.Name n ? "'" + n.name() + "'"
            : c.callee() instanceof Expr.Attr at ? "'" + at.name() + "'" : "value";
        if (callee instanceof Undefined) {
          throw new TemplateError("call " + what, "call of undefined function or method " + what, c.offset());
        }
        throw new TemplateError("call " + what, what + " is not callable", c.offset());
      }
      case Expr.Filter f -> {
        Object target = eval(f.target(), scope);
        List<Object> args = new ArrayList<>();
        for (Expr a : f.args()) {
          args.add(eval(a, scope));
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int k = 0; k < f.kwNames().size(); k++) {
          kw.put(f.kwNames().get(k), eval(f.kwValues().get(k), scope));
        }
        return Filters.apply(this, f.name(), target, args, kw, f.offset());
      }
      case Expr.Test t -> {
        Object target = eval(t.target(), scope);
        List<Object> args = new ArrayList<>();
        for (Expr a : t.args()) {
          args.add(eval(a, scope));
        }
        boolean r = test(t.name(), target, args, t.offset());
        return t.negated() != r;
      }
      case Expr.Unary u -> {
        Object v = eval(u.operand(), scope);
        return switch (u.op()) {
          case "not" -> !truthy(v);
          case "-" -> {
            if (v instanceof Long l) {
              yield -l;
            }
            if (v instanceof Double d) {
              yield -d;
            }
            throw new TemplateError("operator '-'", "bad operand for unary -: " + typeName(v), u.offset());
          }
          default -> v;
        };
      }
      case Expr.Binary b -> {
        return binary(b, scope);
      }
      case Expr.Conditional c -> {
        if (truthy(eval(c.condition(), scope))) {
          return eval(c.then(), scope);
        }
        return c.otherwise() == null ? new Undefined("else") : eval(c.otherwise(), scope);
      }
    }
  }

  private Object binary(Expr.Binary b, Scope scope) {
    String op = b.op();
    if (op.equals("and")) {
      Object l = eval(b.left(), scope);
      return truthy(l) ? eval(b.right(), scope) : l;
    }
    if (op.equals("or")) {
      Object l = eval(b.left(), scope);
      return truthy(l) ? l : eval(b.right(), scope);
    }
    Object l = eval(b.left(), scope);
    Object r = eval(b.right(), scope);
    int off = b.offset();
    switch (op) {
      case "==":
        return equal(l, r);
      case "!=":
        return !equal(l, r);
      case "<":
        return compare(l, r, off) < 0;
      case ">":
        return compare(l, r, off) > 0;
      case "<=":
        return compare(l, r, off) <= 0;
      case ">=":
        return compare(l, r, off) >= 0;
      case "in":
        return contains(r, l, off);
      case "not in":
        return !contains(r, l, off);
      case "~":
        return str(l) + str(r);
      case "+": {
        if (l instanceof List<?> a && r instanceof List<?> c) {
          List<Object> out = new ArrayList<>(a);
          out.addAll(c);
          return out;
        }
        if (isNumber(l) && isNumber(r)) {
          return arith(op, l, r, off);
        }
        if (l instanceof String || r instanceof String) {
          if ((l instanceof String || l instanceof Undefined) && (r instanceof String || r instanceof Undefined)) {
            return str(l) + str(r);
          }
          throw new TemplateError("operator '+'", "cannot add " + typeName(l) + " and " + typeName(r), off);
        }
        throw new TemplateError("operator '+'", "cannot add " + typeName(l) + " and " + typeName(r), off);
      }
      case "*":
        if (l instanceof String s && r instanceof Long n) {
          return repeat(s, n, off);
        }
        if (r instanceof String s && l instanceof Long n) {
          return repeat(s, n, off);
        }
        return arith(op, l, r, off);
      default:
        return arith(op, l, r, off);
    }
  }

  private static String repeat(String s, long n, int off) {
    if (n <= 0) {
      return "";
    }
    if ((long) s.length() * n > MAX_OUTPUT) {
      throw new TemplateError("operator '*'", "string repetition too large", off);
    }
    return s.repeat((int) n);
  }

  private static boolean isNumber(Object o) {
    return o instanceof Long || o instanceof Double || o instanceof Boolean;
  }

  private static double toDouble(Object o) {
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) o).doubleValue();
  }

  static long toLong(Object o, int off) {
    if (o instanceof Long l) {
      return l;
    }
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (o instanceof Double d) {
      return (long) (double) d;
    }
    throw new TemplateError("integer", "expected an integer, got " + typeName(o), off);
  }

  private Object arith(String op, Object l, Object r, int off) {
    if (!isNumber(l) || !isNumber(r)) {
      throw new TemplateError("operator '" + op + "'", "unsupported operands for " + op + ": " + typeName(l)
          + " and " + typeName(r), off);
    }
    boolean ints = !(l instanceof Double) && !(r instanceof Double);
    if (ints) {
      long a = toLong(l, off);
      long c = toLong(r, off);
      switch (op) {
        case "+":
          return a + c;
        case "-":
          return a - c;
        case "*":
          return a * c;
        case "/":
          if (c == 0) {
            throw new TemplateError("operator '/'", "division by zero", off);
          }
          return (double) a / c;
        case "//":
          if (c == 0) {
            throw new TemplateError("operator '//'", "division by zero", off);
          }
          return Math.floorDiv(a, c);
        case "%":
          if (c == 0) {
            throw new TemplateError("operator '%'", "modulo by zero", off);
          }
          return Math.floorMod(a, c);
        case "**":
          return c >= 0 ? (long) Math.pow(a, c) : Math.pow(a, c);
        default:
          break;
      }
    } else {
      double a = toDouble(l);
      double c = toDouble(r);
      switch (op) {
        case "+":
          return a + c;
        case "-":
          return a - c;
        case "*":
          return a * c;
        case "/":
          if (c == 0) {
            throw new TemplateError("operator '/'", "division by zero", off);
          }
          return a / c;
        case "//":
          if (c == 0) {
            throw new TemplateError("operator '//'", "division by zero", off);
          }
          return Math.floor(a / c);
        case "%":
          if (c == 0) {
            throw new TemplateError("operator '%'", "modulo by zero", off);
          }
          return a - c * Math.floor(a / c);
        case "**":
          return Math.pow(a, c);
        default:
          break;
      }
    }
    throw new TemplateError("operator '" + op + "'", "unsupported operator " + op, off);
  }

  static boolean equal(Object a, Object b) {
    if (a instanceof Undefined || b instanceof Undefined) {
      return a instanceof Undefined && b instanceof Undefined;
    }
    if (isNumber(a) && isNumber(b)) {
      return toDouble(a) == toDouble(b);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int k = 0; k < x.size(); k++) {
        if (!equal(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  static int compare(Object a, Object b, int off) {
    if (isNumber(a) && isNumber(b)) {
      return Double.compare(toDouble(a), toDouble(b));
    }
    if (a instanceof String x && b instanceof String y) {
      return Integer.signum(x.compareTo(y));
    }
    throw new TemplateError("comparison", "cannot compare " + typeName(a) + " with " + typeName(b), off);
  }

  private static boolean contains(Object container, Object item, int off) {
    if (container instanceof String s) {
      if (!(item instanceof String sub)) {
        throw new TemplateError("operator 'in'", "'in <string>' requires a string, not " + typeName(item), off);
      }
      return s.contains(sub);
    }
    if (container instanceof Map<?, ?> m) {
      return item instanceof String && m.containsKey(item);
    }
    if (container instanceof Namespace ns) {
      return item instanceof String && ns.attributes.containsKey(item);
    }
    if (container instanceof List<?> l) {
      for (Object o : l) {
        if (equal(o, item)) {
          return true;
        }
      }
      return false;
    }
    if (container instanceof Undefined || container == null) {
      return false;
    }
    throw new TemplateError("operator 'in'", "argument of type " + typeName(container) + " is not iterable", off);
  }

  // ---- value helpers ----

  static boolean truthy(Object v) {
    if (v == null || v instanceof Undefined) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  static String typeName(Object v) {
    if (v == null) {
      return "NoneType";
    }
    return switch (v) {
      case Undefined u -> "undefined '" + u.name() + "'";
      case String s -> "str";
      case Long l -> "int";
      case Double d -> "float";
      case Boolean b -> "bool";
      case List<?> l -> "list";
      case Map<?, ?> m -> "dict";
      case Namespace n -> "namespace";
      case Callable c -> "function";
      default -> v.getClass().getSimpleName();
    };
  }

  /// Python's `str()` of a value.
  static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Undefined) {
      return "";
    }
    return repr(v);
  }

  /// Python's `repr()` of a value (strings quoted), used inside lists and dicts.
  static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    return switch (v) {
      case String s -> quote(s);
      case Boolean b -> b ? "True" : "False";
      case Long l -> Long.toString(l);
      case Double d -> Json.formatDouble(d).replace("Infinity", "inf").replace("NaN", "nan");
      case Undefined u -> "";
      case List<?> l -> {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < l.size(); k++) {
          if (k > 0) {
            sb.append(", ");
          }
          sb.append(l.get(k) instanceof String s ? quote(s) : repr(l.get(k)));
        }
        yield sb.append(']').toString();
      }
      case Map<?, ?> m -> {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          sb.append(quote(String.valueOf(e.getKey()))).append(": ").append(repr(e.getValue()));
        }
        yield sb.append('}').toString();
      }
      case Namespace n -> "<Namespace " + repr(n.attributes) + ">";
      default -> v.toString();
    };
  }

  private static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(q);
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c == q) {
            sb.append('\\');
          }
          sb.append(c);
        }
      }
    }
    return sb.append(q).toString();
  }

  /// The items a `for` loop visits: list elements, map keys, string characters.
  static List<Object> iterate(Object v, int off) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Map<?, ?> m) {
      return new ArrayList<>(m.keySet());
    }
    if (v instanceof String s) {
      List<Object> out = new ArrayList<>();
      s.codePoints().forEach(cp -> out.add(Character.toString(cp)));
      return out;
    }
    if (v instanceof Undefined || v == null) {
      if (v == null) {
        throw new TemplateError("iteration", "'NoneType' object is not iterable", off);
      }
      return new ArrayList<>();
    }
    throw new TemplateError("iteration", typeName(v) + " is not iterable", off);
  }

  Object getAttr(Object target, String name, int off) {
    if (target instanceof Map<?, ?> m) {
      if (m.containsKey(name)) {
        return m.get(name);
      }
      Object method = Methods.bind(this, target, name, off);
      return method != null ? method : new Undefined(name);
    }
    if (target instanceof Namespace ns) {
      return ns.attributes.containsKey(name) ? ns.attributes.get(name) : new Undefined(name);
    }
    if (target instanceof Undefined || target == null) {
      return new Undefined(name);
    }
    Object method = Methods.bind(this, target, name, off);
    return method != null ? method : new Undefined(name);
  }

  Object getItem(Object target, Object key, int off) {
    if (target instanceof Map<?, ?> m) {
      String k = key instanceof String s ? s : str(key);
      return m.containsKey(k) ? m.get(k) : new Undefined(k);
    }
    if (target instanceof Namespace ns) {
      return ns.attributes.getOrDefault(str(key), new Undefined(str(key)));
    }
    if (target instanceof List<?> l) {
      if (!(key instanceof Long || key instanceof Boolean)) {
        if (key instanceof String s) {
          return getAttr(target, s, off);
        }
        throw new TemplateError("subscript", "list indices must be integers, not " + typeName(key), off);
      }
      long idx = toLong(key, off);
      if (idx < 0) {
        idx += l.size();
      }
      return idx >= 0 && idx < l.size() ? l.get((int) idx) : new Undefined("[" + key + "]");
    }
    if (target instanceof String s) {
      if (key instanceof String name) {
        return getAttr(target, name, off);
      }
      long idx = toLong(key, off);
      if (idx < 0) {
        idx += s.length();
      }
      return idx >= 0 && idx < s.length() ? String.valueOf(s.charAt((int) idx)) : new Undefined("[" + key + "]");
    }
    if (target instanceof Undefined || target == null) {
      return new Undefined(str(key));
    }
    if (key instanceof String name) {
      return getAttr(target, name, off);
    }
    throw new TemplateError("subscript", typeName(target) + " is not subscriptable", off);
  }

  private static Object slice(Object target, Object start, Object stop, Object step, int off) {
    int len;
    if (target instanceof List<?> l) {
      len = l.size();
    } else if (target instanceof String s) {
      len = s.length();
    } else if (target instanceof Undefined) {
      return target;
    } else {
      throw new TemplateError("slice", typeName(target) + " cannot be sliced", off);
    }
    long st = step == null ? 1 : toLong(step, off);
    if (st == 0) {
      throw new TemplateError("slice", "slice step cannot be zero", off);
    }
    long a;
    long b;
    if (st > 0) {
      a = start == null ? 0 : clampIndex(toLong(start, off), len, 0, len);
      b = stop == null ? len : clampIndex(toLong(stop, off), len, 0, len);
    } else {
      a = start == null ? len - 1 : clampIndex(toLong(start, off), len, -1, len - 1);
      b = stop == null ? -1 : clampIndex(toLong(stop, off), len, -1, len - 1);
    }
    List<Integer> idx = new ArrayList<>();
    for (long k = a; st > 0 ? k < b : k > b; k += st) {
      idx.add((int) k);
    }
    if (target instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (int k : idx) {
        out.add(l.get(k));
      }
      return out;
    }
    String s = (String) target;
    StringBuilder sb = new StringBuilder();
    for (int k : idx) {
      sb.append(s.charAt(k));
    }
    return sb.toString();
  }

  private static long clampIndex(long v, int len, long lo, long hi) {
    if (v < 0) {
      v += len;
    }
    return Math.max(lo, Math.min(hi, v));
  }

  private boolean test(String name, Object v, List<Object> args, int off) {
    Object arg = args.isEmpty() ? null : args.get(0);
    return switch (name) {
      case "defined" -> !(v instanceof Undefined);
      case "undefined" -> v instanceof Undefined;
      case "none" -> v == null;
      case "string" -> v instanceof String;
      case "mapping" -> v instanceof Map<?, ?> || v instanceof Namespace;
      case "iterable" -> v instanceof List<?> || v instanceof Map<?, ?> || v instanceof String;
      case "sequence" -> v instanceof List<?> || v instanceof Map<?, ?> || v instanceof String;
      case "number" -> v instanceof Long || v instanceof Double;
      case "integer" -> v instanceof Long;
      case "float" -> v instanceof Double;
      case "boolean" -> v instanceof Boolean;
      case "true" -> Boolean.TRUE.equals(v);
      case "false" -> Boolean.FALSE.equals(v);
      case "callable" -> v instanceof Callable;
      case "equalto", "eq", "==" -> equal(v, arg);
      case "ne" -> !equal(v, arg);
      case "sameas" -> v == arg || equal(v, arg) && (v == null || v instanceof Boolean);
      case "gt" -> compare(v, arg, off) > 0;
      case "ge" -> compare(v, arg, off) >= 0;
      case "lt" -> compare(v, arg, off) < 0;
      case "le" -> compare(v, arg, off) <= 0;
      case "odd" -> toLong(v, off) % 2 != 0;
      case "even" -> toLong(v, off) % 2 == 0;
      case "divisibleby" -> {
        long d = toLong(arg, off);
        yield d != 0 && toLong(v, off) % d == 0;
      }
      case "in" -> contains(arg, v, off);
      case "lower" -> v instanceof String s && s.equals(s.toLowerCase(Locale.ROOT));
      case "upper" -> v instanceof String s && s.equals(s.toUpperCase(Locale.ROOT));
      default -> throw new TemplateError("test '" + name + "'", "unsupported test '" + name + "'", off);
    };
  }

  /// Calls a named test (used by `select`/`selectattr`).
  boolean applyTest(String name, Object v, List<Object> args, int off) {
    if (!TESTS.contains(name)) {
      throw new TemplateError("test '" + name + "'", "unsupported test '" + name + "'", off);
    }
    return test(name, v, args, off);
  }

  /// Distinct values in order (for `unique`).
  static List<Object> unique(List<Object> items) {
    return new ArrayList<>(new LinkedHashSet<>(items));
  }
}
