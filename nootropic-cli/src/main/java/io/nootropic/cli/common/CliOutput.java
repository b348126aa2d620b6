package io.nootropic.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.nootropic.api.LoadProblem;
import java.io.PrintWriter;
import java.util.List;

/// Shared output helpers of the registry commands: JSON to YAML, problem warnings, plain tables.
public final class CliOutput {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private CliOutput() {}

  /// Parses JSON text produced by the registry.
  public static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the registry produced invalid JSON", e);
    }
  }

  /// Re-renders JSON text as YAML.
  public static String yaml(String json) {
    try {
      return YAML.writeValueAsString(tree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  /// Pretty JSON of a tree, with a final newline.
  public static String json(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /// Prints one warning line per skipped plugin.
  public static void warnProblems(List<LoadProblem> problems, PrintWriter err) {
    for (LoadProblem p : problems) {
      err.println("warning: plugin skipped (" + p.kind().externalName() + "): " + p.message());
    }
    err.flush();
  }

  /// Formats rows as left-aligned columns; the last column is not padded.
  public static String table(List<String[]> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    int cols = rows.getFirst().length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols - 1; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        if (i < cols - 1) {
          sb.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
        } else {
          sb.append(r[i]);
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
