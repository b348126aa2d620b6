package io.nootropic.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/// Splits a server-sent-event stream into events. Lines are decoded only once complete, so a
/// UTF-8 character split across network chunks is reassembled; invalid UTF-8 is an error.
final class SseReader {

  /// One event: its `event:` name (or `message`) and its joined `data:` lines.
  public record SseEvent(String name, String data) { }

  private static final int MAX_LINE = 4 * 1024 * 1024;

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final byte[] buf = new byte[8192];
  private int pos;
  private int len;

  /// Reads from `in`.
  public SseReader(InputStream in) {
    this.in = in;
  }

  /// The next event, or `null` at the end of the stream.
  ///
  /// @throws CharacterCodingException when a line is not valid UTF-8
  /// @throws IOException when reading fails or a line exceeds 4 MiB
  public SseEvent next() throws IOException {
    String name = null;
    StringBuilder data = null;
    while (true) {
      String l = readLine();
      if (l == null) {
        return data == null ? null : new SseEvent(name == null ? "message" : name, data.toString());
      }
      if (l.isEmpty()) {
        if (data != null) {
          return new SseEvent(name == null ? "message" : name, data.toString());
        }
        name = null;
        continue;
      }
      if (l.startsWith(":")) {
        continue;
      }
      int colon = l.indexOf(':');
      String field = colon < 0 ? l : l.substring(0, colon);
      String value = colon < 0 ? "" : l.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        case "event" -> name = value;
        default -> { } // id, retry and unknown fields are ignored
      }
    }
  }

  private String readLine() throws IOException {
    line.reset();
    while (true) {
      if (pos == len) {
        len = in.read(buf);
        pos = 0;
        if (len <= 0) {
          len = 0;
          return line.size() == 0 ? null : decode();
        }
      }
      byte b = buf[pos++];
      if (b == '\n') {
        return decode();
      }
      line.write(b);
      if (line.size() > MAX_LINE) {
        throw new IOException("server-sent event line longer than " + MAX_LINE + " bytes");
      }
    }
  }

  private String decode() throws CharacterCodingException {
    byte[] bytes = line.toByteArray();
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\r') {
      n--;
    }
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
  }
}
