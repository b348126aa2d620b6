package io.nootropic.inference;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/// Turns a stream of token bytes into complete characters, keeping an incomplete multi-byte
/// sequence until the bytes that finish it arrive. Invalid bytes become U+FFFD.
final class Utf8Assembler {

  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer in = ByteBuffer.allocate(64);
  private CharBuffer out = CharBuffer.allocate(64);

  /// Adds bytes; returns the characters they complete.
  String feed(byte[] bytes) {
    if (bytes.length == 0) {
      return "";
    }
    if (in.remaining() < bytes.length) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(in.capacity() * 2, in.position() + bytes.length));
      in.flip();
      bigger.put(in);
      in = bigger;
    }
    in.put(bytes);
    in.flip();
    if (out.capacity() < in.remaining() * 2) {
      out = CharBuffer.allocate(in.remaining() * 2);
    }
    out.clear();
    decoder.decode(in, out, false);
    in.compact();
    out.flip();
    return out.toString();
  }

  /// Ends the stream; a dangling incomplete sequence becomes U+FFFD.
  String finish() {
    in.flip();
    out.clear();
    decoder.decode(in, out, true);
    decoder.flush(out);
    decoder.reset();
    in.clear();
    out.flip();
    return out.toString();
  }
}
