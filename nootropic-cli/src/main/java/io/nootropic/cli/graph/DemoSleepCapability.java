package io.nootropic.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Describable;
import io.nootropic.api.Stability;
import io.nootropic.runtime.executor.TaskCapability;
import io.nootropic.runtime.executor.TaskContext;

/// The built-in demo task capability `demo.sleep`: sleeps `ms` milliseconds (in small steps, so
/// cancellation is prompt), then fails when asked to, else returns `{"slept": ms, "attempt": n}`
/// plus the input `result`, if any.
///
/// Inputs: `ms` (integer, default 0), `fail` (boolean: always fail), `failAttempts` (integer:
/// fail the first N attempts), `result` (any value echoed back).
public final class DemoSleepCapability implements Describable, TaskCapability {

  /// Creates the capability.
  public DemoSleepCapability() {}

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("demo.sleep", CapabilityKind.UTILITY)
        .version("1.0.0")
        .summary("Demo task: sleeps for a number of milliseconds, or fails on demand")
        .description("Used by `nootropic graph` examples and tests. Never touches the file system or a shell.")
        .inputSchema("""
            {"type":"object","properties":{"ms":{"type":"integer","minimum":0},"fail":{"type":"boolean"},\
            "failAttempts":{"type":"integer","minimum":0},"result":{}},"additionalProperties":false}""")
        .outputSchema("""
            {"type":"object","properties":{"slept":{"type":"integer"},"attempt":{"type":"integer"},"result":{}}}""")
        .tags("demo", "task", "sleep")
        .stability(Stability.STABLE)
        .build();
  }

  @Override
  public JsonNode execute(TaskContext context) throws Exception {
    JsonNode in = context.inputs();
    long ms = Math.max(0, in.path("ms").asLong(0));
    long until = System.nanoTime() + ms * 1_000_000L;
    while (true) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      context.cancellation().throwIfCancelled();
      Thread.sleep(Math.min(20, Math.max(1, left / 1_000_000L)));
    }
    if (in.path("fail").asBoolean(false)) {
      throw new IllegalStateException("demo.sleep failed on request (task " + context.taskId() + ")");
    }
    if (context.attempt() <= in.path("failAttempts").asInt(0)) {
      throw new IllegalStateException("demo.sleep fails attempt " + context.attempt() + " on request");
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("slept", ms).put("attempt", context.attempt());
    if (in.has("result")) {
      out.set("result", in.get("result"));
    }
    return out;
  }
}
