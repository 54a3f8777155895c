package io.stow.sops;

import java.io.IOException;
import java.nio.file.Path;

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
}
