package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/// `fs.delete`: deletes a file, a link (never what it points to) or an empty folder.
final class FsDeleteTool extends BuiltinTool {

  FsDeleteTool(ToolEnvironment env) {
    super(env, "fs.delete", "Deletes a file, a link or an empty folder of the workspace.", """
        {"type":"object","properties":{
          "path":{"type":"string","minLength":1,"description":"workspace-relative path"}},
         "required":["path"],"additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    String path = args.get("path").asText();
    env.workspace().delete(path);
    return JSON.createObjectNode().put("path", path).put("deleted", true);
  }
}
