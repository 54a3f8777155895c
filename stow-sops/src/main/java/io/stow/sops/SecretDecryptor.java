package io.stow.sops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decrypts SOPS files. The engine depends on this interface only; {@code SopsDecryptor} is the
 * native implementation and {@code ExternalSopsDecryptor} delegates to a configured {@code sops}
 * binary.
 */
public interface SecretDecryptor {

  /**
   * Whether the file is a SOPS file: its store (chosen by extension like sops: .yaml/.yml, .json,
   * .env, .ini, anything else binary) holds a sops metadata block.
   */
  boolean isSopsFile(Path file) throws IOException;

  /**
   * The decrypted bytes, identical to what {@code sops --decrypt} prints.
   *
   * @throws SopsException naming the file (and YAML path where useful), never a decrypted value
   */
  byte[] decrypt(Path file) throws IOException;

  /**
   * The decrypted file in the given form: what {@code sops --decrypt} prints, or with {@link
   * OutputType#JSON} the decrypted tree as JSON (raw bytes for a binary file).
   *
   * @throws SopsException naming the file (and YAML path where useful), never a decrypted value
   */
  default byte[] decrypt(Path file, OutputType outputType) throws IOException {
    if (outputType == OutputType.NATIVE) {
      return decrypt(file);
    }
    throw new UnsupportedOperationException(getClass().getSimpleName() + " prints no JSON");
  }

  /**
   * Decrypts the file when it is a SOPS file, in one call: the file is read once and, by the
   * implementations in this package, parsed at most once. Empty for a file that is not a SOPS file
   * (see {@link #isSopsFile}). Same as {@code decryptIfSops(file, OutputType.NATIVE)}.
   *
   * @throws SopsException when the file is a SOPS file that cannot be decrypted, or holds encrypted
   *     values but is malformed
   */
  default Optional<byte[]> decryptIfSops(Path file) throws IOException {
    return decryptIfSops(file, OutputType.NATIVE);
  }

  /**
   * {@link #decryptIfSops(Path)} in the given output form. This default asks {@link #isSopsFile}
   * and then {@link #decrypt(Path, OutputType)}; implementations override it to read once.
   */
  default Optional<byte[]> decryptIfSops(Path file, OutputType outputType) throws IOException {
    return isSopsFile(file) ? Optional.of(decrypt(file, outputType)) : Optional.empty();
  }
}
