package io.stow.sops;

/**
 * A file or value is malformed. Internal: {@link SopsDecryptor} turns it into a {@link
 * SopsException} naming the file. The message never holds a value from the file.
 */
final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StoreException(String message) {
    super(message, null, false, false);
  }
}
