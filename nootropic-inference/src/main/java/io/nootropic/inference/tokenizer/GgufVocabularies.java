package io.nootropic.inference.tokenizer;

import io.nootropic.inference.gguf.GgufMetadata;
import io.nootropic.inference.internal.tokenizer.Vocabulary;
import io.nootropic.inference.internal.tokenizer.VocabularyException;
import java.util.Objects;

/// Reads the `tokenizer.ggml.*` keys of a GGUF file's metadata into a [Vocabulary].
final class GgufVocabularies {

  static final String MODEL = "tokenizer.ggml.model";
  static final String PRE = "tokenizer.ggml.pre";
  static final String TOKENS = "tokenizer.ggml.tokens";
  static final String SCORES = "tokenizer.ggml.scores";
  static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
  static final String MERGES = "tokenizer.ggml.merges";

  private GgufVocabularies() { }

  static Vocabulary read(GgufMetadata md) {
    Objects.requireNonNull(md, "metadata");
    String modelName = md.findString(MODEL).orElseThrow(() -> new TokenizerException(
        "the file has no tokenizer (" + MODEL + " is missing)"));
    Vocabulary.Model model;
    try {
      model = Vocabulary.Model.forGgufName(modelName);
    } catch (VocabularyException e) {
      throw new TokenizerException(e.getMessage(), e);
    }
    if (!md.contains(TOKENS)) {
      throw new TokenizerException("the file has no tokens (" + TOKENS + " is missing)");
    }
    Vocabulary.Builder b = Vocabulary.builder(model, md.getStringArray(TOKENS))
        .pre(md.findString(PRE).orElse(null))
        .modelName(md.findString("general.name").orElse(null));
    if (md.contains(SCORES)) {
      b.scores(md.getFloatArray(SCORES));
    }
    if (md.contains(TOKEN_TYPE)) {
      b.tokenTypes(md.getIntArray(TOKEN_TYPE));
    }
    if (md.contains(MERGES)) {
      b.merges(md.getStringArray(MERGES));
    }
    b.bos(id(md, "tokenizer.ggml.bos_token_id"))
        .eos(id(md, "tokenizer.ggml.eos_token_id"))
        .eot(id(md, "tokenizer.ggml.eot_token_id"))
        .eom(id(md, "tokenizer.ggml.eom_token_id"))
        .unk(id(md, "tokenizer.ggml.unknown_token_id"))
        .sep(id(md, "tokenizer.ggml.seperator_token_id"))
        .pad(id(md, "tokenizer.ggml.padding_token_id"))
        .mask(id(md, "tokenizer.ggml.mask_token_id"));
    if (model == Vocabulary.Model.WPM && !md.contains("tokenizer.ggml.bos_token_id")) {
      b.bos(id(md, "tokenizer.ggml.cls_token_id"));
    }
    b.addBos(flag(md, "tokenizer.ggml.add_bos_token"))
        .addEos(flag(md, "tokenizer.ggml.add_eos_token"))
        .addSpacePrefix(flag(md, "tokenizer.ggml.add_space_prefix"));
    try {
      return b.build();
    } catch (VocabularyException e) {
      throw new TokenizerException(e.getMessage(), e);
    }
  }

  /// A token id key; `null` when absent, -1 when present but not a usable id (llama.cpp then keeps
  /// the model's default, and so do we).
  private static Integer id(GgufMetadata md, String key) {
    if (!md.contains(key)) {
      return null;
    }
    long v = md.getLong(key);
    return v >= 0 && v < Integer.MAX_VALUE ? (int) v : -1;
  }

  private static Boolean flag(GgufMetadata md, String key) {
    return md.contains(key) ? md.getBool(key, false) : null;
  }
}
