package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/// `fs.write`: creates or replaces a file with the given text, atomically.
final class FsWriteTool extends BuiltinTool {

  FsWriteTool(ToolEnvironment env) {
    super(env, "fs.write", "Creates or replaces a file of the workspace with the given text (folders are created).", """
        {"type":"object","properties":{
          "path":{"type":"string","minLength":1,"description":"workspace-relative path"},
          "content":{"type":"string","description":"the complete new content"}},
         "required":["path","content"],"additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    String path = args.get("path").asText();
    boolean existed = env.workspace().exists(path);
    String content = args.get("content").asText();
    env.workspace().writeString(path, content);
    return JSON.createObjectNode().put("path", path).put("created", !existed)
        .put("bytes", content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }
}
