package io.stow.engine.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;

/**
 * Builds a raw tar stream record by record, including headers no well-behaved writer produces, and
 * serves it gzip-compressed lazily: a hostile archive that expands to hundreds of megabytes costs
 * the test nothing unless the extractor actually reads that far.
 */
final class LazyTarGz {

  private static final int RECORD = 512;

  private final List<Supplier<InputStream>> parts = new ArrayList<>();
  private long length;

  /** A ustar header record with a valid checksum. */
  LazyTarGz header(String name, char type, long size) {
    byte[] h = new byte[RECORD];
    byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(nameBytes, 0, h, 0, Math.min(100, nameBytes.length));
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 1_700_000_000L);
    h[156] = (byte) type;
    ascii(h, 257, "ustar\0");
    ascii(h, 263, "00");
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    return bytes(h);
  }

  /** A PAX extended header ('x') holding one {@code key=value} record, padded. */
  LazyTarGz pax(String key, String value) {
    String record = paxRecord(key, value);
    return header("PaxHeaders/x", 'x', record.length())
        .bytes(record.getBytes(StandardCharsets.UTF_8))
        .pad();
  }

  /** "LEN key=value\n" where LEN counts the whole record, its own digits included. */
  static String paxRecord(String key, String value) {
    int rest = key.length() + value.length() + 3; // space, '=', newline
    int len = rest + 1;
    while (len != rest + String.valueOf(len).length()) {
      len = rest + String.valueOf(len).length();
    }
    return len + " " + key + "=" + value + "\n";
  }

  /** A regular file with its content. */
  LazyTarGz file(String name, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    return header(name, '0', data.length).bytes(data).pad();
  }

  LazyTarGz bytes(byte[] data) {
    parts.add(() -> new ByteArrayInputStream(data));
    length += data.length;
    return this;
  }

  LazyTarGz text(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code count} copies of one byte, generated as they are read. */
  LazyTarGz repeat(char c, long count) {
    parts.add(() -> new Repeating((byte) c, count));
    length += count;
    return this;
  }

  /** Zeros up to the next record boundary. */
  LazyTarGz pad() {
    int padding = (int) ((RECORD - length % RECORD) % RECORD);
    return padding == 0 ? this : bytes(new byte[padding]);
  }

  /** The two zero records that end an archive. */
  LazyTarGz end() {
    return pad().bytes(new byte[2 * RECORD]);
  }

  /** The archive, gzip-compressed as it is read. */
  InputStream open() {
    CRC32 crc = new CRC32();
    InputStream tar =
        new CheckedInputStream(
            new SequenceInputStream(
                Collections.enumeration(parts.stream().map(Supplier::get).toList())),
            crc);
    byte[] gzipHeader = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    InputStream deflated =
        new DeflaterInputStream(tar, new Deflater(Deflater.BEST_SPEED, true), 64 * 1024);
    long size = length;
    InputStream trailer =
        new InputStream() {
          private InputStream bytes;

          private InputStream bytes() {
            if (bytes == null) {
              byte[] t = new byte[8];
              long value = crc.getValue();
              for (int i = 0; i < 4; i++) {
                t[i] = (byte) (value >>> (8 * i));
                t[4 + i] = (byte) (size >>> (8 * i));
              }
              bytes = new ByteArrayInputStream(t);
            }
            return bytes;
          }

          @Override
          public int read() throws IOException {
            return bytes().read();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return bytes().read(b, off, len);
          }
        };
    return new SequenceInputStream(
        Collections.enumeration(List.of(new ByteArrayInputStream(gzipHeader), deflated, trailer)));
  }

  private static void octal(byte[] h, int offset, int width, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
    ascii(h, offset, padded);
    h[offset + width - 1] = 0;
  }

  private static void ascii(byte[] h, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, bytes.length);
  }

  /** One byte, {@code count} times. */
  private static final class Repeating extends InputStream {
    private final byte value;
    private long left;

    Repeating(byte value, long count) {
      this.value = value;
      this.left = count;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return value & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, value);
      left -= n;
      return n;
    }
  }
}
