package io.nootropic.inference.gguf;

import java.util.Map;

/// Type rules for well-known keys, checked while parsing so that a mistyped key (for example
/// `tokenizer.ggml.tokens` stored as an int array) is refused up front with rule `key-wrong-type`
/// rather than discovered by a consumer.
final class KnownKeys {

  private KnownKeys() { }

  private enum Kind { STRING, UINT32, INTEGER, INT_OR_INT_ARRAY, NUMBER, BOOL, STRING_ARRAY, FLOAT_ARRAY, INT_ARRAY }

  private static final Map<String, Kind> GENERAL = Map.ofEntries(
      Map.entry("general.architecture", Kind.STRING),
      Map.entry("general.name", Kind.STRING),
      Map.entry(GgufParser.ALIGNMENT_KEY, Kind.UINT32),
      Map.entry("general.file_type", Kind.INTEGER),
      Map.entry("general.quantization_version", Kind.INTEGER),
      Map.entry("tokenizer.ggml.model", Kind.STRING),
      Map.entry("tokenizer.ggml.pre", Kind.STRING),
      Map.entry("tokenizer.chat_template", Kind.STRING),
      Map.entry("tokenizer.ggml.tokens", Kind.STRING_ARRAY),
      Map.entry("tokenizer.ggml.merges", Kind.STRING_ARRAY),
      Map.entry("tokenizer.ggml.added_tokens", Kind.STRING_ARRAY),
      Map.entry("tokenizer.ggml.scores", Kind.FLOAT_ARRAY),
      Map.entry("tokenizer.ggml.token_type", Kind.INT_ARRAY),
      Map.entry("tokenizer.ggml.add_bos_token", Kind.BOOL),
      Map.entry("tokenizer.ggml.add_eos_token", Kind.BOOL),
      Map.entry("tokenizer.ggml.add_space_prefix", Kind.BOOL),
      Map.entry("tokenizer.ggml.remove_extra_whitespaces", Kind.BOOL));

  /// Per-architecture keys (`<arch>.` + suffix).
  private static final Map<String, Kind> ARCH = Map.ofEntries(
      Map.entry("context_length", Kind.INTEGER),
      Map.entry("embedding_length", Kind.INTEGER),
      Map.entry("block_count", Kind.INTEGER),
      Map.entry("vocab_size", Kind.INTEGER),
      Map.entry("feed_forward_length", Kind.INT_OR_INT_ARRAY),
      Map.entry("attention.head_count", Kind.INT_OR_INT_ARRAY),
      Map.entry("attention.head_count_kv", Kind.INT_OR_INT_ARRAY),
      Map.entry("attention.key_length", Kind.INTEGER),
      Map.entry("attention.value_length", Kind.INTEGER),
      Map.entry("attention.layer_norm_rms_epsilon", Kind.NUMBER),
      Map.entry("attention.layer_norm_epsilon", Kind.NUMBER),
      Map.entry("rope.dimension_count", Kind.INTEGER),
      Map.entry("rope.freq_base", Kind.NUMBER),
      Map.entry("rope.scaling.factor", Kind.NUMBER));

  static void check(GgufMetadata metadata) {
    String arch = null;
    GgufMetadata.Entry archEntry = metadata.entry("general.architecture");
    if (archEntry != null && archEntry.value() instanceof String s) {
      arch = s + ".";
    }
    for (Map.Entry<String, GgufMetadata.Entry> e : metadata.entries().entrySet()) {
      String key = e.getKey();
      Kind kind = GENERAL.get(key);
      if (kind == null && key.endsWith("_token_id") && key.startsWith("tokenizer.ggml.")) {
        kind = Kind.INTEGER;
      }
      if (kind == null && arch != null && key.startsWith(arch)) {
        kind = ARCH.get(key.substring(arch.length()));
      }
      if (kind != null) {
        checkKind(key, e.getValue(), kind);
      }
    }
    GgufMetadata.Entry tokens = metadata.entry("tokenizer.ggml.tokens");
    if (tokens != null) {
      int n = ((GgufArray) tokens.value()).size();
      for (String k : new String[] {"tokenizer.ggml.scores", "tokenizer.ggml.token_type"}) {
        GgufMetadata.Entry other = metadata.entry(k);
        if (other != null && ((GgufArray) other.value()).size() != n) {
          throw new GgufFormatException("token-array-length-mismatch", other.offset(), k + " has "
              + ((GgufArray) other.value()).size() + " elements but tokenizer.ggml.tokens has " + n);
        }
      }
    }
  }

  private static void checkKind(String key, GgufMetadata.Entry e, Kind kind) {
    GgufValueType t = e.type();
    GgufValueType et = e.value() instanceof GgufArray a ? a.elementType() : null;
    boolean ok = switch (kind) {
      case STRING -> t == GgufValueType.STRING;
      case UINT32 -> t == GgufValueType.UINT32;
      case INTEGER -> t.isInteger();
      case INT_OR_INT_ARRAY -> t.isInteger() || (et != null && et.isInteger());
      case NUMBER -> t.isInteger() || t.isFloat();
      case BOOL -> t == GgufValueType.BOOL;
      case STRING_ARRAY -> et == GgufValueType.STRING;
      case FLOAT_ARRAY -> et == GgufValueType.FLOAT32;
      case INT_ARRAY -> et != null && et.isInteger();
    };
    if (!ok) {
      String expected = switch (kind) {
        case STRING -> "STRING";
        case UINT32 -> "UINT32";
        case INTEGER -> "an integer";
        case INT_OR_INT_ARRAY -> "an integer or an integer array";
        case NUMBER -> "a number";
        case BOOL -> "BOOL";
        case STRING_ARRAY -> "ARRAY<STRING>";
        case FLOAT_ARRAY -> "ARRAY<FLOAT32>";
        case INT_ARRAY -> "ARRAY<INT32>";
      };
      throw new GgufFormatException("key-wrong-type", e.offset(),
          "key " + key + " is " + GgufMetadata.describe(e) + ", expected " + expected);
    }
  }
}
