package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/// `fs.read`: a file's text, or a window of its lines.
final class FsReadTool extends BuiltinTool {

  static final int MAX_LINES = 2000;

  FsReadTool(ToolEnvironment env) {
    super(env, "fs.read", "Reads a text file of the workspace, whole or a window of its lines (1-based, inclusive).", """
        {"type":"object","properties":{
          "path":{"type":"string","minLength":1,"description":"workspace-relative path"},
          "startLine":{"type":"integer","minimum":1},
          "endLine":{"type":"integer","minimum":1}},
         "required":["path"],"additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    String path = args.get("path").asText();
    String text = env.workspace().readString(path);
    List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    int total = text.endsWith("\n") ? lines.size() - 1 : lines.size();
    int start = args.path("startLine").asInt(1);
    int end = args.path("endLine").asInt(Math.min(total, start + MAX_LINES - 1));
    if (end < start) {
      throw new ToolArgumentException("endLine " + end + " is before startLine " + start);
    }
    end = Math.min(end, Math.min(total, start + MAX_LINES - 1));
    StringBuilder content = new StringBuilder();
    for (int i = start; i <= end; i++) {
      content.append(lines.get(i - 1)).append('\n');
    }
    ObjectNode out = JSON.createObjectNode().put("path", path).put("totalLines", total);
    if (start > total && total > 0) {
      return out.put("content", "").put("note", "the file has " + total + " lines; startLine " + start + " is past its end");
    }
    out.put("startLine", start).put("endLine", Math.max(end, start - 1)).put("content", content.toString());
    if (end < total) {
      out.put("note", "lines " + (end + 1) + "-" + total + " not shown; read them with startLine " + (end + 1));
    }
    return out;
  }
}
