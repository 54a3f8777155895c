package io.stow.engine;

import io.stow.sops.OutputType;
import io.stow.sops.SecretDecryptor;
import io.stow.sops.SopsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Treats files holding a {@code sops_mac=} line as SOPS files and "decrypts" them to plaintext
 * registered by file name; files registered as failing throw like a MAC mismatch. Only {@link
 * #decryptIfSops} works, so a test fails when the engine reads a file twice.
 */
public final class FakeSecretDecryptor implements SecretDecryptor {

  /** A dotenv SOPS file's shape. */
  public static final String ENCRYPTED =
      "TOKEN=ENC[AES256_GCM,data:abcd,iv:efgh,tag:ijkl,type:str]\n"
          + "sops_version=3.9.0\n"
          + "sops_mac=ENC[AES256_GCM,data:mnop,iv:qrst,tag:uvwx,type:str]\n";

  private final Map<String, String> plaintext = new HashMap<>();
  private final Set<String> failing = new HashSet<>();

  public FakeSecretDecryptor plaintext(String fileName, String content) {
    plaintext.put(fileName, content);
    return this;
  }

  public FakeSecretDecryptor failing(String fileName) {
    failing.add(fileName);
    return this;
  }

  /** The engine must ask once per file; asking twice means reading and parsing twice. */
  @Override
  public boolean isSopsFile(Path file) {
    throw new AssertionError("the engine must decrypt with decryptIfSops, one call per file");
  }

  @Override
  public byte[] decrypt(Path file) {
    throw new AssertionError("the engine must decrypt with decryptIfSops, one call per file");
  }

  @Override
  public Optional<byte[]> decryptIfSops(Path file, OutputType outputType) throws IOException {
    if (!Files.readString(file).contains("sops_mac=")) {
      return Optional.empty();
    }
    String name = file.getFileName().toString();
    if (failing.contains(name)) {
      throw new SopsException(file, "MAC mismatch: the file was modified or the key is wrong");
    }
    String content = plaintext.get(name);
    if (content == null) {
      throw new SopsException(file, "no key can decrypt this file");
    }
    return Optional.of(content.getBytes(StandardCharsets.UTF_8));
  }
}
