package io.nootropic.inference.internal.jinja;

import io.nootropic.inference.internal.jinja.Interpreter.Callable;
import io.nootropic.inference.internal.jinja.Interpreter.Undefined;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/// Python methods of strings, dicts and lists that chat templates call (`content.strip()`,
/// `message.get('x')`, `tools.items()`...).
final class Methods {

  private Methods() { }

  /// The bound method `name` of `target`, or `null` when there is none.
  static Object bind(Interpreter in, Object target, String name, int off) {
    if (target instanceof String s) {
      return stringMethod(s, name);
    }
    if (target instanceof Map<?, ?> m) {
      return switch (name) {
        case "items" -> (Callable) (a, kw, o) -> {
          List<Object> out = new ArrayList<>();
          m.forEach((k, v) -> out.add(java.util.Arrays.asList(k, v)));
          return out;
        };
        case "keys" -> (Callable) (a, kw, o) -> new ArrayList<Object>(m.keySet());
        case "values" -> (Callable) (a, kw, o) -> new ArrayList<Object>(m.values());
        case "get" -> (Callable) (a, kw, o) -> {
          Object key = a.isEmpty() ? null : a.get(0);
          Object fallback = a.size() > 1 ? a.get(1) : null;
          return key instanceof String k && m.containsKey(k) ? m.get(k) : fallback;
        };
        default -> null;
      };
    }
    if (target instanceof List<?> l) {
      return switch (name) {
        case "index" -> (Callable) (a, kw, o) -> {
          for (int k = 0; k < l.size(); k++) {
            if (!a.isEmpty() && Interpreter.equal(l.get(k), a.get(0))) {
              return (long) k;
            }
          }
          throw new TemplateError("method 'index'", "value is not in list", o);
        };
        case "count" -> (Callable) (a, kw, o) -> l.stream().filter(x -> !a.isEmpty() && Interpreter.equal(x, a.get(0))).count();
        default -> null;
      };
    }
    return null;
  }

  private static String sarg(List<Object> a, int k) {
    if (k >= a.size() || a.get(k) == null || a.get(k) instanceof Undefined) {
      return null;
    }
    return Interpreter.str(a.get(k));
  }

