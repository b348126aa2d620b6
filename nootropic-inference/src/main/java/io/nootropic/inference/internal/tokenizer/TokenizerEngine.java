package io.nootropic.inference.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

/// The shared part of the three tokenizer algorithms, following llama.cpp's `llama_vocab`: token
/// attributes from token types, special ids with per-model defaults, end-of-generation detection,
/// the special-token partition that runs before any algorithm, and decoding.
///
/// Instances are immutable after construction (apart from thread-safe caches) and safe to share
/// between threads.
public abstract class TokenizerEngine {

  /// Token attribute bits (llama.cpp's `llama_token_attr`).
  static final int ATTR_UNKNOWN = 1;
  static final int ATTR_UNUSED = 1 << 1;
  static final int ATTR_NORMAL = 1 << 2;
  static final int ATTR_CONTROL = 1 << 3;
  static final int ATTR_USER_DEFINED = 1 << 4;
  static final int ATTR_BYTE = 1 << 5;
  static final int ATTR_LSTRIP = 1 << 7;
  static final int ATTR_RSTRIP = 1 << 8;

  private static final List<String> EOT_TEXTS = List.of("<|eot_id|>", "<|im_end|>", "<|end|>",
      "<end_of_turn>", "<|endoftext|>", "<EOT>", "_<EOT>", "<｜end▁of▁sentence｜>");
  private static final List<String> EOG_TEXTS = List.of("<|eot_id|>", "<|im_end|>", "<|end|>",
      "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>", "_<EOT>", "<|end_of_text|>");
  private static final List<String> FIM_PAD = List.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>");
  private static final List<String> FIM_REP = List.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>");
  private static final List<String> FIM_SEP = List.of("<|file_sep|>", "<|file_separator|>", "<fim-sep>", "<SEP>");
  private static final List<String> FIM_OTHER = List.of("<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>",
      "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>",
      "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|fim_middle|>", "<fim-middle>", "<fim_middle>",
      "<｜fim▁end｜>", "<MID>", "▁<MID>");

  final Vocabulary.Model model;
  final String[] tokens;
  final float[] scores;
  final int[] attrs;
  final int n;
  /// Token text -> id; BPE also interns merge parts that are not tokens under ids >= n.
  final TextIntMap ids;
  final int bos;
  final int eos;
  final int eot;
  final int eom;
  final int unk;
  final int sep;
  final int pad;
  final boolean addBos;
  final boolean addEos;
  final boolean addSpacePrefix;
  private final boolean[] eog;
  private final int[] specials;          // sorted by UTF-8 length, longest first
  private final SpecialTrie specialTrie; // over the specials' texts, indexed like `specials`
  /// Decoded pieces, filled on first use (safely published: decoding 150k pieces at load would
  /// double the load time of large vocabularies).
  private final AtomicReferenceArray<byte[]> pieceCache;

