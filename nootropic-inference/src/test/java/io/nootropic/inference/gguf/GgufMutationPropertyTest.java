package io.nootropic.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.nootropic.testing.SharedModels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Test;

/// Mutates valid GGUF files (bit flips, truncation, huge/negative values written over length and
/// count fields, random overwrites) and asserts that parsing and then using the result only ever
/// throws [GgufFormatException], and that a parse of a small file allocates only a bounded amount
/// of heap.
class GgufMutationPropertyTest {

  private static final byte[] BASE = GgufFixtures.sample().toBytes();
  private static final int[] FIELDS = fieldOffsets(BASE);
  private static final long[] NASTY = {
      -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 0xffff_ffffL, 1L << 62, 1L << 31, 0, 1, 3, 5, 13,
      64, 65_536, 1L << 20, 1L << 28, 1L << 40, -32, Integer.MAX_VALUE};
  private static final long HEAP_LIMIT = 4L << 20;

  /// Offsets of every header, length, count, type, dimension and offset field of the base file.
  private static int[] fieldOffsets(byte[] b) {
    List<Integer> out = new ArrayList<>(List.of(4, 8, 16));
    GgufParser.Parsed p = GgufParser.parse(MemorySegment.ofArray(b));
    for (String k : p.metadata().keys()) {
      int at = GgufFixtures.stringAt(b, k);
      int value = GgufFixtures.after(b, k) + 4;
      out.add(at);
      out.add(value - 4);
      out.add(value);
      if (p.metadata().get(k) instanceof GgufArray) {
        out.add(value + 4);
      }
    }
    for (GgufTensorInfo t : p.tensors()) {
      int n = GgufFixtures.after(b, t.name());
      out.add(GgufFixtures.stringAt(b, t.name()));
      for (int i = 0; i < 4 + 8 * t.rank() + 4 + 8; i += 4) {
        out.add(n + i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  sealed interface Mutation permits Flip, Cut, Field, Scribble { }

  record Flip(double where, int bit) implements Mutation { }

  record Cut(double where) implements Mutation { }

  record Field(int field, long value, boolean wide) implements Mutation { }

  record Scribble(double where, byte[] bytes) implements Mutation { }

  static byte[] apply(byte[] base, List<Mutation> mutations) {
    byte[] b = base.clone();
    for (Mutation m : mutations) {
      switch (m) {
        case Flip f -> {
          if (b.length > 0) {
            int i = (int) (f.where() * b.length) % b.length;
            b[i] ^= (byte) (1 << f.bit());
          }
        }
        case Cut c -> b = Arrays.copyOf(b, (int) (c.where() * b.length));
        case Field f -> {
          int at = FIELDS[f.field() % FIELDS.length];
          int width = f.wide() ? 8 : 4;
          if (at + width <= b.length) {
            if (f.wide()) {
              GgufFixtures.putU64(b, at, f.value());
            } else {
              GgufFixtures.putU32(b, at, (int) f.value());
            }
          }
        }
        case Scribble s -> {
          if (b.length > 0) {
            int i = (int) (s.where() * b.length) % b.length;
            System.arraycopy(s.bytes(), 0, b, i, Math.min(s.bytes().length, b.length - i));
          }
        }
      }
    }
    return b;
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
    Arbitrary<Mutation> flip = Combinators.combine(where, Arbitraries.integers().between(0, 7)).as(Flip::new);
    Arbitrary<Mutation> cut = where.map(Cut::new);
    Arbitrary<Mutation> field = Combinators.combine(Arbitraries.integers().between(0, FIELDS.length - 1),
        Arbitraries.oneOf(Arbitraries.of(Arrays.stream(NASTY).boxed().toList()), Arbitraries.longs()), Arbitraries.of(true, false)).as(Field::new);
    Arbitrary<Mutation> scribble = Combinators.combine(where, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
        .as(Scribble::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, flip), net.jqwik.api.Tuple.of(1, cut),
        net.jqwik.api.Tuple.of(5, field), net.jqwik.api.Tuple.of(2, scribble))
        .list().ofMinSize(1).ofMaxSize(4);
  }

  static long maxAllocated;

  /// Parses `bytes` and uses everything the result offers; any exception but GgufFormatException fails.
  static void parseAndUse(byte[] bytes) {
    long before = allocatedBytes();
    MemorySegment seg = MemorySegment.ofArray(bytes);
    GgufParser.Parsed p;
    try {
      p = GgufParser.parse(seg);
    } catch (GgufFormatException expected) {
      assertThat(expected.rule()).isNotBlank();
      assertThat(expected.offset()).isBetween(-1L, (long) bytes.length);
      recordAllocation(allocatedBytes() - before, bytes);
      return;
    } catch (Throwable t) {
      throw new AssertionError("parser threw " + t + " for a mutated file", t);
    }
    recordAllocation(allocatedBytes() - before, bytes);
    GgufMetadata m = p.metadata();
    for (String k : m.keys()) {
      for (Runnable r : List.<Runnable>of(() -> m.getString(k), () -> m.getLong(k), () -> m.getDouble(k),
          () -> m.getBool(k, false), () -> m.getStringArray(k), () -> m.getFloatArray(k),
          () -> m.getIntArray(k), () -> m.getInt(k, 0, 1000), () -> String.valueOf(m.get(k)))) {
        try {
          r.run();
        } catch (GgufFormatException expected) {
          assertThat(expected.getMessage()).contains(k);
        } catch (Throwable t) {
          throw new AssertionError("getter on " + k + " threw " + t, t);
        }
      }
    }
    for (GgufTensorInfo t : p.tensors()) {
      MemorySegment data = seg.asSlice(p.dataStart() + t.offset(), t.byteSize());
      assertThat(t.type().byteSize(t.elementCount())).isEqualTo(data.byteSize());
      if (data.byteSize() > 0) {
        data.get(ValueLayout.JAVA_BYTE, data.byteSize() - 1);
      }
    }
  }

  private static final Object MX;
  private static final Method ALLOCATED;

  static {
    // reflective: the tests compile inside the module, which does not read java.management
    try {
      MX = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /// Bytes allocated so far by the current thread (HotSpot's per-thread allocation counter).
  static long allocatedBytes() {
    try {
      return (Long) ALLOCATED.invoke(MX);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void recordAllocation(long firstParse, byte[] bytes) {
    int fileSize = bytes.length;
    long allocated = firstParse;
    if (allocated > HEAP_LIMIT) {
      // the first visit of a code path also pays for class loading and call-site linkage, which the
      // thread's counter includes; a parser that really allocates too much does so every time
      allocated = Math.min(allocated, reparseAllocation(bytes));
    }
    // decoded values cost at most ~6 heap bytes per file byte (1-byte strings), so a small file
    // stays within a few MiB and a large one within a fixed multiple of its size
    long limit = Math.max(HEAP_LIMIT, 8L * fileSize);
    if (fileSize < 64 << 10) {
      maxAllocated = Math.max(maxAllocated, allocated);
    }
    if (allocated > limit) {
      fail("parsing a " + fileSize + "-byte file allocated " + allocated + " bytes");
    }
  }

  private static long reparseAllocation(byte[] bytes) {
    long before = allocatedBytes();
    try {
      GgufParser.parse(MemorySegment.ofArray(bytes));
    } catch (GgufFormatException expected) {
      // the same outcome as the first parse
    }
    return allocatedBytes() - before;
  }

  @Property(tries = 5000)
  void mutatedFilesOnlyEverThrowGgufFormatException(@ForAll("mutations") List<Mutation> mutations) {
    parseAndUse(apply(BASE, mutations));
  }

  @Property(tries = 60)
  void mutatedFilesOpenedFromDiskOnlyThrowGgufFormatException(@ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    Path p = Files.createTempFile("gguf-mut", ".gguf");
    try {
      Files.write(p, apply(BASE, mutations));
      try (GgufFile f = GgufFile.open(p)) {
        for (GgufTensorInfo t : f.tensors()) {
          MemorySegment d = f.data(t);
          assertThat(d.byteSize()).isEqualTo(t.byteSize());
          d.get(ValueLayout.JAVA_BYTE, d.byteSize() - 1);
        }
      } catch (GgufFormatException expected) {
        assertThat(expected.getMessage()).contains(p.getFileName().toString());
      }
    } finally {
      Files.deleteIfExists(p);
    }
  }

  @AfterProperty
  void allocationStayedBounded() {
    assertThat(maxAllocated).isLessThanOrEqualTo(HEAP_LIMIT);
  }

  @Test
  void mutatedRealModelHeadersOnlyThrowGgufFormatException() throws Exception {
    byte[] base = Files.readAllBytes(SharedModels.require("stories260K.gguf"));
    long seed = 0x5eed_2026L;
    Random rnd = new Random(seed);
    int headerEnd = (int) GgufParser.parse(MemorySegment.ofArray(base)).dataStart();
    int rejected = 0;
    for (int i = 0; i < 200; i++) {
      byte[] b = base.clone();
      int edits = 1 + rnd.nextInt(3);
      for (int e = 0; e < edits; e++) {
        if (b.length == 0) {
          break;
        }
        int at = rnd.nextInt(Math.min(headerEnd, b.length));
        switch (rnd.nextInt(3)) {
          case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
          case 1 -> {
            if (at + 8 <= b.length) {
              GgufFixtures.putU64(b, at, NASTY[rnd.nextInt(NASTY.length)]);
            }
          }
          default -> b = Arrays.copyOf(b, at);
        }
      }
      try {
        parseAndUse(b);
        GgufParser.parse(MemorySegment.ofArray(b));
      } catch (GgufFormatException e) {
        rejected++;
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + " iteration " + i + ": " + e.getMessage(), e);
      }
    }
    // most header mutations of a real file are detected
    assertThat(rejected).as("seed " + seed).isGreaterThan(50);
  }
}
