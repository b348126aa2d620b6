package io.nootropic.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.inference.transformer.InferenceSession;
import io.nootropic.inference.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/// The generation loop on a scripted model and a byte tokenizer (token id = byte value + 3;
/// 0 = unused, 1 = BOS, 2 = EOS), so every stopping and streaming rule can be checked exactly.
class GeneratorTest {

  static final int VOCAB = 259;
  static final int BOS = 1;
  static final int EOS = 2;

  /// One token per byte.
  static final class ByteTokenizer implements Tokenizer {
    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      int[] out = new int[b.length + (addSpecial ? 1 : 0)];
      int k = 0;
      if (addSpecial) {
        out[k++] = BOS;
      }
      for (byte x : b) {
        out[k++] = (x & 0xff) + 3;
      }
      return out;
    }

    @Override
    public String decode(int[] tokens) {
      return decodeRaw(tokens, false);
    }

    @Override
    public String decodeRaw(int[] tokens, boolean renderSpecial) {
      var bytes = new java.io.ByteArrayOutputStream();
      for (int t : tokens) {
        bytes.writeBytes(tokenBytes(t));
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] tokenBytes(int token) {
      return token >= 3 ? new byte[] {(byte) (token - 3)} : new byte[0];
    }

    @Override
    public String piece(int token) {
      return token >= 3 ? "<0x" + Integer.toHexString(token - 3) + ">" : "<ctl" + token + ">";
    }

    @Override
    public int tokenId(String piece) {
      return -1;
    }

    @Override
    public int vocabSize() {
      return VOCAB;
    }

    @Override
    public int bos() {
      return BOS;
    }

    @Override
    public int eos() {
      return EOS;
    }

    @Override
    public int eot() {
      return -1;
    }

    @Override
    public boolean addsBos() {
      return true;
    }

    @Override
    public boolean addsEos() {
      return false;
    }

    @Override
    public boolean isEndOfGeneration(int token) {
      return token == EOS;
    }

    @Override
    public boolean isControl(int token) {
      return token < 3;
    }

    @Override
    public String model() {
      return "test";
    }

    @Override
    public String preTokenizer() {
      return "default";
    }
  }

  /// A model whose greedy choice depends on every token in its cache: the next token is
  /// `script[(hash of the cache) % script.length]` unless a fixed script is followed.
  static class ScriptedSession implements InferenceSession {
    final List<Integer> cache = new ArrayList<>();
    final int[] script;
    final boolean historyDependent;
    int ingested;
    int rewinds;
    final float[] logits = new float[VOCAB];

    ScriptedSession(int[] script, boolean historyDependent) {
      this.script = script;
      this.historyDependent = historyDependent;
    }

    static ScriptedSession saying(String text, boolean thenEos) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      int[] s = new int[b.length + (thenEos ? 1 : 0)];
      for (int i = 0; i < b.length; i++) {
        s[i] = (b[i] & 0xff) + 3;
      }
      if (thenEos) {
        s[b.length] = EOS;
      }
      return new ScriptedSession(s, false);
    }

    int promptLength = -1;

    private float[] logits() {
      Arrays.fill(logits, 0f);
      int next;
      if (historyDependent) {
        long h = 17;
        for (int t : cache) {
          h = h * 31 + t;
        }
        next = 3 + (int) Math.floorMod(h, 26L) + 'a'; // a letter
      } else {
        int step = cache.size() - promptLength;
        next = step < script.length ? script[step] : EOS;
      }
      logits[next] = 10f;
      return logits;
    }

    @Override
    public int position() {
      return cache.size();
    }

    @Override
    public int contextLength() {
      return 1 << 20;
    }

    @Override
    public float[] ingest(int[] tokens) {
      for (int t : tokens) {
        cache.add(t);
      }
      ingested += tokens.length;
      promptLength = cache.size();
      return logits();
    }

    @Override
    public float[] next(int token) {
      cache.add(token);
      return logits();
    }

    @Override
    public void rewind(int position) {
      rewinds++;
      while (cache.size() > position) {
        cache.remove(cache.size() - 1);
      }
    }

