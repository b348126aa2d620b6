package io.nootropic.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/// Random metadata of every type and random tensors of every ggml type written by GgufWriter are
/// read back identically by the parser.
class GgufWriterPropertyTest {

  private static Object randomScalar(GgufValueType t, Random r) {
    return switch (t) {
      case UINT8 -> (long) r.nextInt(256);
      case INT8 -> (long) (byte) r.nextInt();
      case UINT16 -> (long) r.nextInt(65536);
      case INT16 -> (long) (short) r.nextInt();
      case UINT32 -> Integer.toUnsignedLong(r.nextInt());
      case INT32 -> (long) r.nextInt();
      case UINT64, INT64 -> r.nextLong();
      case FLOAT32 -> Float.intBitsToFloat(r.nextInt());
      case FLOAT64 -> Double.longBitsToDouble(r.nextLong());
      case BOOL -> r.nextBoolean();
      case STRING -> randomString(r);
      case ARRAY -> throw new IllegalArgumentException();
    };
  }

  private static String randomString(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(4);
      sb.appendCodePoint(switch (kind) {
        case 0 -> 'a' + r.nextInt(26);
        case 1 -> 0xe0 + r.nextInt(30);
        case 2 -> 0x4e00 + r.nextInt(1000);
        default -> 0x1f600 + r.nextInt(50);
      });
    }
    return sb.toString();
  }

  private static GgufArray randomArray(GgufValueType et, Random r) {
    int n = r.nextInt(20);
    Object values = switch (et) {
      case UINT8, INT8 -> {
        byte[] a = new byte[n];
        r.nextBytes(a);
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = r.nextBoolean();
        }
        yield a;
      }
      case UINT16, INT16 -> {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) {
          a[i] = (short) r.nextInt();
        }
        yield a;
      }
      case UINT32, INT32 -> r.ints(n).toArray();
      case UINT64, INT64 -> r.longs(n).toArray();
      case FLOAT32 -> {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = Float.intBitsToFloat(r.nextInt());
        }
        yield a;
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = Double.longBitsToDouble(r.nextLong());
        }
        yield a;
      }
      case STRING -> {
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
          a[i] = randomString(r);
        }
        yield a;
      }
      case ARRAY -> throw new IllegalArgumentException();
    };
    return GgufArray.wrap(et, values);
  }

  @Property(tries = 300)
  void randomFilesRoundTrip(@ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int keys,
      @ForAll @IntRange(min = 0, max = 6) int tensorCount, @ForAll @IntRange(min = 0, max = 6) int alignLog) {
    Random r = new Random(seed);
    GgufWriter w = GgufWriter.create();
    if (alignLog > 0) {
      w.alignment(1 << (alignLog * 2));
    }
    GgufValueType[] types = GgufValueType.values();
    for (int i = 0; i < keys; i++) {
      GgufValueType t = types[r.nextInt(types.length)];
      String key = "k" + i + "." + randomString(r);
      if (t == GgufValueType.ARRAY) {
        GgufValueType et;
        do {
          et = types[r.nextInt(types.length)];
        } while (et == GgufValueType.ARRAY);
        w.put(key, randomArray(et, r));
      } else {
        w.put(key, t, randomScalar(t, r));
      }
    }
    GgmlType[] ggml = GgmlType.values();
    byte[][] data = new byte[tensorCount][];
    for (int i = 0; i < tensorCount; i++) {
      GgmlType gt = ggml[r.nextInt(ggml.length)];
      int rank = 1 + r.nextInt(4);
      long[] shape = new long[rank];
      shape[0] = (long) gt.blockSize() * (1 + r.nextInt(3));
      for (int d = 1; d < rank; d++) {
        shape[d] = 1 + r.nextInt(3);
      }
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      data[i] = new byte[(int) gt.byteSize(n)];
      r.nextBytes(data[i]);
      w.addTensor("tensor." + i, gt, shape, data[i]);
    }
    byte[] bytes = w.toBytes();
    MemorySegment seg = MemorySegment.ofArray(bytes);
    GgufParser.Parsed p = GgufParser.parse(seg);
    assertThat(p.version()).isEqualTo(3);
    assertThat(p.metadata()).isEqualTo(w.metadata());
    assertThat(List.copyOf(p.metadata().keys())).isEqualTo(List.copyOf(w.metadata().keys()));
    assertThat(p.tensors()).hasSize(tensorCount);
    for (int i = 0; i < tensorCount; i++) {
      GgufTensorInfo t = p.tensors().get(i);
      assertThat(t.name()).isEqualTo("tensor." + i);
      assertThat((p.dataStart() + t.offset()) % p.alignment()).isZero();
      assertThat(seg.asSlice(p.dataStart() + t.offset(), t.byteSize()).toArray(ValueLayout.JAVA_BYTE))
          .isEqualTo(data[i]);
    }
  }
}
