package io.stow.engine.source;

import java.util.Objects;

/**
 * An archive entry or the archive as a whole was refused: a link, device, FIFO, sparse file,
 * absolute or escaping path, or a size, file-count or compression-ratio bound was exceeded. Nothing
 * extracted from the archive is left on disk.
 */
public class UnsafeArchiveException extends SourceException {

  private static final long serialVersionUID = 1L;

  private final String entry;

  public UnsafeArchiveException(String entry, String message) {
    super(entry.isEmpty() ? message : "archive entry '" + entry + "': " + message);
    this.entry = Objects.requireNonNull(entry, "entry");
  }

  /** The offending entry name as written in the archive; empty for whole-archive bounds. */
  public String entry() {
    return entry;
  }
}
