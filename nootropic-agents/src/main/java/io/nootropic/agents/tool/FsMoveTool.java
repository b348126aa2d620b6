package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/// `fs.move`: renames a file or folder; the target must not exist.
final class FsMoveTool extends BuiltinTool {

  FsMoveTool(ToolEnvironment env) {
    super(env, "fs.move", "Moves (renames) a file or folder of the workspace; the target must not exist.", """
        {"type":"object","properties":{
          "from":{"type":"string","minLength":1},
          "to":{"type":"string","minLength":1}},
         "required":["from","to"],"additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    String from = args.get("from").asText();
    String to = args.get("to").asText();
    env.workspace().move(from, to);
    return JSON.createObjectNode().put("from", from).put("to", to);
  }
}