  TokenizerEngine(Vocabulary v, boolean defaultAddBos) {
    this.model = v.model;
    this.n = v.tokens.length;
    this.tokens = new String[n];
    this.ids = new TextIntMap(n + (v.merges == null ? 0 : n / 4));
    for (int i = 0; i < n; i++) {
      String t = v.tokens[i];
      if (t.isEmpty()) {
        t = "[EMPTY_" + i + "]";
      }
      tokens[i] = t;
      ids.put(t, i);
    }
    this.scores = v.scores;
    this.attrs = new int[n];
    for (int i = 0; i < n; i++) {
      int type = v.tokenTypes == null ? Vocabulary.TYPE_NORMAL : v.tokenTypes[i];
      attrs[i] = switch (type) {
        case Vocabulary.TYPE_UNKNOWN -> ATTR_UNKNOWN;
        case Vocabulary.TYPE_UNUSED -> ATTR_UNUSED;
        case Vocabulary.TYPE_NORMAL -> ATTR_NORMAL;
        case Vocabulary.TYPE_CONTROL -> ATTR_CONTROL;
        case Vocabulary.TYPE_USER_DEFINED -> ATTR_USER_DEFINED;
        case Vocabulary.TYPE_BYTE -> ATTR_BYTE;
        default -> 0;
      };
    }
    int dBos;
    int dEos;
    int dUnk;
    int dSep = -1;
    int dPad = -1;
    switch (model) {
      case SPM -> {
        dBos = 1;
        dEos = 2;
        dUnk = 0;
      }
      case BPE -> {
        dBos = 11;
        dEos = 11;
        dUnk = -1;
      }
      default -> {
        dBos = 101;
        dEos = -1;
        dUnk = 100;
        dSep = 102;
        dPad = 0;
      }
    }
    this.bos = special(v.bos, dBos);
    this.eos = special(v.eos, dEos);
    this.unk = special(v.unk, dUnk);
    this.sep = special(v.sep, dSep);
    this.pad = special(v.pad, dPad);
    this.addBos = v.addBos != null ? v.addBos : defaultAddBos;
    this.addEos = v.addEos != null ? v.addEos : false;
    this.addSpacePrefix = v.addSpacePrefix != null ? v.addSpacePrefix : model == Vocabulary.Model.SPM;

    // end-of-turn / end-of-message / fill-in-the-middle detection by text, as llama.cpp does
    int eotId = special(v.eot, -1);
    int eomId = special(v.eom, -1);
    eog = new boolean[n];
    if (eotId < 0) {
      eotId = firstWithText(EOT_TEXTS);
      if (eotId >= 0) {
        attrs[eotId] |= ATTR_CONTROL;
      }
    }
    if (eomId < 0) {
      eomId = firstWithText(List.of("<|eom_id|>"));
      if (eomId >= 0) {
        attrs[eomId] |= ATTR_CONTROL;
      }
    }
    for (List<String> fim : List.of(FIM_PAD, FIM_REP, FIM_SEP, FIM_OTHER)) {
      int id = firstWithText(fim);
      if (id >= 0) {
        attrs[id] = (attrs[id] & ~(ATTR_NORMAL | ATTR_USER_DEFINED)) | ATTR_CONTROL;
        if (fim != FIM_OTHER) {
          eog[id] = true;
        }
      }
    }
    for (String text : EOG_TEXTS) {
      int i = tokenId(text);
      if (i >= 0) {
        eog[i] = true;
        attrs[i] = (attrs[i] & ~(ATTR_NORMAL | ATTR_USER_DEFINED)) | ATTR_CONTROL;
      }
    }
    this.eot = eotId;
    this.eom = eomId;
    for (int id : new int[] {eos, eotId, eomId}) {
      if (id >= 0) {
        eog[id] = true;
      }
    }

    // special-token cache: control, user-defined and unknown tokens, longest (in bytes) first
    List<int[]> sp = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if ((attrs[i] & (ATTR_CONTROL | ATTR_USER_DEFINED | ATTR_UNKNOWN)) != 0) {
        sp.add(new int[] {i, tokens[i].getBytes(StandardCharsets.UTF_8).length});
      }
    }
    sp.sort((x, y) -> x[1] != y[1] ? Integer.compare(y[1], x[1]) : Integer.compare(x[0], y[0]));
    specials = new int[sp.size()];
    String[] specialTexts = new String[sp.size()];
    for (int i = 0; i < specials.length; i++) {
      specials[i] = sp.get(i)[0];
      specialTexts[i] = tokens[specials[i]];
    }
    specialTrie = new SpecialTrie(specialTexts);

