package io.stow.sops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads files without ever holding more than a bound in memory, and only regular files: a FIFO
 * would block and a device such as {@code /dev/zero} never end.
 */
final class BoundedFiles {

  private static final byte[] ENCRYPTED_MARKER =
      "ENC[AES256_GCM,".getBytes(StandardCharsets.US_ASCII);

  private BoundedFiles() {}

  /**
   * The file's bytes, or null when it is larger than {@code maxBytes}.
   *
   * @throws SopsException when it is not a regular file (a FIFO would block, a device never end)
   */
  static byte[] readAtMost(Path file, long maxBytes) throws IOException {
    requireRegular(file, "a SOPS file");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes((int) maxBytes + 1);
      return content.length > maxBytes ? null : content;
    }
  }

  /**
   * The bytes of a file stow-sops must read whole, such as a key file.
   *
   * @param what what the file is, for messages: "age key file"
   * @throws SopsException naming the file when it is not a regular file or is larger than {@code
   *     maxBytes}
   */
  static byte[] readWhole(Path file, int maxBytes, String what) throws IOException {
    requireRegular(file, "an " + what);
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(maxBytes + 1);
    }
    if (content.length > maxBytes) {
      throw new SopsException(
          file, "is larger than " + describeSize(maxBytes) + "; it cannot be an " + what);
    }
    return content;
  }

  /**
   * Checks, without opening it, that the file (after symbolic links) is a regular file.
   *
   * @param role what the file should be, for messages: "a SOPS file", "an age key file"
   */
  static void requireRegular(Path file, String role) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new SopsException(
          file, "is " + kind(file, attributes) + ", not a regular file; " + role + " must be one");
    }
  }

  private static String kind(Path file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    try {
      int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
      switch (type) {
        case 0010000:
          return "a FIFO (named pipe)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix attribute view: fall back to the generic word
    }
    return "a special file";
  }

  private static String describeSize(int bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
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
