package io.nootropic.runtime.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.task.TaskEstimate;
import io.nootropic.api.task.TaskId;
import io.nootropic.runtime.task.TaskGraphException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/// Reads and writes task graphs as JSON documents, strictly: unknown fields, wrong types and
/// out-of-range values are refused with a [TaskGraphException] of kind
/// [TaskGraphException.Kind#INVALID_SPEC] naming the task and field.
///
/// The canonical document (the one JSON Patches address) keys tasks by id:
/// ```json
/// {"tasks": {
///   "build": {"capability": "demo.sleep", "inputs": {"ms": 200}, "estimateMs": 200, "deps": ["fetch"],
///             "costUsd": 0.01, "timeoutMs": 5000, "onInterrupt": "retry",
///             "retry": {"maxAttempts": 3, "initialBackoffMs": 100, "multiplier": 2.0, "maxBackoffMs": 5000}}
/// }}
/// ```
/// A list form, `"tasks": [{"id": "build", ...}]`, is accepted on input. Only `capability` is
/// required.
public final class TaskSpecs {

  private static final Set<String> TOP = Set.of("tasks", "name", "description");
  private static final Set<String> TASK = Set.of(
      "id", "capability", "inputs", "estimateMs", "costUsd", "deps", "retry", "timeoutMs", "onInterrupt");
  private static final Set<String> RETRY = Set.of("maxAttempts", "initialBackoffMs", "multiplier", "maxBackoffMs");

  private TaskSpecs() {}

