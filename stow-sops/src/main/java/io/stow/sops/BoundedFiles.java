package io.stow.sops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads files without ever holding more than a bound in memory. */
final class BoundedFiles {

  private static final byte[] ENCRYPTED_MARKER =
      "ENC[AES256_GCM,".getBytes(StandardCharsets.US_ASCII);

  private BoundedFiles() {}

  /** The file's bytes, or null when it is larger than {@code maxBytes}. */
  static byte[] readAtMost(Path file, long maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes((int) maxBytes + 1);
      return content.length > maxBytes ? null : content;
    }
  }

  /** Whether the file holds a sops-encrypted value anywhere, scanning it in a stream. */
  static boolean containsEncryptedValue(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int matched = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == ENCRYPTED_MARKER[matched]) {
            if (++matched == ENCRYPTED_MARKER.length) {
              return true;
            }
          } else {
            matched = buffer[i] == ENCRYPTED_MARKER[0] ? 1 : 0;
          }
        }
      }
      return false;
    }
  }

  static boolean containsEncryptedValue(byte[] content) {
    return new String(content, StandardCharsets.ISO_8859_1)
        .contains(new String(ENCRYPTED_MARKER, StandardCharsets.ISO_8859_1));
  }
}