  private static Object stringMethod(String s, String name) {
    return switch (name) {
      case "strip" -> (Callable) (a, kw, o) -> strip(s, sarg(a, 0), true, true);
      case "lstrip" -> (Callable) (a, kw, o) -> strip(s, sarg(a, 0), true, false);
      case "rstrip" -> (Callable) (a, kw, o) -> strip(s, sarg(a, 0), false, true);
      case "upper" -> (Callable) (a, kw, o) -> s.toUpperCase(Locale.ROOT);
      case "lower" -> (Callable) (a, kw, o) -> s.toLowerCase(Locale.ROOT);
      case "title" -> (Callable) (a, kw, o) -> title(s);
      case "capitalize" -> (Callable) (a, kw, o) ->
          s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
      case "startswith" -> (Callable) (a, kw, o) -> affix(s, a, true);
      case "endswith" -> (Callable) (a, kw, o) -> affix(s, a, false);
      case "replace" -> (Callable) (a, kw, o) -> {
        String r = replace(s, sarg(a, 0) == null ? "" : sarg(a, 0), sarg(a, 1) == null ? "" : sarg(a, 1), o);
        if (a.size() > 2) {
          long count = Interpreter.toLong(a.get(2), o);
          if (count >= 0) {
            r = replaceCount(s, sarg(a, 0), sarg(a, 1), count);
          }
        }
        return r;
      };
      case "split" -> (Callable) (a, kw, o) -> {
        Object sepArg = !a.isEmpty() ? a.get(0) : kw.get("sep");
        Object maxArg = a.size() > 1 ? a.get(1) : kw.get("maxsplit");
        long max = maxArg == null ? -1 : Interpreter.toLong(maxArg, o);
        String sep = sepArg == null || sepArg instanceof Undefined ? null : Interpreter.str(sepArg);
        if (sep != null && sep.isEmpty()) {
          throw new TemplateError("method 'split'", "empty separator", o);
        }
        return split(s, sep, max);
      };
      case "splitlines" -> (Callable) (a, kw, o) -> {
        List<Object> out = new ArrayList<>(List.of((Object[]) s.split("\r\n|\r|\n", -1)));
        if (!out.isEmpty() && "".equals(out.get(out.size() - 1))) {
          out.remove(out.size() - 1);
        }
        return out;
      };
      case "find" -> (Callable) (a, kw, o) -> (long) s.indexOf(sarg(a, 0) == null ? "" : sarg(a, 0));
      case "count" -> (Callable) (a, kw, o) -> {
        String sub = sarg(a, 0) == null ? "" : sarg(a, 0);
        if (sub.isEmpty()) {
          return (long) s.length() + 1;
        }
        long n = 0;
        for (int k = s.indexOf(sub); k >= 0; k = s.indexOf(sub, k + sub.length())) {
          n++;
        }
        return n;
      };
      case "join" -> (Callable) (a, kw, o) -> {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object x : Interpreter.iterate(a.isEmpty() ? List.of() : a.get(0), o)) {
          if (!first) {
            sb.append(s);
          }
          first = false;
          sb.append(Interpreter.str(x));
        }
        return sb.toString();
      };
      case "isdigit" -> (Callable) (a, kw, o) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      case "isspace" -> (Callable) (a, kw, o) -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
      default -> null;
    };
  }

  private static boolean affix(String s, List<Object> a, boolean prefix) {
    if (a.isEmpty()) {
      return false;
    }
    List<Object> options = a.get(0) instanceof List<?> l ? new ArrayList<>(l) : List.of(a.get(0));
    for (Object opt : options) {
      String p = Interpreter.str(opt);
      if (prefix ? s.startsWith(p) : s.endsWith(p)) {
        return true;
      }
    }
    return false;
  }

  static String strip(String s, String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    if (left) {
      while (start < end && isStripped(s.charAt(start), chars)) {
        start++;
      }
    }
    if (right) {
      while (end > start && isStripped(s.charAt(end - 1), chars)) {
        end--;
      }
    }
    return s.substring(start, end);
  }

  private static boolean isStripped(char c, String chars) {
    return chars == null ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
  }

  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevLetter = false;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      sb.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
      prevLetter = Character.isLetter(c);
    }
    return sb.toString();
  }

  static String replace(String s, String old, String rep, int off) {
    if (old.isEmpty() && (long) s.length() * rep.length() > Interpreter.MAX_OUTPUT) {
      throw new TemplateError("replace", "replacement result too large", off);
    }
    return s.replace(old, rep);
  }

  private static String replaceCount(String s, String old, String rep, long count) {
    if (old == null || old.isEmpty()) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    long done = 0;
    int k;
    while (done < count && (k = s.indexOf(old, from)) >= 0) {
      sb.append(s, from, k).append(rep == null ? "" : rep);
      from = k + old.length();
      done++;
    }
    return sb.append(s.substring(from)).toString();
  }

  private static List<Object> split(String s, String sep, long max) {
    List<Object> out = new ArrayList<>();
    if (sep == null) {
      int k = 0;
      int n = s.length();
      while (true) {
        while (k < n && Character.isWhitespace(s.charAt(k))) {
          k++;
        }
        if (k >= n) {
          break;
        }
        if (max >= 0 && out.size() == max) {
          out.add(strip(s.substring(k), null, false, true));
          break;
        }
        int start = k;
        while (k < n && !Character.isWhitespace(s.charAt(k))) {
          k++;
        }
        out.add(s.substring(start, k));
      }
      return out;
    }
    int from = 0;
    while (true) {
      int k = s.indexOf(sep, from);
      if (k < 0 || (max >= 0 && out.size() == max)) {
        out.add(s.substring(from));
        return out;
      }
      out.add(s.substring(from, k));
      from = k + sep.length();
    }
  }
}
