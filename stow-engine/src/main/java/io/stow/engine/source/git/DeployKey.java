package io.stow.engine.source.git;

import io.stow.engine.fs.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The host's SSH deploy key for a Git remote: an ed25519 key pair in OpenSSH format, made once. The
 * private key is written 0400 (readable by its owner, root, only); the public key beside it ({@code
 * <key>.pub}, 0644) is what the repository's read-only deploy keys list.
 */
public final class DeployKey {

  private DeployKey() {}

  /** What {@link #ensure} found or made. */
  public record Result(Path privateKey, String publicKeyLine, boolean created) {}

  /**
   * Makes the key pair at {@code privateKey} when there is none, and returns its public key line.
   *
   * @throws IOException when the key cannot be read or written
   */
  public static Result ensure(Path privateKey, String comment) throws IOException {
    if (Files.exists(privateKey, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isRegularFile(privateKey, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(privateKey + " exists but is not a regular file");
      }
      return new Result(privateKey, publicLine(read(privateKey), comment), false);
    }
    KeyPair pair = generate();
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, encoded);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encode the new key: " + e.getMessage(), e);
    }
    PrivateFiles.createPrivateDirectories(privateKey.toAbsolutePath().getParent());
    PrivateFiles.writeAtomically(privateKey, encoded.toByteArray());
    Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("r--------"));
    String line = publicLine(pair, comment);
    Path publicKey = privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    PrivateFiles.writeAtomically(publicKey, (line + "\n").getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(publicKey, PosixFilePermissions.fromString("rw-r--r--"));
    return new Result(privateKey, line, true);
  }

  private static KeyPair generate() throws IOException {
    try {
      KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
      generator.initialize(256); // Ed25519, the curve ssh-ed25519 keys use
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("this Java runtime cannot make ed25519 keys: " + e.getMessage(), e);
    }
  }

  private static KeyPair read(Path privateKey) throws IOException {
    try {
      Iterator<KeyPair> pairs =
          SecurityUtils.loadKeyPairIdentities(
                  null,
                  () -> privateKey.toString(),
                  Files.newInputStream(privateKey),
                  FilePasswordProvider.EMPTY)
              .iterator();
      if (!pairs.hasNext()) {
        throw new IOException(privateKey + " holds no private key");
      }
      return pairs.next();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the deploy key " + privateKey + ": " + e.getMessage(), e);
    }
  }

  private static String publicLine(KeyPair pair, String comment) {
    return PublicKeyEntry.toString(pair.getPublic()) + " " + comment;
  }
}
