package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.edit.Edit;
import io.nootropic.agents.edit.EditApplier;
import io.nootropic.agents.edit.EditException;
import java.util.List;

/// `fs.edit`: replaces one run of lines of a file; the search text must match exactly one place
/// (with the applier's cascade: exact, trailing whitespace, indentation, Unicode punctuation,
/// `...` elisions).
final class FsEditTool extends BuiltinTool {

  FsEditTool(ToolEnvironment env) {
    super(env, "fs.edit", "Replaces the lines 'search' of a file with 'replace'; 'search' must match exactly one place.", """
        {"type":"object","properties":{
          "path":{"type":"string","minLength":1,"description":"workspace-relative path"},
          "search":{"type":"string","minLength":1,"description":"existing lines, copied exactly"},
          "replace":{"type":"string","description":"the lines to put instead"}},
         "required":["path","search","replace"],"additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    String path = args.get("path").asText();
    String search = withNewline(args.get("search").asText());
    String replace = withNewline(args.get("replace").asText());
    env.workspace().readString(path); // refusals (outside, secret, missing) keep their own type
    EditApplier.Report r = EditApplier.apply(env.workspace(), List.of(new Edit.Replace(path, search, replace)), false);
    EditApplier.Result result = r.results().getFirst();
    if (!result.ok()) {
      throw new EditException(result.message());
    }
    return JSON.createObjectNode().put("path", path).put("status", result.status()).put("match", result.match());
  }

  private static String withNewline(String s) {
    return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
  }
}
