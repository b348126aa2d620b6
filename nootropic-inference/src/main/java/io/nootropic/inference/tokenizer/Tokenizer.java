package io.nootropic.inference.tokenizer;

import io.nootropic.api.model.TokenCounter;
import io.nootropic.inference.gguf.GgufMetadata;

/// Turns text into token ids and back, exactly as llama.cpp does for the same vocabulary.
///
/// ## Encoding
/// [#encode(String, boolean, boolean)] first splits out special tokens: user-defined tokens are
/// always matched literally; control and unknown tokens (`<s>`, `<|im_end|>`, ...) only when
/// `parseSpecial` is true, otherwise their text is tokenized like any other text. Unpaired UTF-16
/// surrogates in the input are replaced by U+FFFD before anything else, so encoding never fails
/// on any `String`.
///
/// ## Decoding
/// [#decode(int[])] is the inverse of `encode(text, addSpecial, false)` for every valid text on
/// the lossless vocabularies: byte-level BPE whose vocabulary has all 256 byte stand-ins (GPT-2,
/// Llama 3, Qwen2, DeepSeek; Falcon and StarCoder lack a few, and those bytes are dropped as
/// llama.cpp drops them), and SentencePiece with byte fallback for text without U+2581 (which
/// SentencePiece cannot tell from a space) and without user-defined tokens that strip the
/// whitespace after them (Phi-3's `</s>`). WordPiece lower-cases and strips accents. In detail:
/// - control, unknown and unused tokens contribute nothing; user-defined tokens their text;
/// - byte-level tokens are mapped back to their bytes, `<0xNN>` byte-fallback tokens to their
///   byte, and the bytes of the whole sequence are then decoded as UTF-8 (malformed sequences,
///   e.g. a cut-off multi-byte character, become U+FFFD);
/// - SentencePiece with `add_space_prefix` (and WordPiece): the space the encoder prefixed to a
///   run of text is removed again, i.e. one leading space of the first token at the start and of
///   the first token after every special token. llama.cpp's `detokenize` only strips at the very
///   start and not after BOS; this keeps `decode(encode(s, true, false)) == s` as well.
/// - No "clean up tokenization spaces" pass is applied (it would break the round trip).
///
/// For streaming, [#tokenBytes(int)] gives each token's raw bytes with nothing stripped (as
/// llama.cpp's `token_to_piece` with `lstrip = 0`); [#decodeRaw(int[], boolean)] concatenates them.
///
/// Implementations are immutable and thread-safe.
public interface Tokenizer extends TokenCounter {

  /// Builds the tokenizer a GGUF file's `tokenizer.ggml.*` metadata describes: SentencePiece
  /// (`llama`), byte-level BPE (`gpt2`, pre-tokenizer from `tokenizer.ggml.pre`) or WordPiece
  /// (`bert`).
  ///
  /// Supported `tokenizer.ggml.pre` values (llama.cpp's names): `default`; `llama3`, `llama-v3`,
  /// `llama-bpe`, `falcon3`, `dbrx`, `smaug-bpe`; `qwen2`, `deepseek-r1-qwen`, `megrez`,
  /// `stablelm2`; `gpt-2`, `phi-2`, `mpt`, `olmo`, `jais`, `gigachat`, `roberta-bpe`, the `jina-*`
  /// ones; `starcoder`, `refact`, `command-r`, `smollm`, `codeshell`, `exaone`, `minerva-7b`;
  /// `falcon`; `deepseek-llm`; `deepseek-coder`.
  ///
  /// @throws TokenizerException for a missing or unsupported tokenizer model or pre-tokenizer, or
  ///     inconsistent arrays
  static Tokenizer fromGguf(GgufMetadata metadata) {
    return EngineTokenizer.of(GgufVocabularies.read(metadata));
  }

  /// Tokenizes `text`. `addSpecial` adds BOS/EOS as the metadata says (WordPiece: `[CLS]` and
  /// `[SEP]`); `parseSpecial` lets control-token text in the input map to its id.
  int[] encode(String text, boolean addSpecial, boolean parseSpecial);

  /// Tokenizes `text` without adding or parsing special tokens.
  default int[] encode(String text) {
    return encode(text, false, false);
  }

  /// The exact inverse of `encode(text, *, false)` (see the type's documentation).
  String decode(int[] tokens);

  /// Concatenates the tokens' pieces without removing any space; control and unknown tokens are
  /// rendered as their text when `renderSpecial`, else as nothing.
  String decodeRaw(int[] tokens, boolean renderSpecial);

  /// The raw bytes this token contributes when decoded (byte-level and byte-fallback decoded,
  /// nothing for control tokens), for assembling UTF-8 while streaming.
  byte[] tokenBytes(int token);

  /// The vocabulary string of a token, as stored.
  String piece(int token);

  /// The id of the token whose vocabulary string is exactly `piece`, or -1.
  int tokenId(String piece);

  /// Number of tokens in the vocabulary.
  int vocabSize();

  /// BOS id, or -1 when absent.
  int bos();

  /// EOS id, or -1 when absent.
  int eos();

  /// End-of-turn id (from metadata, or detected by text like `<|eot_id|>`), or -1.
  int eot();

  /// Whether `encode(..., addSpecial=true, ...)` prepends BOS.
  boolean addsBos();

  /// Whether `encode(..., addSpecial=true, ...)` appends EOS.
  boolean addsEos();

  /// Whether generation should stop at this token: EOS, EOT, EOM and the usual end markers
  /// (`<|im_end|>`, `<|eot_id|>`, `<|end_of_text|>`, `<|endoftext|>`, `<|end|>`, ...).
  boolean isEndOfGeneration(int token);

  /// Whether the token is a control token (never produced from plain text).
  boolean isControl(int token);

  /// The tokenizer model: `llama`, `gpt2` or `bert`.
  String model();

  /// The pre-tokenizer name (`tokenizer.ggml.pre`) in use; `default` when not applicable.
  String preTokenizer();

  /// The number of tokens `encode(text, false, false)` produces.
  @Override
  default int count(String text) {
    return encode(text, false, false).length;
  }
}
