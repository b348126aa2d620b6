package io.nootropic.cli.inference;

import io.nootropic.cli.common.Progress;
import io.nootropic.cli.common.CliFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic tokenize --model FILE.gguf TEXT`: token ids and pieces of a text under a model's
/// tokenizer, or (`--bench`) the tokenizer's load time and encoding throughput.
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = {
      "Tokenizes TEXT (or --file) with the tokenizer stored in a GGUF file, exactly as llama.cpp does.",
      "Prints one line per token: id, vocabulary piece and the text it decodes to."
    })
public final class TokenizeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.gguf", description = "a GGUF model or vocab-only file")
  Path model;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "the text to tokenize")
  String text;

  @Option(names = "--file", paramLabel = "PATH", description = "read the text from this UTF-8 file instead")
  Path file;

  @Option(names = "--special", description = "parse special-token text such as <|im_end|> into its id")
  boolean parseSpecial;

  @Option(names = "--add-special", description = "add BOS/EOS as the model's metadata says")
  boolean addSpecial;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--bench", description = "measure load time and encoding throughput instead (on TEXT/--file, or a built-in sample)")
  boolean bench;

  @Option(names = "--repeat", paramLabel = "N", description = "--bench: repetitions per measurement (default ${DEFAULT-VALUE})")
  int repeat = 7;

  /// Creates the command; picocli fills in the fields.
  public TokenizeCommand() {}

  @Override
  public Integer call() throws IOException {
    CliFiles.requireFile(model, "--model");
    if (repeat < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1, was " + repeat);
    }
    String input = file != null ? Files.readString(CliFiles.requireFile(file, "--file"), StandardCharsets.UTF_8) : text;
    if (bench) {
      return bench(input);
    }
    if (input == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give TEXT or --file");
    }
    Tokenizer tokenizer;
    try (GgufFile gguf = GgufFile.open(model)) {
      tokenizer = Tokenizer.fromGguf(gguf.metadata());
    }
    int[] ids = tokenizer.encode(input, addSpecial, parseSpecial);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("model", tokenizer.model());
      root.put("pre", tokenizer.preTokenizer());
      root.put("vocabSize", tokenizer.vocabSize());
      root.put("count", ids.length);
      ArrayNode idArray = root.putArray("ids");
      ArrayNode tokens = root.putArray("tokens");
      for (int id : ids) {
        idArray.add(id);
        ObjectNode t = tokens.addObject();
        t.put("id", id);
        t.put("piece", tokenizer.piece(id));
        t.put("text", new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8));
        t.put("control", tokenizer.isControl(id));
      }
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      int width = String.valueOf(tokenizer.vocabSize()).length();
      for (int id : ids) {
        out.printf(Locale.ROOT, "%" + width + "d  %s  %s%n", id, visible(tokenizer.piece(id)),
            quote(new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8)));
      }
      out.printf(Locale.ROOT, "%d tokens (%s, pre %s)%n", ids.length, tokenizer.model(), tokenizer.preTokenizer());
    }
    out.flush();
    return 0;
  }

  private int bench(String input) throws IOException {
    String sample = input != null ? input : sampleText();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = Progress.of(spec);
    long[] open = new long[repeat];
    long[] build = new long[repeat];
    long[] hashMap = new long[repeat];
    Tokenizer tokenizer = null;
    for (int r = 0; r < repeat; r++) {
      progress.update("loading " + (r + 1) + "/" + repeat);
      long t0 = System.nanoTime();
      try (GgufFile gguf = GgufFile.open(model)) {
        long t1 = System.nanoTime();
        tokenizer = Tokenizer.fromGguf(gguf.metadata());
        long t2 = System.nanoTime();
        // baseline: just hashing the vocabulary strings into a HashMap
        String[] tokens = gguf.metadata().getStringArray("tokenizer.ggml.tokens");
        long t3 = System.nanoTime();
        java.util.HashMap<String, Integer> map = new java.util.HashMap<>();
        for (int i = 0; i < tokens.length; i++) {
          map.put(tokens[i], i);
        }
        long t4 = System.nanoTime();
        open[r] = t1 - t0;
        build[r] = t2 - t1;
        hashMap[r] = t4 - t3 + (map.isEmpty() ? 1 : 0);
      }
    }
    byte[] utf8 = sample.getBytes(StandardCharsets.UTF_8);
    long[] cold = new long[repeat];
    long[] warm = new long[repeat];
    long[] baseline = new long[repeat];
    int count = 0;
    for (int r = 0; r < repeat; r++) {
      progress.update("encoding " + (r + 1) + "/" + repeat);
      Tokenizer fresh;
      try (GgufFile gguf = GgufFile.open(model)) {
        fresh = Tokenizer.fromGguf(gguf.metadata());
      }
      long t0 = System.nanoTime();
      count = fresh.encode(sample, false, false).length;
      long t1 = System.nanoTime();
      fresh.encode(sample, false, false);
      long t2 = System.nanoTime();
      int sink = 0;
      for (int k = 0; k < 100; k++) {
        sink += sample.getBytes(StandardCharsets.UTF_8).length;
      }
      long t3 = System.nanoTime();
      cold[r] = t1 - t0;
      warm[r] = t2 - t1;
      baseline[r] = (t3 - t2) / 100 + (sink == 0 ? 1 : 0);
    }
    progress.done();
    double openMs = median(open) / 1e6;
    double buildMs = median(build) / 1e6;
    double hashMapMs = median(hashMap) / 1e6;
    double coldMs = median(cold) / 1e6;
    double warmMs = median(warm) / 1e6;
    double baseMs = median(baseline) / 1e6;
    double mb = utf8.length / 1e6;
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("model", model.toString());
      root.put("tokenizer", tokenizer.model());
      root.put("pre", tokenizer.preTokenizer());
      root.put("vocabSize", tokenizer.vocabSize());
      root.put("ggufOpenMs", openMs);
      root.put("tokenizerBuildMs", buildMs);
      root.put("vocabHashMapMs", hashMapMs);
      root.put("buildVsHashMap", buildMs / hashMapMs);
      root.put("textBytes", utf8.length);
      root.put("tokens", count);
      root.put("encodeColdMs", coldMs);
      root.put("encodeWarmMs", warmMs);
      root.put("getBytesMs", baseMs);
      root.put("coldVsGetBytes", coldMs / baseMs);
      root.put("warmVsGetBytes", warmMs / baseMs);
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      out.printf(Locale.ROOT, "%s: %s tokenizer, pre %s, %d tokens%n", model.getFileName(), tokenizer.model(),
          tokenizer.preTokenizer(), tokenizer.vocabSize());
      out.printf(Locale.ROOT, "load     GGUF open + metadata %.1f ms, tokenizer build %.1f ms (median of %d)%n",
          openMs, buildMs, repeat);
      out.printf(Locale.ROOT, "baseline HashMap<String,Integer> of the %d token strings %.1f ms: build is %.1fx that%n",
          tokenizer.vocabSize(), hashMapMs, buildMs / hashMapMs);
      out.printf(Locale.ROOT, "encode   %d bytes -> %d tokens: first run %.2f ms (%.1f MB/s), cached %.2f ms (%.1f MB/s)%n",
          utf8.length, count, coldMs, mb / (coldMs / 1e3), warmMs, mb / (warmMs / 1e3));
      out.printf(Locale.ROOT, "baseline String.getBytes(UTF_8) on the same text %.3f ms: encode is %.0fx (first run) / %.0fx (cached) slower%n",
          baseMs, coldMs / baseMs, warmMs / baseMs);
    }
    out.flush();
    return 0;
  }

  private static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
  }

  private static String sampleText() {
    String para = "The quick brown fox jumps over the lazy dog. It's 2026; we've tokenized 1234567 words "
        + "in English, Deutsch (Größe), français (élève), русский, 中文, 日本語 and emoji 😀👍.\n"
        + "    for (int i = 0; i < n; i++) { sum += values[i] * 31; }\n\n";
    return para.repeat(400);
  }

  private static String visible(String piece) {
    return piece.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
        .replace("\"", "\\\"") + "\"";
  }
}
