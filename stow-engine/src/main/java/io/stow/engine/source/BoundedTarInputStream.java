package io.stow.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar reader that refuses what commons-compress would otherwise read without a bound, before it
 * reads it: PAX records and GNU long names are read whole into memory, one entry may be preceded by
 * any number of such metadata headers (read recursively, one stack frame set per header), and GNU
 * sparse maps are read from the data before the entry is returned. commons-compress 1.28 has no
 * options for these, so the checks hook its record and data reads.
 */
final class BoundedTarInputStream extends TarArchiveInputStream {

  /** The longest entry name accepted, in characters (Linux's PATH_MAX). */
  static final int MAX_NAME_LENGTH = 4096;

  /** The largest PAX extended header accepted, in bytes. */
  static final int MAX_PAX_BYTES = 64 * 1024;

  /** Header records one entry may take: its own, PAX (local and global) and GNU long names. */
  static final int MAX_HEADERS_PER_ENTRY = 8;

  private static final int TYPE_FLAG_OFFSET = 156;
  private static final byte[] SPARSE_KEY = "GNU.sparse.".getBytes(StandardCharsets.US_ASCII);

  private int depth;
  private int headers;
  private int sparseKeyMatched;

  BoundedTarInputStream(InputStream in) {
    super(in);
  }

  @Override
  public TarArchiveEntry getNextEntry() throws IOException {
    // commons-compress calls this again for the entry a metadata header belongs to
    if (depth == 0) {
      headers = 0;
    }
    depth++;
    try {
      return super.getNextEntry();
    } finally {
      depth--;
    }
  }

  @Override
  protected byte[] readRecord() throws IOException {
    if (++headers > MAX_HEADERS_PER_ENTRY) {
      throw new UnsafeArchiveException(
          "",
          "an entry has more than "
              + (MAX_HEADERS_PER_ENTRY - 1)
              + " PAX or GNU metadata headers; a real archive has one or two");
    }
    sparseKeyMatched = 0;
    byte[] record = super.readRecord();
    if (record != null && record[TYPE_FLAG_OFFSET] == TarConstants.LF_GNUTYPE_SPARSE) {
      throw new UnsafeArchiveException(
          headerName(record), "is a sparse file; only regular files are allowed");
    }
    return record;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    TarArchiveEntry entry = getCurrentEntry();
    boolean pax = entry != null && (entry.isPaxHeader() || entry.isGlobalPaxHeader());
    if (pax && entry.getSize() > MAX_PAX_BYTES) {
      throw new UnsafeArchiveException(
          "",
          "a PAX extended header of "
              + entry.getSize()
              + " bytes exceeds the "
              + MAX_PAX_BYTES
              + "-byte limit");
    }
    boolean longName = entry != null && (entry.isGNULongNameEntry() || entry.isGNULongLinkEntry());
    if (longName && entry.getSize() > MAX_NAME_LENGTH + 1) {
      throw new UnsafeArchiveException(
          "",
          "a GNU long name of "
              + entry.getSize()
              + " bytes exceeds the "
              + MAX_NAME_LENGTH
              + "-character limit for entry names");
    }
    int n = super.read(buffer, offset, length);
    if (pax) {
      scanForSparseKeys(buffer, offset, n);
    }
    return n;
  }

  /** GNU sparse files described by PAX keys would have their sparse map read unbounded. */
  private void scanForSparseKeys(byte[] buffer, int offset, int n) {
    for (int i = offset; i < offset + n; i++) {
      if (buffer[i] == SPARSE_KEY[sparseKeyMatched]) {
        if (++sparseKeyMatched == SPARSE_KEY.length) {
          throw new UnsafeArchiveException(
              "", "a PAX header describes a GNU sparse file; only regular files are allowed");
        }
      } else {
        sparseKeyMatched = buffer[i] == SPARSE_KEY[0] ? 1 : 0;
      }
    }
  }

  private static String headerName(byte[] record) {
    int end = 0;
    while (end < TarConstants.NAMELEN && record[end] != 0) {
      end++;
    }
    return SafeTarGzExtractor.printable(new String(record, 0, end, StandardCharsets.ISO_8859_1));
  }
}
