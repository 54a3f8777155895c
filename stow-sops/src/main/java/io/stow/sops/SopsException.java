package io.stow.sops;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A SOPS file could not be decrypted: wrong key, MAC mismatch, unsupported key type or corrupt
 * value. The message names the file; it never contains a decrypted value.
 */
public class SopsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public SopsException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  public SopsException(Path file, String message) {
    this(file, message, null);
  }

  /** The file that failed. */
  public Path file() {
    return file;
  }
}
