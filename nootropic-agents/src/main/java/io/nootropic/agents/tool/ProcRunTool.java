package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.command.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/// `proc.run`: runs an allowed program with its arguments, without a shell, in a workspace folder.
final class ProcRunTool extends BuiltinTool {

  ProcRunTool(ToolEnvironment env) {
    super(env, "proc.run", "Runs an allowed program with arguments (no shell: no pipes or redirections) in a workspace folder.", """
        {"type":"object","properties":{
          "argv":{"type":"array","items":{"type":"string"},"minItems":1,"description":"the program, then each argument"},
          "cwd":{"type":"string","description":"workspace-relative folder; empty for the root"},
          "timeoutSeconds":{"type":"integer","minimum":1,"maximum":3600}},
         "required":["argv"],"additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    List<String> argv = new ArrayList<>();
    args.get("argv").forEach(a -> argv.add(a.asText()));
    Duration timeout = args.has("timeoutSeconds") ? Duration.ofSeconds(args.get("timeoutSeconds").asLong()) : null;
    CommandResult r = env.commands().run(argv, args.path("cwd").asText(""), timeout);
    ObjectNode out = JSON.createObjectNode();
    out.putArray("argv").addAll(argv.stream().map(JSON.getNodeFactory()::textNode).toList());
    return out.put("cwd", r.cwd()).put("exitCode", r.exitCode()).put("timedOut", r.timedOut())
        .put("stdout", r.stdout()).put("stderr", r.stderr()).put("truncated", r.truncated())
        .put("elapsedMs", r.elapsed().toMillis());
  }
}
