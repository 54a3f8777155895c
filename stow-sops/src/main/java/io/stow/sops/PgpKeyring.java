package io.stow.sops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * PGP secret keys from armored key files and the decryption of the armored messages sops stores,
 * using BouncyCastle. A message is matched to a secret (sub)key by the key id in its public-key
 * encrypted session key packet, not by the fingerprint sops records (that is the primary key's).
 */
final class PgpKeyring {

  private static final int MAX_KEY_FILE_BYTES = 4 * 1024 * 1024;

  private final Map<Long, PGPSecretKey> keysById;
  private final List<String> sources;
  private final List<String> problems;

  private PgpKeyring(
      Map<Long, PGPSecretKey> keysById, List<String> sources, List<String> problems) {
    this.keysById = keysById;
    this.sources = List.copyOf(sources);
    this.problems = List.copyOf(problems);
  }

  /**
   * Loads every secret key and subkey; unreadable files become {@link #problems()}.
   *
   * @throws SopsException naming a key file that is not a regular file of at most 4 MiB
   */
  static PgpKeyring load(List<Path> files) {
    Map<Long, PGPSecretKey> keys = new LinkedHashMap<>();
    List<String> sources = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      sources.add(file.toString());
      try {
        byte[] content = BoundedFiles.readWhole(file, MAX_KEY_FILE_BYTES, "armored PGP key file");
        int before = keys.size();
        read(content, keys);
        if (keys.size() == before) {
          problems.add("PGP key file " + file + " holds no secret key");
        }
      } catch (SopsException e) {
        throw e; // not a regular file, or too large: a configuration error, not a problem
      } catch (IOException | PGPException | RuntimeException e) {
        problems.add(
            "cannot read PGP key file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    return new PgpKeyring(keys, sources, problems);
  }

  private static void read(byte[] content, Map<Long, PGPSecretKey> keys)
      throws IOException, PGPException {
    // a file may hold several armored blocks, public ones among them
    String text = new String(content, StandardCharsets.US_ASCII);
    for (String block : text.split("(?=-----BEGIN PGP )")) {
      if (!block.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----") && block.startsWith("-----")) {
        continue;
      }
      if (block.isBlank()) {
        continue;
      }
      InputStream in =
          PGPUtil.getDecoderStream(
              new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)));
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
        if (object instanceof PGPSecretKeyRing ring) {
          for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
            PGPSecretKey key = it.next();
            if (!key.isPrivateKeyEmpty()) {
              keys.putIfAbsent(key.getKeyID(), key);
            }
          }
        }
      }
    }
  }

  int size() {
    return keysById.size();
  }

  List<String> sources() {
    return sources;
  }

  List<String> problems() {
    return problems;
  }

  /** The key ids (hex) of the session key packets of an armored message, for messages. */
  static List<String> recipientKeyIds(String armored) {
    List<String> ids = new ArrayList<>();
    try {
      for (PGPEncryptedData data : encryptedDataList(armored)) {
        if (data instanceof PGPPublicKeyEncryptedData pk) {
          ids.add(hexKeyId(pk.getKeyIdentifier().getKeyId()));
        }
      }
    } catch (StoreException e) {
      // no ids to report
    }
    return ids;
  }

  /**
   * Decrypts an armored message with a matching secret key.
   *
   * @return the plaintext, or null when no loaded key matches a recipient of the message
   * @throws StoreException when the message is malformed or the matching key is protected
   */
  byte[] decrypt(String armored) {
    for (PGPEncryptedData data : encryptedDataList(armored)) {
      if (!(data instanceof PGPPublicKeyEncryptedData pk)) {
        continue;
      }
      // a wildcard (hidden recipient) id may belong to any key
      KeyIdentifier id = pk.getKeyIdentifier();
      List<PGPSecretKey> candidates =
          id.isWildcard() ? List.copyOf(keysById.values()) : listOf(keysById.get(id.getKeyId()));
      for (PGPSecretKey key : candidates) {
        byte[] plain = decrypt(pk, key);
        if (plain != null) {
          return plain;
        }
      }
    }
    return null;
  }

  private static byte[] decrypt(PGPPublicKeyEncryptedData data, PGPSecretKey key) {
    String keyId = hexKeyId(key.getKeyID());
    if (key.getS2KUsage() != SecretKeyPacket.USAGE_NONE) {
      throw new StoreException(
          "PGP secret key "
              + keyId
              + " is protected by a passphrase, which native decryption cannot prompt for: remove"
              + " the passphrase from the key file or configure sopsBinary");
    }
    PGPPrivateKey privateKey;
    try {
      privateKey = key.extractPrivateKey(null);
    } catch (PGPException e) {
      throw new StoreException("PGP secret key " + keyId + " cannot be used");
    }
    try (InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(privateKey))) {
      byte[] plain = literal(new BcPGPObjectFactory(clear));
      if (data.isIntegrityProtected() && !data.verify()) {
        throw new StoreException("the PGP-encrypted data key fails its integrity check");
      }
      return plain;
    } catch (PGPException | IOException | RuntimeException e) {
      if (e instanceof StoreException se) {
        throw se;
      }
      // a key id collision or a damaged packet: let another key try
      return null;
    }
  }

  private static byte[] literal(BcPGPObjectFactory factory) throws IOException, PGPException {
    for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
      if (object instanceof PGPCompressedData compressed) {
        return literal(new BcPGPObjectFactory(compressed.getDataStream()));
      }
      if (object instanceof PGPLiteralData literal) {
        try (InputStream in = literal.getInputStream()) {
          return in.readNBytes(64 * 1024);
        }
      }
    }
    throw new StoreException("the PGP message holds no literal data");
  }

  private static List<PGPEncryptedData> encryptedDataList(String armored) {
    try {
      InputStream in =
          PGPUtil.getDecoderStream(
              new ByteArrayInputStream(armored.strip().getBytes(StandardCharsets.US_ASCII)));
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
        if (object instanceof PGPEncryptedDataList list) {
          List<PGPEncryptedData> out = new ArrayList<>();
          list.forEach(out::add);
          return out;
        }
        if (!(object instanceof PGPMarker)) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // reported below
    }
    throw new StoreException("the PGP-encrypted data key is not a PGP encrypted message");
  }

  private static List<PGPSecretKey> listOf(PGPSecretKey key) {
    return key == null ? List.of() : List.of(key);
  }

  static String hexKeyId(long keyId) {
    return HexFormat.of().withUpperCase().toHexDigits(keyId).toUpperCase(Locale.ROOT);
  }
}
