package io.nootropic.runtime.internal.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/// Byte layout of journal segments and snapshots.
///
/// A segment starts with a 20-byte header: magic `NTJL`, format version (int), sequence of its
/// first record (long), CRC32C of those 16 bytes (int). Then frames follow, each
/// `length:int, payloadCrc:int, headerCrc:int, payload[length]` where `headerCrc` is the CRC32C
/// of the first eight bytes, so a flipped bit in a length field is caught before the length is
/// trusted. All integers are big-endian.
public final class Frames {

  /// Segment magic, "NTJL".
  public static final int SEGMENT_MAGIC = 0x4E544A4C;
  /// Snapshot magic, "NTSN".
  public static final int SNAPSHOT_MAGIC = 0x4E54534E;
  /// Format version written by this code.
  public static final int VERSION = 1;
  /// Size of a segment header.
  public static final int SEGMENT_HEADER = 20;
  /// Size of a frame header.
  public static final int FRAME_HEADER = 12;
  /// Size of a snapshot header: magic, version, seq, length, payload crc, header crc.
  public static final int SNAPSHOT_HEADER = 28;

  private Frames() {}

  /// CRC32C of a byte range.
  public static int crc(byte[] bytes, int offset, int length) {
    CRC32C c = new CRC32C();
    c.update(bytes, offset, length);
    return (int) c.getValue();
  }

  /// Encodes a segment header.
  public static byte[] segmentHeader(long firstSeq) {
    ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER);
    b.putInt(SEGMENT_MAGIC).putInt(VERSION).putLong(firstSeq);
    b.putInt(crc(b.array(), 0, 16));
    return b.array();
  }

  /// Encodes one frame around a payload.
  public static byte[] frame(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER + payload.length);
    b.putInt(payload.length).putInt(crc(payload, 0, payload.length));
    b.putInt(crc(b.array(), 0, 8));
    b.put(payload);
    return b.array();
  }

  /// Encodes a snapshot file.
  public static byte[] snapshot(long seq, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(SNAPSHOT_HEADER + payload.length);
    b.putInt(SNAPSHOT_MAGIC).putInt(VERSION).putLong(seq).putInt(payload.length)
        .putInt(crc(payload, 0, payload.length));
    b.putInt(crc(b.array(), 0, 24));
    b.put(payload);
    return b.array();
  }

  /// Reads a big-endian int.
  public static int intAt(byte[] b, int pos) {
    return ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
  }

  /// Reads a big-endian long.
  public static long longAt(byte[] b, int pos) {
    return ((long) intAt(b, pos) << 32) | (intAt(b, pos + 4) & 0xFFFFFFFFL);
  }

  /// Checks the frame at `pos` of `b[0, size)`; returns `null` when it is whole and its checksums
  /// match, else a description of the problem.
  public static String checkFrame(byte[] b, int pos, int size, int maxRecord) {
    if (size - pos < FRAME_HEADER) {
      return "incomplete frame header (" + (size - pos) + " of " + FRAME_HEADER + " bytes)";
    }
    int len = intAt(b, pos);
    int payloadCrc = intAt(b, pos + 4);
    if (crc(b, pos, 8) != intAt(b, pos + 8)) {
      return "frame header checksum mismatch";
    }
    if (len < 0 || len > maxRecord) {
      return "frame length " + len + " out of range";
    }
    if ((long) pos + FRAME_HEADER + len > size) {
      return "frame of " + len + " bytes runs past the end of the file (torn write)";
    }
    if (crc(b, pos + FRAME_HEADER, len) != payloadCrc) {
      return "payload checksum mismatch";
    }
    return null;
  }

  /// Whether any whole, valid frame starts in `b[from, size)`.
  public static boolean anyValidFrame(byte[] b, int from, int size, int maxRecord) {
    for (int p = from; p + FRAME_HEADER <= size; p++) {
      if (crc(b, p, 8) == intAt(b, p + 8) && checkFrame(b, p, size, maxRecord) == null) {
        return true;
      }
    }
    return false;
  }
}