    @Override
    public void close() { }
  }

  static GenerationOptions greedy(int max, String... stops) {
    return new GenerationOptions(max, 0, 0, 1, 0, 1, 0, 1, List.of(stops), false);
  }

  static final Tokenizer TOK = new ByteTokenizer();

  @Test
  void stopsAtEndOfGeneration() {
    Generator g = new Generator(TOK, ScriptedSession.saying("Hello", true), 512);
    GenerationResult r = g.generate("Hi", greedy(100), null, null);
    assertThat(r.text()).isEqualTo("Hello");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.tokens()).hasSize(5);
    assertThat(r.usage().inputTokens()).isEqualTo(3);
    assertThat(r.usage().outputTokens()).isEqualTo(5);
    assertThat(r.stopString()).isNull();
  }

  @Test
  void stopsAtMaxTokens() {
    Generator g = new Generator(TOK, ScriptedSession.saying("Hello world", true), 512);
    GenerationResult r = g.generate("Hi", greedy(4), null, null);
    assertThat(r.text()).isEqualTo("Hell");
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void stopsWhenTheContextIsFull() {
    Generator g = new Generator(TOK, ScriptedSession.saying("Hello world", true), 6);
    GenerationResult r = g.generate("Hi", greedy(100), null, null); // 3 prompt tokens
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.text()).isEqualTo("Hell");
  }

  @Test
  void stopStringsAreNeverEmittedAndHeldBackUntilCertain() {
    List<String> pieces = new ArrayList<>();
    Generator g = new Generator(TOK, ScriptedSession.saying("one two\nUser: three", true), 512);
    GenerationResult r = g.generate("Hi", greedy(100, "\nUser:"), pieces::add, null);
    assertThat(r.text()).isEqualTo("one two");
    assertThat(String.join("", pieces)).isEqualTo("one two");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.stopString()).isEqualTo("\nUser:");
    assertThat(pieces).noneMatch(p -> p.contains("\n"));
  }

  @Test
  void aPartialStopStringIsReleasedWhenItDoesNotComplete() {
    List<String> pieces = new ArrayList<>();
    Generator g = new Generator(TOK, ScriptedSession.saying("a\nUs b\nU", true), 512);
    GenerationResult r = g.generate("Hi", greedy(100, "\nUser:"), pieces::add, null);
    assertThat(r.text()).isEqualTo("a\nUs b\nU");
    assertThat(String.join("", pieces)).isEqualTo("a\nUs b\nU");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP); // EOS
    assertThat(r.stopString()).isNull();
    // "\nU" was held back until " b" showed it is not "\nUser:"
    assertThat(pieces).contains("a").doesNotContain("a\n");
  }

  @Test
  void theEarliestOfSeveralStopStringsWins() {
    Generator g = new Generator(TOK, ScriptedSession.saying("xx END yy STOP", true), 512);
    GenerationResult r = g.generate("Hi", greedy(100, "STOP", "END"), null, null);
    assertThat(r.text()).isEqualTo("xx ");
    assertThat(r.stopString()).isEqualTo("END");
  }

  @Test
  void multiByteCharactersSplitAcrossTokensArriveWhole() {
    List<String> pieces = new ArrayList<>();
    Generator g = new Generator(TOK, ScriptedSession.saying("héllo 日本 🎉!", true), 512);
    GenerationResult r = g.generate("Hi", greedy(100), pieces::add, null);
    assertThat(r.text()).isEqualTo("héllo 日本 🎉!");
    assertThat(pieces).contains("é", "日", "本", "🎉");
    assertThat(pieces).allSatisfy(p -> assertThat(p).doesNotContain("\uFFFD"));
  }

  @Test
  void aDanglingPartialCharacterBecomesAReplacementCharacterAtTheEnd() {
    Generator g = new Generator(TOK, new ScriptedSession(new int[] {'a' + 3, 0xE6 + 3, 0x97 + 3, EOS}, false), 512);
    assertThat(g.generate("Hi", greedy(100), null, null).text()).isEqualTo("a\uFFFD");
  }

  @Test
  void cancellationFromAnotherThreadStopsGeneration() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    List<String> pieces = new ArrayList<>();
    ScriptedSession session = new ScriptedSession(new int[0], true); // never says EOS
    Generator g = new Generator(TOK, session, 100_000);
    GenerationListener listener = text -> {
      pieces.add(text);
      if (pieces.size() == 10) {
        Thread t = new Thread(() -> cancelled.set(true));
        t.start();
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    GenerationResult r = g.generate("Hi", greedy(50_000), listener, cancelled::get);
    assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(r.tokens()).hasSize(10);
  }

  @Test
  void promptPrefixReuseGivesTheSameOutputAsAFreshSessionAndIngestsLess() {
    String first = "System: be nice. User: hello";
    String second = first + " Assistant: hi User: how are you?";
    ScriptedSession reused = new ScriptedSession(new int[0], true);
    Generator g = new Generator(TOK, reused, 4096);
    GenerationResult r1 = g.generate(first, greedy(8), null, null);
    int ingestedAfterFirst = reused.ingested;
    GenerationResult r2 = g.generate(second, greedy(8), null, null);

    ScriptedSession fresh = new ScriptedSession(new int[0], true);
    GenerationResult expected = new Generator(TOK, fresh, 4096).generate(second, greedy(8), null, null);

    assertThat(r2.text()).isEqualTo(expected.text());
    assertThat(r2.tokens()).isEqualTo(expected.tokens());
    int promptLen = TOK.encode(second, true, true).length;
    assertThat(reused.ingested - ingestedAfterFirst).isLessThan(promptLen);
    assertThat(r2.reusedTokens()).isEqualTo(TOK.encode(first, true, true).length);
    assertThat(r2.ingestedTokens()).isEqualTo(reused.ingested - ingestedAfterFirst);
    assertThat(r1.text()).hasSize(8);
  }

  @Test
  void theSamePromptTwiceReprocessesOnlyTheLastToken() {
    ScriptedSession s = new ScriptedSession(new int[0], true);
    Generator g = new Generator(TOK, s, 4096);
    GenerationResult a = g.generate("abc", greedy(5), null, null);
    int before = s.ingested;
    GenerationResult b = g.generate("abc", greedy(5), null, null);
    assertThat(s.ingested - before).isEqualTo(1);
    assertThat(b.text()).isEqualTo(a.text());
  }

  @Test
  void aDivergingPromptRewindsToTheCommonPrefix() {
    ScriptedSession s = new ScriptedSession(new int[0], true);
    Generator g = new Generator(TOK, s, 4096);
    g.generate("abcdef", greedy(3), null, null);
    GenerationResult r = g.generate("abcXYZ", greedy(3), null, null);
    assertThat(r.reusedTokens()).isEqualTo(4); // BOS a b c
    GenerationResult fresh = new Generator(TOK, new ScriptedSession(new int[0], true), 4096)
        .generate("abcXYZ", greedy(3), null, null);
    assertThat(r.tokens()).isEqualTo(fresh.tokens());
  }

  @Test
  void aPromptThatDoesNotFitIsATypedError() {
    Generator g = new Generator(TOK, ScriptedSession.saying("x", true), 8);
    assertThatThrownBy(() -> g.generate("0123456789", greedy(4), null, null))
        .isInstanceOf(ContextOverflowException.class)
        .hasMessageContaining("11 tokens").hasMessageContaining("context of 8");
  }

  @Test
  void seededSamplingIsReproducible() {
    GenerationOptions sampled = new GenerationOptions(40, 0.9, 40, 0.95, 0.05, 1.1, 0, 1234, List.of(), false);
    // a model with a flat-ish distribution over letters
    InferenceSession flat = flatSession();
    InferenceSession flat2 = flatSession();
    GenerationResult a = new Generator(TOK, flat, 4096).generate("seed", sampled, null, null);
    GenerationResult b = new Generator(TOK, flat2, 4096).generate("seed", sampled, null, null);
    GenerationResult c = new Generator(TOK, flatSession(), 4096).generate("seed", sampled.withSeed(99), null, null);
    assertThat(a.tokens()).isEqualTo(b.tokens()).hasSize(40);
    assertThat(c.tokens()).isNotEqualTo(a.tokens());
  }

  static InferenceSession flatSession() {
    return new ScriptedSession(new int[0], false) {
      @Override
      public float[] ingest(int[] tokens) {
        super.ingest(tokens);
        return flat();
      }

      @Override
      public float[] next(int token) {
        super.next(token);
        return flat();
      }

      float[] flat() {
        Arrays.fill(logits, -100f);
        for (int c = 'a'; c <= 'z'; c++) {
          logits[c + 3] = (c % 5) * 0.3f;
        }
        return logits;
      }
    };
  }
}
