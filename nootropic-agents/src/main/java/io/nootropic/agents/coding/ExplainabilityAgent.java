package io.nootropic.agents.coding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/// Keeps the why of a run: every change with its rationale, the context it was made from, the
/// model, its cost and the trace id, and every test run and repair, appended (and forced to disk)
/// to the run's `explain.jsonl` as it happens. [#read] gives them back; the request's input is a
/// run folder and the output its entries.
public final class ExplainabilityAgent extends BaseAgent<Path, List<JsonNode>> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.explain", CapabilityKind.AGENT).version("0.1.0")
        .summary("Records every change with its rationale, context ids, model, cost and trace id; reads them back.")
        .tags("agent", "explainability").build();
  }

  @Override
  protected AgentResponse<List<JsonNode>> doExecute(AgentRequest<Path> request, AgentInvocation invocation) {
    List<JsonNode> entries = read(request.input());
    return AgentResponse.of(entries, entries.size() + " entries");
  }

  /// Appends one entry of `type` (with a timestamp) to `runDir/explain.jsonl`.
  public static void record(Path runDir, String type, ObjectNode fields) {
    ObjectNode e = JSON.createObjectNode().put("type", type).put("time", Instant.now().toString());
    e.setAll(fields);
    byte[] line = (e + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(runDir);
      Path file = runDir.resolve("explain.jsonl");
      boolean torn = false;
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ)) {
          java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
          r.read(last, r.size() - 1);
          torn = last.get(0) != '\n'; // a line cut short by a crash: start on a line of our own
        }
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE)) {
        if (torn) {
          ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
        }
        ch.write(java.nio.ByteBuffer.wrap(line));
        ch.force(false);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot record the explanation in " + runDir + ": " + ex.getMessage(), ex);
    }
  }

  /// The entries of `runDir/explain.jsonl`, oldest first; a line cut short by a crash is skipped.
  public static List<JsonNode> read(Path runDir) {
    Path file = runDir.resolve("explain.jsonl");
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readTree(line));
        } catch (IOException torn) {
          // the last line of a killed run may be incomplete
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /// A JSON array of `values`.
  public static com.fasterxml.jackson.databind.node.ArrayNode array(List<String> values) {
    com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  /// A fresh object for [#record]'s fields.
  public static ObjectNode fields() {
    return JSON.createObjectNode();
  }
}
