package io.nootropic.inference.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/// Code point classes as llama.cpp's tokenizers see them (general category groups from the JDK's
/// Unicode tables, the Unicode `White_Space` set), the GPT-2 byte-to-unicode mapping, and the
/// text sanitising applied before tokenization.
final class UnicodeClass {

  static final int NUMBER = 1;
  static final int LETTER = 2;
  static final int PUNCTUATION = 4;
  static final int SYMBOL = 8;
  static final int MARK = 16;
  static final int SEPARATOR = 32;
  static final int CONTROL = 64;

  /// Collapsed representatives (as llama.cpp's `unicode_regex_split` uses them).
  static final char COLLAPSED_NUMBER = '\u00D1';
  static final char COLLAPSED_LETTER = '\u00D2';
  static final char COLLAPSED_PUNCTUATION = '\u00D3';
  static final char COLLAPSED_OTHER = '\u00D0';
  static final char COLLAPSED_WHITESPACE = '\u000B';

  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + n++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private UnicodeClass() { }

  /// The category group of a code point (one of the constants above).
  static int category(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
           Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> MARK;
      case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SEPARATOR;
      case Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
           Character.CONNECTOR_PUNCTUATION, Character.OTHER_PUNCTUATION,
           Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION -> PUNCTUATION;
      case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
           Character.OTHER_SYMBOL -> SYMBOL;
      default -> CONTROL; // Cc, Cf, Cs, Co, Cn
    };
  }

  /// The Unicode `White_Space` property (not the JDK's `isWhitespace`).
  static boolean isWhitespace(int cp) {
    if (cp < 0x80) {
      return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    }
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }

  /// The one-char stand-in of a code point in the collapsed text regexes run on.
  static char collapse(int cp) {
    if (cp < 0x80) {
      return (char) cp;
    }
    if (isWhitespace(cp)) {
      return COLLAPSED_WHITESPACE;
    }
    return switch (category(cp)) {
      case NUMBER -> COLLAPSED_NUMBER;
      case LETTER -> COLLAPSED_LETTER;
      case PUNCTUATION -> COLLAPSED_PUNCTUATION;
      default -> COLLAPSED_OTHER;
    };
  }

  /// GPT-2's printable stand-in for a byte.
  static char byteToChar(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /// The byte a GPT-2 stand-in char represents, or -1.
  static int charToByte(int c) {
    return c >= 0 && c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /// Decodes a byte-level token string into the bytes it stands for; code points outside the
  /// mapping contribute their own UTF-8 bytes.
  static byte[] byteLevelDecode(String token) {
    byte[] out = new byte[token.length() * 3];
    int n = 0;
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      i += Character.charCount(cp);
      int b = charToByte(cp);
      if (b >= 0) {
        out[n++] = (byte) b;
      } else {
        byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        if (n + u.length > out.length) {
          out = java.util.Arrays.copyOf(out, (n + u.length) * 2);
        }
        System.arraycopy(u, 0, out, n, u.length);
        n += u.length;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /// The first code point of the NFD decomposition of `cp` (llama.cpp's WordPiece normaliser maps
  /// each code point to exactly that).
  static int nfdFirst(int cp) {
    if (cp < 0xC0) {
      return cp;
    }
    String s = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
    return s.codePointAt(0);
  }

  /// Replaces unpaired surrogates with U+FFFD so the text is valid UTF-16 (and encodes to valid
  /// UTF-8); returns `text` itself when nothing needs replacing.
  static String sanitize(String text) {
    int n = text.length();
    StringBuilder sb = null;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
        if (paired) {
          if (sb != null) {
            sb.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
        if (sb == null) {
          sb = new StringBuilder(n).append(text, 0, i);
        }
        sb.append('\uFFFD');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }
}
