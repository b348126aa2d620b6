package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.workspace.Workspace;
import java.util.List;
import java.util.Locale;

/// `fs.list`: the entries of a folder, a few levels deep; links are shown, not followed.
final class FsListTool extends BuiltinTool {

  FsListTool(ToolEnvironment env) {
    super(env, "fs.list", "Lists a folder of the workspace (the root by default), a few levels deep.", """
        {"type":"object","properties":{
          "path":{"type":"string","description":"workspace-relative folder; empty for the root"},
          "depth":{"type":"integer","minimum":1,"maximum":10},
          "limit":{"type":"integer","minimum":1,"maximum":5000}},
         "additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    String path = args.path("path").asText("");
    int limit = args.path("limit").asInt(500);
    List<Workspace.Entry> entries = env.workspace().list(path, args.path("depth").asInt(2), limit + 1);
    ObjectNode out = JSON.createObjectNode().put("path", path);
    ArrayNode arr = out.putArray("entries");
    for (Workspace.Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
      ObjectNode n = arr.addObject().put("path", e.path()).put("type", e.type().name().toLowerCase(Locale.ROOT));
      if (e.type() == Workspace.Type.FILE) {
        n.put("size", e.size());
      }
      if (e.linkTarget() != null) {
        n.put("target", e.linkTarget());
      }
    }
    return out.put("truncated", entries.size() > limit);
  }
}