    // per-model attributes llama.cpp sets by name
    String name = v.modelName == null ? "" : v.modelName.toLowerCase(Locale.ROOT);
    if (name.contains("phi-3") || name.contains("phi3")) {
      for (int id : specials) {
        attrs[id] |= ATTR_RSTRIP;
      }
      setAttr("</s>", ATTR_RSTRIP, true);
      for (String t : List.of("<unk>", "<s>", "<|endoftext|>")) {
        setAttr(t, ATTR_RSTRIP, false);
      }
    }
    this.pieceCache = new AtomicReferenceArray<>(n);
  }

  private void setAttr(String text, int attr, boolean on) {
    int id = tokenId(text);
    if (id >= 0) {
      attrs[id] = on ? attrs[id] | attr : attrs[id] & ~attr;
    }
  }

  /// The token of the first text in `texts` that the vocabulary has, or -1 (llama.cpp takes
  /// whichever its hash map yields first; the list order makes the choice deterministic).
  private int firstWithText(List<String> texts) {
    for (String t : texts) {
      int id = tokenId(t);
      if (id >= 0) {
        return id;
      }
    }
    return -1;
  }

  private int special(Integer given, int fallback) {
    if (given != null && given >= 0 && given < n) {
      return given;
    }
    return fallback >= 0 && fallback < n ? fallback : -1;
  }

  /// The id of the token with exactly this text, or -1.
  public final int tokenId(CharSequence text) {
    int id = ids.get(text);
    return id < n ? id : -1;
  }

  final int tokenId(CharSequence text, int start, int end) {
    int id = ids.get(text, start, end);
    return id < n ? id : -1;
  }

  // ---------------------------------------------------------------------------------------------
  // encoding

  /// Tokenizes `text`; see the public `Tokenizer.encode` contract.
  public final int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    String s = UnicodeClass.sanitize(text);
    IntList out = new IntList(s.length() / 3 + 4);
    List<int[]> fragments = partition(s, parseSpecial);
    encodeFragments(s, fragments, addSpecial, out);
    return out.toArray();
  }

  /// Runs the algorithm over the fragments: `{-1, start, end}` for raw text `s[start, end)`,
  /// `{id, 0, 0}` for a special token already matched.
  abstract void encodeFragments(String s, List<int[]> fragments, boolean addSpecial, IntList out);

  private static boolean isCSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /// llama.cpp's `tokenizer_st_partition`: for each special token, longest first, split every raw
  /// fragment at its occurrences (control and unknown tokens only when `parseSpecial`).
  private List<int[]> partition(String s, boolean parseSpecial) {
    List<int[]> frags = new ArrayList<>();
    if (s.isEmpty()) {
      return frags;
    }
    frags.add(new int[] {-1, 0, s.length()});
    if (specials.length == 0) {
      return frags;
    }
    boolean[] present = specialTrie.present(s);
    if (present == null) {
      return frags;
    }
    for (int k = 0; k < specials.length; k++) {
      int id = specials[k];
      if (!present[k]) {
        continue;
      }
      if (!parseSpecial && (attrs[id] & (ATTR_CONTROL | ATTR_UNKNOWN)) != 0) {
        continue;
      }
      String st = tokens[id];
      boolean lstrip = (attrs[id] & ATTR_LSTRIP) != 0;
      boolean rstrip = (attrs[id] & ATTR_RSTRIP) != 0;
      List<int[]> next = new ArrayList<>(frags.size() + 4);
      for (int[] f : frags) {
        if (f[0] >= 0) {
          next.add(f);
          continue;
        }
        int base = f[1];
        int end = f[2];
        while (true) {
          int match = s.indexOf(st, base);
          if (match < 0 || match + st.length() > end) {
            if (base < end) {
              next.add(new int[] {-1, base, end});
            }
            break;
          }
          if (match > base) {
            int leftEnd = match;
            if (lstrip) {
              while (leftEnd > base && isCSpace(s.charAt(leftEnd - 1))) {
                leftEnd--;
              }
            }
            if (leftEnd > base) {
              next.add(new int[] {-1, base, leftEnd});
            }
          }
          next.add(new int[] {id, 0, 0});
          int rightStart = match + st.length();
          if (rightStart >= end) {
            break;
          }
          if (rstrip) {
            while (rightStart < end && isCSpace(s.charAt(rightStart))) {
              rightStart++;
            }
          }
          base = rightStart;
        }
      }
      frags = next;
    }
    return frags;
  }

  // ---------------------------------------------------------------------------------------------
  // decoding

  /// The bytes a token contributes to decoded text: nothing for control, unknown and unused
  /// tokens, the literal text of user-defined ones, the byte of byte-fallback tokens, and the
  /// token text with the model's space marker / byte-level mapping undone otherwise.
  public final byte[] tokenBytes(int id) {
    byte[] b = pieceCache.get(id);
    if (b == null) {
      b = computePiece(id);
      pieceCache.set(id, b);
    }
    return b;
  }

  private static final byte[] EMPTY = new byte[0];

  private byte[] computePiece(int id) {
    int attr = attrs[id];
    String text = tokens[id];
    if ((attr & (ATTR_CONTROL | ATTR_UNKNOWN)) != 0) {
      return EMPTY;
    }
    if ((attr & ATTR_USER_DEFINED) != 0) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if ((attr & ATTR_NORMAL) != 0) {
      return normalPiece(text);
    }
    if ((attr & ATTR_BYTE) != 0 && model != Vocabulary.Model.BPE) {
      int b = parseByteToken(text);
      return b < 0 ? EMPTY : new byte[] {(byte) b};
    }
    return EMPTY;
  }

  /// The bytes of a normal token's text.
  abstract byte[] normalPiece(String text);

  static int parseByteToken(String text) {
    if (text.length() == 6 && text.startsWith("<0x") && text.charAt(5) == '>') {
      try {
        return Integer.parseInt(text.substring(3, 5), 16);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /// Raw text of control and unknown tokens (as stored), for display.
  public final byte[] tokenBytesRendered(int id) {
    if ((attrs[id] & (ATTR_CONTROL | ATTR_UNKNOWN)) != 0) {
      return tokens[id].getBytes(StandardCharsets.UTF_8);
    }
    return tokenBytes(id);
  }

  /// Whether the decoder drops the leading space of the first piece of each text run (the one
  /// encoding added).
  abstract boolean stripsPrefixSpace();

  /// Inverse of `encode(text, *, false)`: concatenates the pieces and removes the space the
  /// encoder prefixed to each run of text (at the start and after every special token).
  public final String decode(int[] tokens) {
    ByteSink sink = new ByteSink(tokens.length * 4);
    boolean strip = stripsPrefixSpace();
    for (int t : tokens) {
      byte[] b = tokenBytes(t);
      int from = strip && b.length > 0 && b[0] == ' ' ? 1 : 0;
      sink.write(b, from);
      strip = stripsPrefixSpace() && (attrs[t] & (ATTR_CONTROL | ATTR_USER_DEFINED | ATTR_UNKNOWN)) != 0;
    }
    return sink.toUtf8();
  }

  /// Plain concatenation of the pieces (no space removed); control tokens rendered as their text
  /// when `renderSpecial`.
  public final String decodeRaw(int[] tokens, boolean renderSpecial) {
    ByteSink sink = new ByteSink(tokens.length * 4);
    for (int t : tokens) {
      sink.write(renderSpecial ? tokenBytesRendered(t) : tokenBytes(t), 0);
    }
    return sink.toUtf8();
  }

  private static final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int cap) {
      buf = new byte[Math.max(16, cap)];
    }

    void write(byte[] b, int from) {
      int len = b.length - from;
      if (size + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
      }
      System.arraycopy(b, from, buf, size, len);
      size += len;
    }

    String toUtf8() {
      return new String(buf, 0, size, StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // accessors

  /// The vocabulary string of a token, as stored.
  public final String piece(int id) {
    return tokens[id];
  }

  /// Number of tokens.
  public final int vocabSize() {
    return n;
  }

  /// BOS id or -1.
  public final int bos() {
    return bos;
  }

  /// EOS id or -1.
  public final int eos() {
    return eos;
  }

  /// End-of-turn id (given or detected by text) or -1.
  public final int eot() {
    return eot;
  }

  /// Whether `addSpecial` adds BOS.
  public boolean addsBos() {
    return addBos;
  }

  /// Whether `addSpecial` adds EOS.
  public boolean addsEos() {
    return addEos;
  }

  /// Whether the token ends generation (EOS, EOT, EOM and the usual end markers).
  public final boolean isEndOfGeneration(int id) {
    return id >= 0 && id < n && eog[id];
  }

  /// Whether the token is a control token.
  public final boolean isControl(int id) {
    return id >= 0 && id < n && (attrs[id] & ATTR_CONTROL) != 0;
  }

  /// The `tokenizer.ggml.model` name of this tokenizer.
  public final String modelName() {
    return model.ggufName();
  }

  /// The pre-tokenizer name in use (BPE), else `default`.
  public String preTokenizer() {
    return "default";
  }

  /// Builds the engine for a vocabulary.
  public static TokenizerEngine create(Vocabulary v) {
    return switch (v.model) {
      case SPM -> new SpmEngine(v);
      case BPE -> new BpeEngine(v);
      case WPM -> new WpmEngine(v);
    };
  }
}
