package io.nootropic.cli.inference;

import io.nootropic.cli.common.CliFiles;
import io.nootropic.cli.common.CliOutput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.inference.gguf.GgufArray;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufMetadata;
import io.nootropic.inference.gguf.GgufTensorInfo;
import io.nootropic.inference.gguf.GgufValueType;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic inspect FILE.gguf [--json] [--tensors]`: the header, metadata (long arrays
/// abbreviated) and tensor table of a GGUF file, validated as the engine loads it. Invalid files
/// give a one-line error naming the rule and byte offset, and exit code 1.
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the header, metadata and tensors of a GGUF file after validating it.",
      "Invalid files are reported with the rule broken and its byte offset (exit code 1)."
    })
public final class InspectCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.gguf", description = "the GGUF file")
  Path file;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--tensors", description = "list every tensor (name, type, shape, offset, bytes)")
  boolean tensors;

  @Option(names = "--array-limit", paramLabel = "N",
      description = "array elements shown per metadata array (default ${DEFAULT-VALUE})")
  int arrayLimit = 8;

  @Option(names = "--string-limit", paramLabel = "N",
      description = "characters shown per string value in text output (default ${DEFAULT-VALUE}; JSON is never cut)")
  int stringLimit = 120;

  /// Creates the command; picocli fills in the fields.
  public InspectCommand() {}

  @Override
  public Integer call() throws IOException {
    if (arrayLimit < 0 || stringLimit < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "limits must be >= 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (GgufFile gguf = GgufFile.open(CliFiles.requireFile(file, "FILE.gguf"))) {
      if (json) {
        out.print(CliOutput.json(toJson(gguf)));
      } else {
        printText(gguf, out);
      }
    }
    out.flush();
    return 0;
  }

  // ------------------------------------------------------------------ JSON

  private ObjectNode toJson(GgufFile gguf) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("file", gguf.path().toString());
    root.put("version", gguf.version());
    root.put("size", gguf.fileSize());
    root.put("alignment", gguf.alignment());
    root.put("dataOffset", gguf.dataSectionOffset());
    GgufMetadata m = gguf.metadata();
    ObjectNode meta = root.putObject("metadata");
    for (String key : m.keys()) {
      ObjectNode entry = meta.putObject(key);
      GgufValueType type = m.type(key).orElseThrow();
      entry.put("type", type.name());
      Object value = m.get(key);
      if (value instanceof GgufArray a) {
        entry.put("elementType", a.elementType().name());
        entry.put("length", a.size());
        ArrayNode values = entry.putArray("values");
        int shown = Math.min(a.size(), arrayLimit);
        for (int i = 0; i < shown; i++) {
          addElement(values, a, i);
        }
        entry.put("truncated", shown < a.size());
      } else {
        putScalar(entry, type, value);
      }
    }
    root.put("tensorCount", gguf.tensors().size());
    root.put("tensorBytes", gguf.tensors().stream().mapToLong(GgufTensorInfo::byteSize).sum());
    ObjectNode types = root.putObject("tensorTypes");
    typeCounts(gguf).forEach(types::put);
    if (tensors) {
      ArrayNode list = root.putArray("tensors");
      for (GgufTensorInfo t : gguf.tensors()) {
        ObjectNode n = list.addObject();
        n.put("name", t.name());
        n.put("type", t.type().name());
        ArrayNode shape = n.putArray("shape");
        for (long d : t.shape()) {
          shape.add(d);
        }
        n.put("offset", t.offset());
        n.put("bytes", t.byteSize());
      }
    }
    return root;
  }

  private static void putScalar(ObjectNode entry, GgufValueType type, Object value) {
    switch (value) {
      case Long l when type == GgufValueType.UINT64 && l < 0 ->
          entry.put("value", new BigInteger(Long.toUnsignedString(l)));
      case Long l -> entry.put("value", l);
      case Double d -> entry.put("value", d);
      case Boolean b -> entry.put("value", b);
      default -> entry.put("value", String.valueOf(value));
    }
  }

  private static void addElement(ArrayNode values, GgufArray a, int i) {
    switch (a.elementType()) {
      case STRING -> values.add(a.getString(i));
      case BOOL -> values.add(a.getLong(i) != 0);
      case FLOAT32, FLOAT64 -> values.add(a.getDouble(i));
      case UINT64 -> values.add(new BigInteger(Long.toUnsignedString(a.getLong(i))));
      default -> values.add(a.getLong(i));
    }
  }

  private static Map<String, Integer> typeCounts(GgufFile gguf) {
    Map<String, Integer> counts = new TreeMap<>();
    for (GgufTensorInfo t : gguf.tensors()) {
      counts.merge(t.type().name(), 1, Integer::sum);
    }
    return counts;
  }

  // ------------------------------------------------------------------ text

  private void printText(GgufFile gguf, PrintWriter out) {
    out.println("file:      " + gguf.path());
    out.println("version:   " + gguf.version() + "   size: " + gguf.fileSize() + " bytes   alignment: "
        + gguf.alignment() + "   data at: " + gguf.dataSectionOffset());
    GgufMetadata m = gguf.metadata();
    out.println();
    out.println("metadata (" + m.size() + " keys):");
    List<String[]> rows = new ArrayList<>();
    for (String key : m.keys()) {
      Object value = m.get(key);
      String type = value instanceof GgufArray a
          ? "ARRAY<" + a.elementType() + ">[" + a.size() + "]" : m.type(key).orElseThrow().name();
      rows.add(new String[] {"  " + key, type, render(m.type(key).orElseThrow(), value)});
    }
    out.print(CliOutput.table(rows));
    long bytes = gguf.tensors().stream().mapToLong(GgufTensorInfo::byteSize).sum();
    out.println();
    out.println("tensors:   " + gguf.tensors().size() + " (" + typeCounts(gguf).entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + "), "
        + bytes + " bytes");
    if (tensors && !gguf.tensors().isEmpty()) {
      List<String[]> table = new ArrayList<>();
      table.add(new String[] {"  name", "type", "shape", "offset", "bytes"});
      for (GgufTensorInfo t : gguf.tensors()) {
        table.add(new String[] {"  " + t.name(), t.type().name(),
            Arrays.stream(t.shape()).mapToObj(Long::toString).collect(Collectors.joining(" x ")),
            Long.toString(t.offset()), Long.toString(t.byteSize())});
      }
      out.print(CliOutput.table(table));
    }
  }

  private String render(GgufValueType type, Object value) {
    if (value instanceof GgufArray a) {
      StringBuilder sb = new StringBuilder("[");
      int shown = Math.min(a.size(), arrayLimit);
      for (int i = 0; i < shown; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(switch (a.elementType()) {
          case STRING -> quote(a.getString(i));
          case BOOL -> Boolean.toString(a.getLong(i) != 0);
          case FLOAT32, FLOAT64 -> Double.toString(a.getDouble(i));
          case UINT64 -> Long.toUnsignedString(a.getLong(i));
          default -> Long.toString(a.getLong(i));
        });
      }
      if (shown < a.size()) {
        sb.append(shown > 0 ? ", " : "").append("... ").append(a.size() - shown).append(" more");
      }
      return sb.append(']').toString();
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (type == GgufValueType.UINT64 && value instanceof Long l) {
      return Long.toUnsignedString(l);
    }
    return String.valueOf(value);
  }

  private String quote(String s) {
    String shown = s.length() > stringLimit ? s.substring(0, stringLimit) : s;
    StringBuilder sb = new StringBuilder("\"");
    shown.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    });
    sb.append('"');
    if (shown.length() < s.length()) {
      sb.append("... (").append(s.length()).append(" chars)");
    }
    return sb.toString();
  }
}
