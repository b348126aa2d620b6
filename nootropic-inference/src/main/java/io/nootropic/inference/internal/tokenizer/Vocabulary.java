package io.nootropic.inference.internal.tokenizer;

import java.util.Objects;

/// Everything a tokenizer is built from, as a GGUF file's `tokenizer.ggml.*` keys hold it: the
/// tokenizer model, pre-tokenizer name, tokens with scores and types, BPE merges, special token ids
/// and the add-BOS/EOS/space-prefix flags. Absent optional values are `null` (ids: `null` means
/// "not given", so the model's default applies; an explicit id outside the vocabulary is ignored
/// the way llama.cpp ignores it).
public final class Vocabulary {

  /// The tokenizer algorithm family (`tokenizer.ggml.model`).
  public enum Model {
    /// SentencePiece-style score merging (`llama`).
    SPM("llama"),
    /// GPT-2 byte-level BPE (`gpt2`).
    BPE("gpt2"),
    /// WordPiece (`bert`).
    WPM("bert");

    private final String ggufName;

    Model(String ggufName) {
      this.ggufName = ggufName;
    }

    /// The `tokenizer.ggml.model` value.
    public String ggufName() {
      return ggufName;
    }

    /// The model named by a `tokenizer.ggml.model` value; throws for unsupported ones.
    public static Model forGgufName(String name) {
      for (Model m : values()) {
        if (m.ggufName.equals(name)) {
          return m;
        }
      }
      throw new VocabularyException("unsupported tokenizer model '" + name
          + "' (tokenizer.ggml.model); supported: llama, gpt2, bert");
    }
  }

  /// GGUF token types (`tokenizer.ggml.token_type`).
  public static final int TYPE_UNDEFINED = 0;
  /// A normal token.
  public static final int TYPE_NORMAL = 1;
  /// The unknown token.
  public static final int TYPE_UNKNOWN = 2;
  /// A control token (BOS, EOS, chat markers).
  public static final int TYPE_CONTROL = 3;
  /// A user-defined (added) token, always matched literally.
  public static final int TYPE_USER_DEFINED = 4;
  /// An unused slot.
  public static final int TYPE_UNUSED = 5;
  /// A byte-fallback token `<0xNN>`.
  public static final int TYPE_BYTE = 6;

  public final Model model;
  public final String pre;
  public final String[] tokens;
  public final float[] scores;
  public final int[] tokenTypes;
  public final String[] merges;
  public final Integer bos;
  public final Integer eos;
  public final Integer eot;
  public final Integer eom;
  public final Integer unk;
  public final Integer sep;
  public final Integer pad;
  public final Integer mask;
  public final Boolean addBos;
  public final Boolean addEos;
  public final Boolean addSpacePrefix;
  public final String modelName;

  private Vocabulary(Builder b) {
    this.model = Objects.requireNonNull(b.model, "model");
    this.tokens = Objects.requireNonNull(b.tokens, "tokens");
    if (tokens.length == 0) {
      throw new VocabularyException("tokenizer has no tokens (tokenizer.ggml.tokens is empty)");
    }
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] == null) {
        throw new VocabularyException("token " + i + " is null");
      }
    }
    if (b.scores != null && b.scores.length != tokens.length) {
      throw new VocabularyException("tokenizer.ggml.scores has " + b.scores.length + " entries, expected "
          + tokens.length);
    }
    if (b.tokenTypes != null && b.tokenTypes.length != tokens.length) {
      throw new VocabularyException("tokenizer.ggml.token_type has " + b.tokenTypes.length
          + " entries, expected " + tokens.length);
    }
    if (model == Model.BPE && b.merges == null) {
      throw new VocabularyException("BPE tokenizer without merges (tokenizer.ggml.merges missing)");
    }
    this.pre = b.pre;
    this.scores = b.scores;
    this.tokenTypes = b.tokenTypes;
    this.merges = b.merges;
    this.bos = b.bos;
    this.eos = b.eos;
    this.eot = b.eot;
    this.eom = b.eom;
    this.unk = b.unk;
    this.sep = b.sep;
    this.pad = b.pad;
    this.mask = b.mask;
    this.addBos = b.addBos;
    this.addEos = b.addEos;
    this.addSpacePrefix = b.addSpacePrefix;
    this.modelName = b.modelName;
  }

  /// Starts a vocabulary of the given model with the given tokens.
  public static Builder builder(Model model, String... tokens) {
    return new Builder(model, tokens);
  }

  /// Builds a [Vocabulary]; every setter is optional.
  public static final class Builder {
    private final Model model;
    private final String[] tokens;
    private String pre;
    private float[] scores;
    private int[] tokenTypes;
    private String[] merges;
    private Integer bos;
    private Integer eos;
    private Integer eot;
    private Integer eom;
    private Integer unk;
    private Integer sep;
    private Integer pad;
    private Integer mask;
    private Boolean addBos;
    private Boolean addEos;
    private Boolean addSpacePrefix;
    private String modelName;

    private Builder(Model model, String[] tokens) {
      this.model = model;
      this.tokens = tokens;
    }

    /// Sets the pre-tokenizer name (`tokenizer.ggml.pre`).
    public Builder pre(String v) {
      pre = v;
      return this;
    }

    /// Sets the scores (`tokenizer.ggml.scores`).
    public Builder scores(float[] v) {
      scores = v;
      return this;
    }

    /// Sets the token types (`tokenizer.ggml.token_type`).
    public Builder tokenTypes(int[] v) {
      tokenTypes = v;
      return this;
    }

    /// Sets the BPE merges (`tokenizer.ggml.merges`, "left right").
    public Builder merges(String[] v) {
      merges = v;
      return this;
    }

    /// Sets the BOS id.
    public Builder bos(Integer v) {
      bos = v;
      return this;
    }

    /// Sets the EOS id.
    public Builder eos(Integer v) {
      eos = v;
      return this;
    }

    /// Sets the end-of-turn id.
    public Builder eot(Integer v) {
      eot = v;
      return this;
    }

    /// Sets the end-of-message id.
    public Builder eom(Integer v) {
      eom = v;
      return this;
    }

    /// Sets the unknown-token id.
    public Builder unk(Integer v) {
      unk = v;
      return this;
    }

    /// Sets the separator id.
    public Builder sep(Integer v) {
      sep = v;
      return this;
    }

    /// Sets the padding id.
    public Builder pad(Integer v) {
      pad = v;
      return this;
    }

    /// Sets the mask id.
    public Builder mask(Integer v) {
      mask = v;
      return this;
    }

    /// Sets whether BOS is added (`tokenizer.ggml.add_bos_token`).
    public Builder addBos(Boolean v) {
      addBos = v;
      return this;
    }

    /// Sets whether EOS is added (`tokenizer.ggml.add_eos_token`).
    public Builder addEos(Boolean v) {
      addEos = v;
      return this;
    }

    /// Sets whether SPM prefixes a space (`tokenizer.ggml.add_space_prefix`).
    public Builder addSpacePrefix(Boolean v) {
      addSpacePrefix = v;
      return this;
    }

    /// Sets the model name (`general.name`), which selects a few per-model token attributes.
    public Builder modelName(String v) {
      modelName = v;
      return this;
    }

    /// Builds the vocabulary, checking array lengths.
    public Vocabulary build() {
      return new Vocabulary(this);
    }
  }
}
