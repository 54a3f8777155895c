package io.stow.engine.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises a SOPS file without being able to decrypt it, so that a deployment holding secrets
 * fails clearly when no {@link io.stow.sops.SecretDecryptor} is configured instead of deploying
 * ciphertext. Looks for sops' metadata block in any of its stores (YAML, JSON, dotenv, INI).
 */
final class SopsSniffer {

  private static final int LIMIT = 16 * 1024 * 1024;

  private SopsSniffer() {}

  static boolean looksLikeSops(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(LIMIT);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    boolean block =
        text.startsWith("sops:")
            || text.contains("\nsops:")
            || text.contains("\"sops\":")
            || text.contains("\"sops\" :")
            || text.contains("[sops]")
            || text.contains("sops_version=")
            || text.contains("sops_mac=");
    return block && text.contains("mac") && text.contains("version");
  }
}
