package io.stow.sops;

/** What {@link SopsDecryptor#decrypt(java.nio.file.Path, OutputType)} writes. */
public enum OutputType {
  /** The file's own format, byte for byte what {@code sops --decrypt} prints. */
  NATIVE,
  /**
   * The decrypted tree as JSON (tab-indented, like {@code sops --decrypt --output-type json});
   * binary files give their raw decrypted bytes.
   */
  JSON
}
