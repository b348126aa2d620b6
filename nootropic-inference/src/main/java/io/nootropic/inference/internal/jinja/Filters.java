package io.nootropic.inference.internal.jinja;

import io.nootropic.inference.internal.jinja.Interpreter.Undefined;
import io.nootropic.inference.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/// The filters of [Interpreter#FILTERS].
final class Filters {

  private Filters() { }

  private static Object arg(List<Object> args, Map<String, Object> kw, int index, String name, Object fallback) {
    if (index < args.size()) {
      return args.get(index);
    }
    return kw.getOrDefault(name, fallback);
  }

  static Object apply(Interpreter in, String name, Object v, List<Object> args, Map<String, Object> kw, int off) {
    switch (name) {
      case "trim": {
        Object chars = arg(args, kw, 0, "chars", null);
        return Methods.strip(Interpreter.str(v), chars == null ? null : Interpreter.str(chars), true, true);
      }
      case "length":
      case "count":
        return length(v, off);
      case "tojson": {
        Object indent = arg(args, kw, 0, "indent", null);
        return Json.write(toJsonValue(v, off), indent == null ? -1 : (int) Interpreter.toLong(indent, off));
      }
      case "string":
        return Interpreter.str(v);
      case "upper":
        return Interpreter.str(v).toUpperCase(Locale.ROOT);
      case "lower":
        return Interpreter.str(v).toLowerCase(Locale.ROOT);
      case "default":
      case "d": {
        Object fallback = arg(args, kw, 0, "default_value", "");
        boolean bool = Interpreter.truthy(arg(args, kw, 1, "boolean", Boolean.FALSE));
        if (v instanceof Undefined || (bool && !Interpreter.truthy(v))) {
          return fallback;
        }
        return v;
      }
      case "first": {
        List<Object> items = Interpreter.iterate(v, off);
        return items.isEmpty() ? new Undefined("first") : items.get(0);
      }
      case "last": {
        List<Object> items = Interpreter.iterate(v, off);
        return items.isEmpty() ? new Undefined("last") : items.get(items.size() - 1);
      }
      case "join": {
        String sep = Interpreter.str(arg(args, kw, 0, "d", ""));
        Object attribute = arg(args, kw, 1, "attribute", null);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object o : Interpreter.iterate(v, off)) {
          if (!first) {
            sb.append(sep);
          }
          first = false;
          sb.append(Interpreter.str(attribute == null ? o : in.getAttr(o, Interpreter.str(attribute), off)));
        }
        return sb.toString();
      }
      case "replace": {
        String s = Interpreter.str(v);
        String old = Interpreter.str(arg(args, kw, 0, "old", ""));
        String rep = Interpreter.str(arg(args, kw, 1, "new", ""));
        return Methods.replace(s, old, rep, off);
      }
      case "capitalize": {
        String s = Interpreter.str(v);
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
      }
      case "title":
        return Methods.title(Interpreter.str(v));
      case "items": {
        if (v instanceof Undefined) {
          return new ArrayList<>();
        }
        if (!(v instanceof Map<?, ?> m)) {
          throw new TemplateError("filter 'items'", "items expects a mapping, got " + Interpreter.typeName(v), off);
        }
        List<Object> out = new ArrayList<>();
        m.forEach((k, x) -> out.add(java.util.Arrays.asList(k, x)));
        return out;
      }
      case "dictsort": {
        if (!(v instanceof Map<?, ?> m)) {
          throw new TemplateError("filter 'dictsort'", "dictsort expects a mapping", off);
        }
        List<Object> out = new ArrayList<>();
        m.entrySet().stream().sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())))
            .forEach(e -> out.add(java.util.Arrays.asList(e.getKey(), e.getValue())));
        return out;
      }
      case "list":
        return Interpreter.iterate(v, off);
      case "int": {
        if (v instanceof String s) {
          try {
            return Long.parseLong(s.trim());
          } catch (NumberFormatException e) {
            try {
              return (long) Double.parseDouble(s.trim());
            } catch (NumberFormatException e2) {
              return arg(args, kw, 0, "default", 0L);
            }
          }
        }
        if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
          return Interpreter.toLong(v, off);
        }
        return arg(args, kw, 0, "default", 0L);
      }
      case "float": {
        if (v instanceof String s) {
          try {
            return Double.parseDouble(s.trim());
          } catch (NumberFormatException e) {
            return arg(args, kw, 0, "default", 0.0);
          }
        }
        if (v instanceof Long l) {
          return (double) l;
        }
        if (v instanceof Double) {
          return v;
        }
        return arg(args, kw, 0, "default", 0.0);
      }
      case "abs":
        if (v instanceof Long l) {
          return Math.abs(l);
        }
        if (v instanceof Double d) {
          return Math.abs(d);
        }
        throw new TemplateError("filter 'abs'", "abs expects a number", off);
      case "round": {
        long precision = Interpreter.toLong(arg(args, kw, 0, "precision", 0L), off);
        double d = v instanceof Long l ? l : v instanceof Double x ? x : 0;
        double f = Math.pow(10, precision);
        return Math.rint(d * f) / f;
      }
      case "safe":
        return v;
      case "escape":
      case "e":
        return Interpreter.str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\"", "&#34;").replace("'", "&#39;");
      case "striptags":
        return Interpreter.str(v).replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").trim();
      case "wordcount":
        return (long) Interpreter.str(v).trim().split("\\s+").length;
      case "selectattr":
      case "rejectattr": {
        String attr = Interpreter.str(arg(args, kw, 0, "attribute", ""));
        boolean keep = name.equals("selectattr");
        List<Object> out = new ArrayList<>();
        for (Object o : Interpreter.iterate(v, off)) {
          Object a = in.getAttr(o, attr, off);
          boolean r = args.size() < 2 ? Interpreter.truthy(a)
              : in.applyTest(Interpreter.str(args.get(1)), a, args.subList(2, args.size()), off);
          if (r == keep) {
            out.add(o);
          }
        }
        return out;
      }
      case "select":
      case "reject": {
        boolean keep = name.equals("select");
        List<Object> out = new ArrayList<>();
        for (Object o : Interpreter.iterate(v, off)) {
          boolean r = args.isEmpty() ? Interpreter.truthy(o)
              : in.applyTest(Interpreter.str(args.get(0)), o, args.subList(1, args.size()), off);
          if (r == keep) {
            out.add(o);
          }
        }
        return out;
      }
      case "map": {
        List<Object> out = new ArrayList<>();
        Object attribute = kw.get("attribute");
        for (Object o : Interpreter.iterate(v, off)) {
          if (attribute != null) {
            Object a = in.getAttr(o, Interpreter.str(attribute), off);
            out.add(a instanceof Undefined && kw.containsKey("default") ? kw.get("default") : a);
          } else if (!args.isEmpty()) {
            String filter = Interpreter.str(args.get(0));
            if (!Interpreter.FILTERS.contains(filter)) {
              throw new TemplateError("filter '" + filter + "'", "unsupported filter '" + filter + "'", off);
            }
            out.add(apply(in, filter, o, args.subList(1, args.size()), Map.of(), off));
          } else {
            out.add(o);
          }
        }
        return out;
      }
      case "unique":
        return Interpreter.unique(Interpreter.iterate(v, off));
      case "reverse": {
        if (v instanceof String s) {
          return new StringBuilder(s).reverse().toString();
        }
        List<Object> items = Interpreter.iterate(v, off);
        java.util.Collections.reverse(items);
        return items;
      }
      case "sort": {
        List<Object> items = Interpreter.iterate(v, off);
        boolean reverse = Interpreter.truthy(arg(args, kw, 0, "reverse", Boolean.FALSE));
        Object attribute = kw.get("attribute");
        items.sort((a, b) -> {
          Object x = attribute == null ? a : in.getAttr(a, Interpreter.str(attribute), off);
          Object y = attribute == null ? b : in.getAttr(b, Interpreter.str(attribute), off);
          return Interpreter.compare(x, y, off);
        });
        if (reverse) {
          java.util.Collections.reverse(items);
        }
        return items;
      }
      case "sum": {
        Object total = arg(args, kw, 1, "start", 0L);
        Object attribute = kw.get("attribute");
        for (Object o : Interpreter.iterate(v, off)) {
          Object x = attribute == null ? o : in.getAttr(o, Interpreter.str(attribute), off);
          total = total instanceof Long a && x instanceof Long b ? (Object) (a + b)
              : (Object) (((Number) total).doubleValue() + ((Number) x).doubleValue());
        }
        return total;
      }
      case "max":
      case "min": {
        List<Object> items = Interpreter.iterate(v, off);
        if (items.isEmpty()) {
          return new Undefined(name);
        }
        Object best = items.get(0);
        for (Object o : items) {
          int c = Interpreter.compare(o, best, off);
          if (name.equals("max") ? c > 0 : c < 0) {
            best = o;
          }
        }
        return best;
      }
      case "indent": {
        Object width = arg(args, kw, 0, "width", 4L);
        String pad = width instanceof String s ? s : " ".repeat((int) Math.min(Interpreter.toLong(width, off), 1000));
        boolean first = Interpreter.truthy(arg(args, kw, 1, "first", Boolean.FALSE));
        boolean blank = Interpreter.truthy(arg(args, kw, 2, "blank", Boolean.FALSE));
        String[] lines = Interpreter.str(v).split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < lines.length; k++) {
          if (k > 0) {
            sb.append('\n');
          }
          boolean indentIt = (k > 0 || first) && (blank || !lines[k].isBlank());
          if (indentIt) {
            sb.append(pad);
          }
          sb.append(lines[k]);
        }
        return sb.toString();
      }
      case "batch": {
        long size = Interpreter.toLong(arg(args, kw, 0, "linecount", 1L), off);
        if (size <= 0) {
          throw new TemplateError("filter 'batch'", "batch size must be positive", off);
        }
        List<Object> out = new ArrayList<>();
        List<Object> cur = new ArrayList<>();
        for (Object o : Interpreter.iterate(v, off)) {
          cur.add(o);
          if (cur.size() == size) {
            out.add(cur);
            cur = new ArrayList<>();
          }
        }
        if (!cur.isEmpty()) {
          out.add(cur);
        }
        return out;
      }
      default:
        throw new TemplateError("filter '" + name + "'", "unsupported filter '" + name + "'", off);
    }
  }

  private static long length(Object v, int off) {
    if (v instanceof String s) {
      return s.codePointCount(0, s.length());
    }
    if (v instanceof List<?> l) {
      return l.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    if (v instanceof Undefined) {
      return 0;
    }
    throw new TemplateError("filter 'length'", "object of type " + Interpreter.typeName(v) + " has no length", off);
  }

  private static Object toJsonValue(Object v, int off) {
    if (v instanceof Undefined) {
      return null;
    }
    if (v instanceof Interpreter.Namespace ns) {
      return toJsonValue(ns.attributes, off);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), toJsonValue(x, off)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(toJsonValue(o, off));
      }
      return out;
    }
    if (v instanceof Interpreter.Callable) {
      throw new TemplateError("filter 'tojson'", "a function is not JSON serializable", off);
    }
    return v;
  }
}
