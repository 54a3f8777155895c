package io.stow.sops;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/** Keys for tests: fresh age identities from jagged and PGP keys generated for stow's tests. */
final class TestKeys {

  private TestKeys() {}

  /** A fresh age X25519 identity. */
  record Age(String identity, String recipient) {}

  static Age newAge() {
    try {
      KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
      return new Age(pair.getPrivate().toString(), pair.getPublic().toString());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PGP test key: its secret key file (copied to {@code dir}) and its encryption subkey. */
  record Pgp(Path secretKeyFile, PGPPublicKey encryptionKey, String fingerprint) {}

  /** An ed25519/cv25519 key without passphrase, as current GnuPG generates by default. */
  static Pgp cv25519(Path dir) {
    return pgp("test-pgp-cv25519.asc", dir);
  }

  /** An RSA/cv25519 key protected by a passphrase. */
  static Pgp protectedKey(Path dir) {
    return pgp("test-pgp-protected.asc", dir);
  }

  static byte[] resource(String name) {
    try (InputStream in = TestKeys.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resourceText(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  private static Pgp pgp(String resource, Path dir) {
    try {
      byte[] armored = resource(resource);
      Path file = dir.resolve(resource);
      Files.write(file, armored);
      PGPSecretKeyRing ring =
          (PGPSecretKeyRing)
              new BcPGPObjectFactory(
                      PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(armored)))
                  .nextObject();
      PGPPublicKey encryption = null;
      for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
        PGPPublicKey key = it.next();
        if (!key.isMasterKey() && key.isEncryptionKey()) {
          encryption = key;
        }
      }
      String fingerprint =
          java.util.HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint());
      return new Pgp(file, encryption, fingerprint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