  /// Parses a graph document (map or list form) into specifications, in document order.
  public static List<TaskSpec> fromJson(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      throw invalid(null, "a task graph document must be a JSON object with a 'tasks' field");
    }
    unknown(doc, TOP, null, "document");
    JsonNode tasks = doc.get("tasks");
    List<TaskSpec> out = new ArrayList<>();
    if (tasks == null) {
      throw invalid(null, "the document has no 'tasks' field");
    } else if (tasks.isObject()) {
      for (Map.Entry<String, JsonNode> e : tasks.properties()) {
        out.add(task(e.getKey(), e.getValue()));
      }
    } else if (tasks.isArray()) {
      for (JsonNode t : tasks) {
        JsonNode id = t.get("id");
        if (id == null || !id.isTextual()) {
          throw invalid(null, "every task in a 'tasks' list needs a string 'id'");
        }
        out.add(task(id.asText(), t));
      }
    } else {
      throw invalid(null, "'tasks' must be an object keyed by task id or a list");
    }
    return out;
  }

  private static TaskSpec task(String idText, JsonNode t) {
    TaskId id;
    try {
      id = TaskId.of(idText);
    } catch (IllegalArgumentException e) {
      throw invalid(null, e.getMessage());
    }
    if (!t.isObject()) {
      throw invalid(id, "task " + id + " must be a JSON object");
    }
    unknown(t, TASK, id, "task " + id);
    if (t.has("id") && !t.get("id").asText().equals(idText)) {
      throw invalid(id, "task " + id + " has a different 'id' field: " + t.get("id"));
    }
    JsonNode cap = t.get("capability");
    if (cap == null || !cap.isTextual() || cap.asText().isBlank()) {
      throw invalid(id, "task " + id + " needs a non-blank string 'capability'");
    }
    long estimate = nonNegativeLong(t, "estimateMs", id, 0);
    double cost = 0;
    if (t.has("costUsd")) {
      JsonNode c = t.get("costUsd");
      if (!c.isNumber() || c.asDouble() < 0 || Double.isInfinite(c.asDouble())) {
        throw invalid(id, "task " + id + ": 'costUsd' must be a number >= 0");
      }
      cost = c.asDouble();
    }
    List<TaskId> deps = new ArrayList<>();
    if (t.has("deps")) {
      JsonNode d = t.get("deps");
      if (!d.isArray()) {
        throw invalid(id, "task " + id + ": 'deps' must be a list of task ids");
      }
      for (JsonNode x : d) {
        if (!x.isTextual()) {
          throw invalid(id, "task " + id + ": 'deps' must hold strings, found " + x);
        }
        try {
          deps.add(TaskId.of(x.asText()));
        } catch (IllegalArgumentException e) {
          throw invalid(id, "task " + id + ": " + e.getMessage());
        }
      }
    }
    RetrySpec retry = null;
    if (t.has("retry")) {
      JsonNode r = t.get("retry");
      if (!r.isObject()) {
        throw invalid(id, "task " + id + ": 'retry' must be an object");
      }
      unknown(r, RETRY, id, "retry of task " + id);
      long max = nonNegativeLong(r, "maxAttempts", id, RetrySpec.DEFAULT.maxAttempts());
      long initial = nonNegativeLong(r, "initialBackoffMs", id, RetrySpec.DEFAULT.initialBackoff().toMillis());
      long maxBackoff = nonNegativeLong(r, "maxBackoffMs", id, Math.max(initial, RetrySpec.DEFAULT.maxBackoff().toMillis()));
      double mult = RetrySpec.DEFAULT.multiplier();
      if (r.has("multiplier")) {
        if (!r.get("multiplier").isNumber()) {
          throw invalid(id, "task " + id + ": 'retry.multiplier' must be a number");
        }
        mult = r.get("multiplier").asDouble();
      }
      try {
        retry = new RetrySpec((int) Math.min(max, 1000), Duration.ofMillis(initial), mult, Duration.ofMillis(maxBackoff));
      } catch (IllegalArgumentException e) {
        throw invalid(id, "task " + id + ": " + e.getMessage());
      }
    }
    Duration timeout = null;
    if (t.has("timeoutMs")) {
      long ms = nonNegativeLong(t, "timeoutMs", id, 0);
      if (ms == 0) {
        throw invalid(id, "task " + id + ": 'timeoutMs' must be positive");
      }
      timeout = Duration.ofMillis(ms);
    }
    InterruptPolicy onInterrupt = null;
    if (t.has("onInterrupt")) {
      String p = t.get("onInterrupt").asText("").toUpperCase(Locale.ROOT);
      try {
        onInterrupt = InterruptPolicy.valueOf(p);
      } catch (IllegalArgumentException e) {
        throw invalid(id, "task " + id + ": 'onInterrupt' must be 'retry' or 'fail'");
      }
    }
    try {
      return new TaskSpec(id, cap.asText(), t.get("inputs"), new TaskEstimate(Duration.ofMillis(estimate), cost),
          deps, retry, timeout, onInterrupt);
    } catch (IllegalArgumentException e) {
      throw invalid(id, e.getMessage());
    }
  }

  /// Writes specifications as the canonical document, keyed by id in the given order.
  public static ObjectNode toJson(List<TaskSpec> specs) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode doc = f.objectNode();
    ObjectNode tasks = doc.putObject("tasks");
    for (TaskSpec s : specs) {
      ObjectNode t = tasks.putObject(s.id().value());
      t.put("capability", s.capability());
      if (!s.inputs().isNull()) {
        t.set("inputs", s.inputs());
      }
      t.put("estimateMs", s.estimate().duration().toMillis());
      if (s.estimate().costUsd() != 0) {
        t.put("costUsd", s.estimate().costUsd());
      }
      ArrayNode deps = t.putArray("deps");
      s.deps().forEach(d -> deps.add(d.value()));
      ObjectNode r = t.putObject("retry");
      r.put("maxAttempts", s.retry().maxAttempts());
      r.put("initialBackoffMs", s.retry().initialBackoff().toMillis());
      r.put("multiplier", s.retry().multiplier());
      r.put("maxBackoffMs", s.retry().maxBackoff().toMillis());
      if (s.timeout() != null) {
        t.put("timeoutMs", s.timeout().toMillis());
      }
      t.put("onInterrupt", s.onInterrupt().name().toLowerCase(Locale.ROOT));
    }
    return doc;
  }

  /// Rewrites a document in list form into the canonical map form (for patching).
  public static ObjectNode canonical(JsonNode doc) {
    return toJson(fromJson(doc));
  }

  private static long nonNegativeLong(JsonNode n, String field, TaskId id, long dflt) {
    if (!n.has(field)) {
      return dflt;
    }
    JsonNode v = n.get(field);
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
      throw invalid(id, (id == null ? "" : "task " + id + ": ") + "'" + field + "' must be an integer >= 0, found " + v);
    }
    return v.asLong();
  }

  private static void unknown(JsonNode n, Set<String> known, TaskId id, String where) {
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String f = e.getKey();
      if (!known.contains(f)) {
        throw invalid(id, where + " has an unknown field '" + f + "'; known fields: " + known.stream().sorted().toList());
      }
    }
  }

  private static TaskGraphException invalid(TaskId id, String message) {
    return new TaskGraphException(Kind.INVALID_SPEC, id == null ? List.of() : List.of(id), message);
  }
}
