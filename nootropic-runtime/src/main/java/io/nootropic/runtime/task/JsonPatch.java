package io.nootropic.runtime.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// Applies a JSON Patch (RFC 6902: `add`, `remove`, `replace`, `move`, `copy`, `test`) to a
/// Jackson tree, all or nothing: the input is never modified and a failing operation leaves no
/// partial result.
///
/// Written here rather than taken from a library because none is on the project's list of allowed
/// dependencies and the operations are small. Paths are JSON Pointers (RFC 6901) with `~0`/`~1`
/// escapes; `-` appends to an array.
public final class JsonPatch {

  private JsonPatch() {}

  /// Returns `document` with `patch` applied.
  ///
  /// @throws JsonPatchException when the patch is malformed, a path does not exist, or a `test`
  ///     operation fails
  public static JsonNode apply(JsonNode document, JsonNode patch) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(patch, "patch");
    if (!patch.isArray()) {
      throw new JsonPatchException("a JSON Patch must be an array of operations, got " + patch.getNodeType());
    }
    JsonNode doc = document.deepCopy();
    for (int i = 0; i < patch.size(); i++) {
      JsonNode op = patch.get(i);
      if (!op.isObject()) {
        throw new JsonPatchException("operation " + i + " is not an object");
      }
      String name = text(op, "op", i);
      String path = text(op, "path", i);
      List<String> tokens = pointer(path, i);
      doc = switch (name) {
        case "add" -> add(doc, tokens, value(op, i), i, path);
        case "remove" -> {
          get(doc, tokens, i, path);
          yield remove(doc, tokens, i, path);
        }
        case "replace" -> {
          if (tokens.isEmpty()) {
            yield value(op, i);
          }
          get(doc, tokens, i, path);
          JsonNode removed = remove(doc, tokens, i, path);
          yield add(removed, tokens, value(op, i), i, path);
        }
        case "move" -> {
          String from = text(op, "from", i);
          List<String> fromTokens = pointer(from, i);
          if (path.startsWith(from + "/")) {
            throw new JsonPatchException("operation " + i + ": cannot move " + from + " into its own child " + path);
          }
          JsonNode v = get(doc, fromTokens, i, from).deepCopy();
          yield add(remove(doc, fromTokens, i, from), tokens, v, i, path);
        }
        case "copy" -> {
          String from = text(op, "from", i);
          JsonNode v = get(doc, pointer(from, i), i, from).deepCopy();
          yield add(doc, tokens, v, i, path);
        }
        case "test" -> {
          JsonNode actual = get(doc, tokens, i, path);
          if (!actual.equals(value(op, i))) {
            throw new JsonPatchException("operation " + i + ": test failed at " + path + ": found " + actual);
          }
          yield doc;
        }
        default -> throw new JsonPatchException("operation " + i + ": unknown op '" + name
            + "'; expected add, remove, replace, move, copy or test");
      };
    }
    return doc;
  }

  private static String text(JsonNode op, String field, int i) {
    JsonNode n = op.get(field);
    if (n == null || !n.isTextual()) {
      throw new JsonPatchException("operation " + i + " needs a string '" + field + "'");
    }
    return n.asText();
  }

  private static JsonNode value(JsonNode op, int i) {
    if (!op.has("value")) {
      throw new JsonPatchException("operation " + i + " needs a 'value'");
    }
    return op.get("value").deepCopy();
  }

  /// Splits a JSON Pointer into unescaped reference tokens.
  static List<String> pointer(String path, int i) {
    List<String> out = new ArrayList<>();
    if (path.isEmpty()) {
      return out;
    }
    if (path.charAt(0) != '/') {
      throw new JsonPatchException("operation " + i + ": path '" + path + "' must be empty or start with '/'");
    }
    for (String raw : path.substring(1).split("/", -1)) {
      if (raw.matches(".*~([^01]|$).*")) {
        throw new JsonPatchException("operation " + i + ": bad escape in path '" + path + "'");
      }
      out.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static JsonNode get(JsonNode doc, List<String> tokens, int i, String path) {
    JsonNode cur = doc;
    for (String t : tokens) {
      if (cur.isObject()) {
        cur = cur.get(t);
      } else if (cur.isArray()) {
        int k = index(t, cur.size() - 1, i, path);
        cur = cur.get(k);
      } else {
        cur = null;
      }
      if (cur == null) {
        throw new JsonPatchException("operation " + i + ": path " + path + " does not exist");
      }
    }
    return cur;
  }

  private static int index(String t, int max, int i, String path) {
    if (!t.matches("0|[1-9][0-9]{0,8}")) {
      throw new JsonPatchException("operation " + i + ": '" + t + "' in " + path + " is not an array index");
    }
    int k = Integer.parseInt(t);
    if (k > max) {
      throw new JsonPatchException("operation " + i + ": index " + k + " in " + path + " is out of bounds");
    }
    return k;
  }

  private static JsonNode add(JsonNode doc, List<String> tokens, JsonNode value, int i, String path) {
    if (tokens.isEmpty()) {
      return value;
    }
    JsonNode parent = get(doc, tokens.subList(0, tokens.size() - 1), i, path);
    String last = tokens.getLast();
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      if (last.equals("-")) {
        a.add(value);
      } else {
        a.insert(index(last, a.size(), i, path), value);
      }
    } else {
      throw new JsonPatchException("operation " + i + ": parent of " + path + " is not a container");
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, List<String> tokens, int i, String path) {
    if (tokens.isEmpty()) {
      throw new JsonPatchException("operation " + i + ": cannot remove the whole document");
    }
    JsonNode parent = get(doc, tokens.subList(0, tokens.size() - 1), i, path);
    String last = tokens.getLast();
    if (parent instanceof ObjectNode o) {
      if (o.remove(last) == null) {
        throw new JsonPatchException("operation " + i + ": path " + path + " does not exist");
      }
    } else if (parent instanceof ArrayNode a) {
      a.remove(index(last, a.size() - 1, i, path));
    } else {
      throw new JsonPatchException("operation " + i + ": parent of " + path + " is not a container");
    }
    return doc;
  }
}
