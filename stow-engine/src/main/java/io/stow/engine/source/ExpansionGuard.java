package io.stow.engine.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the compressed bytes read and the uncompressed bytes produced, and refuses the archive as
 * soon as the uncompressed stream passes the size bound or the compression ratio bound. It sits
 * below the tar reader, so every byte counts, whatever the tar layer reads it for: entry data,
 * padding, headers, PAX records and GNU long names alike.
 */
final class ExpansionGuard extends FilterInputStream {

  private final ArchiveLimits limits;
  private final Counting compressed;
  private long expanded;
  private String at = "";

  private ExpansionGuard(InputStream uncompressed, Counting compressed, ArchiveLimits limits) {
    super(uncompressed);
    this.compressed = compressed;
    this.limits = limits;
  }

  /** Guards the stream {@code decompressor} makes of {@code raw}. */
  static ExpansionGuard over(InputStream raw, Decompressor decompressor, ArchiveLimits limits)
      throws IOException {
    Counting compressed = new Counting(raw);
    return new ExpansionGuard(decompressor.open(compressed), compressed, limits);
  }

  /** Opens the decompressing stream over the compressed one. */
  @FunctionalInterface
  interface Decompressor {
    InputStream open(InputStream compressed) throws IOException;
  }

  /** The uncompressed bytes read so far. */
  long expanded() {
    return expanded;
  }

  /** Names the entry being read, for messages; empty while headers are read. */
  void at(String entryName) {
    this.at = entryName;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // read rather than skip, so that skipped bytes are decompressed and counted like any other
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void counted(int n) {
    expanded += n;
    if (expanded > limits.maxTotalBytes()) {
      throw new UnsafeArchiveException(
          "", "the archive expands to more than " + limits.maxTotalBytes() + " bytes");
    }
    if (expanded > limits.ratioGraceBytes()
        && expanded > (long) limits.maxCompressionRatio() * Math.max(1, compressed.count)) {
      throw new UnsafeArchiveException(
          "",
          "the archive expands more than "
              + limits.maxCompressionRatio()
              + " times ("
              + (at.isEmpty() ? "while reading entry headers" : "at " + at)
              + "); it looks like a decompression bomb");
    }
  }

  /** Counts the compressed bytes read through it. */
  private static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += Math.max(0, skipped);
      return skipped;
    }
  }
}
