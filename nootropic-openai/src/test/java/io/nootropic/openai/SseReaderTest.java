package io.nootropic.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  /// Hands out bytes in chunks of the given sizes, like a network that splits anywhere.
  static InputStream chunked(byte[] bytes, long seed) {
    Random random = new Random(seed);
    return new InputStream() {
      int pos;

      @Override
      public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= bytes.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(7)), bytes.length - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  static List<SseReader.SseEvent> readAll(InputStream in) throws IOException {
    SseReader r = new SseReader(in);
    List<SseReader.SseEvent> out = new ArrayList<>();
    SseReader.SseEvent e;
    while ((e = r.next()) != null) {
      out.add(e);
    }
    return out;
  }

  @Provide
  Arbitrary<List<String>> payloads() {
    return Arbitraries.strings().all().ofMaxLength(40)
        .filter(s -> s.chars().noneMatch(c -> c == '\n' || c == '\r'))
        .filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s))
        .list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 200)
  void anySplitOfTheBytesYieldsTheSameEvents(@ForAll("payloads") List<String> payloads, @ForAll long seed) throws IOException {
    StringBuilder wire = new StringBuilder(": comment\n");
    for (String p : payloads) {
      wire.append("data: ").append(p).append("\r\n\n");
    }
    byte[] bytes = wire.toString().getBytes(StandardCharsets.UTF_8);

    List<SseReader.SseEvent> events = readAll(chunked(bytes, seed));

    assertThat(events).extracting(SseReader.SseEvent::data).containsExactlyElementsOf(payloads);
  }

  @Test
  void multiLineDataEventNamesAndAFinalEventWithoutBlankLine() throws IOException {
    byte[] bytes = "event: error\ndata: {\"a\":\ndata: 1}\n\ndata: tail".getBytes(StandardCharsets.UTF_8);

    List<SseReader.SseEvent> events = readAll(chunked(bytes, 7));

    assertThat(events).containsExactly(new SseReader.SseEvent("error", "{\"a\":\n1}"), new SseReader.SseEvent("message", "tail"));
  }

  @Test
  void invalidUtf8IsATypedErrorNotGarbage() {
    byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n', '\n'};
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes))).isInstanceOf(CharacterCodingException.class);
  }

  @Property(tries = 200)
  void randomBytesNeverHangOrThrowUntypedErrors(@ForAll byte[] junk) {
    try {
      readAll(new ByteArrayInputStream(junk));
    } catch (IOException expected) {
      // invalid UTF-8: a typed error is fine
    }
  }
}
