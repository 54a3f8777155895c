package io.stow.sops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Native SOPS decryption: every store (YAML, JSON, dotenv, INI, binary), age X25519 and PGP keys,
 * Shamir key groups, MAC verification. Output equals {@code sops --decrypt}.
 *
 * <p>Key files are read once, on first use, and kept for the life of this object. Every failure is
 * a {@link SopsException} naming the file and, for a value, its key path; messages never contain a
 * decrypted value or key material. Thread-safe.
 */
public final class SopsDecryptor implements SecretDecryptor {

  private final SopsKeys keys;
  private final SopsLimits limits;
  private volatile DataKeyResolver resolver;

  /** A decryptor using these keys and the default limits. */
  public SopsDecryptor(SopsKeys keys) {
    this(keys, SopsLimits.DEFAULT);
  }

  public SopsDecryptor(SopsKeys keys, SopsLimits limits) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * {@inheritDoc}
   *
   * <p>A file that cannot be parsed in its format is not a SOPS file unless it holds an encrypted
   * value ({@code ENC[AES256_GCM,...}), in which case this throws rather than let it pass as plain;
   * a file above the size limit counts as SOPS when it holds such a value, so that {@link #decrypt}
   * reports the limit.
   */
  @Override
  public boolean isSopsFile(Path file) throws IOException {
    byte[] content = BoundedFiles.readAtMost(file, limits.maxFileBytes());
    if (content == null) {
      return BoundedFiles.containsEncryptedValue(file);
    }
    SopsFormat format = SopsFormat.of(file);
    if (format == SopsFormat.BINARY && !startsLikeJsonObject(content)) {
      return false;
    }
    try {
      Store store = format.store();
      return MetadataParser.isMetadata(store.metadata(store.parse(content, limits)));
    } catch (StoreException e) {
      if (BoundedFiles.containsEncryptedValue(content)) {
        throw new SopsException(
            file,
            "holds sops-encrypted values but is not valid "
                + describe(format)
                + ": "
                + e.getMessage());
      }
      return false;
    }
  }

  /** {@inheritDoc} Same as {@code decrypt(file, OutputType.NATIVE)}. */
  @Override
  public byte[] decrypt(Path file) throws IOException {
    return decrypt(file, OutputType.NATIVE);
  }

  /** The decrypted tree as JSON; for a binary file, its decrypted content as UTF-8 text. */
  public String decryptToJson(Path file) throws IOException {
    return new String(decrypt(file, OutputType.JSON), StandardCharsets.UTF_8);
  }

  /**
   * Decrypts and verifies the MAC, then writes the plaintext in the requested form.
   *
   * @throws IOException when the file cannot be read
   * @throws SopsException when it is not a valid SOPS file, no configured key decrypts it, or its
   *     MAC does not match
   */
  @Override
  public byte[] decrypt(Path file, OutputType outputType) throws IOException {
    Objects.requireNonNull(outputType, "outputType");
    byte[] content = BoundedFiles.readAtMost(file, limits.maxFileBytes());
    if (content == null) {
      throw new SopsException(
          file, "is larger than the " + limits.maxFileBytes() + "-byte limit for SOPS files");
    }
    SopsFormat format = SopsFormat.of(file);
    try {
      return decrypt(content, format, outputType);
    } catch (StoreException e) {
      throw new SopsException(file, e.getMessage());
    } catch (RuntimeException e) {
      // library exceptions may carry key material: report only their kind
      throw new SopsException(
          file, "decryption failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }
  }

  private byte[] decrypt(byte[] content, SopsFormat format, OutputType outputType) {
    Store store = format.store();
    List<Node.MapNode> documents;
    try {
      documents = store.parse(content, limits);
    } catch (StoreException e) {
      throw new StoreException("is not valid " + describe(format) + ": " + e.getMessage());
    }
    Node.MapNode sops = store.metadata(documents);
    if (!MetadataParser.isMetadata(sops)) {
      throw new StoreException("is not a SOPS file: it has no sops metadata block");
    }
    Metadata metadata;
    try {
      metadata = MetadataParser.parse(sops);
    } catch (StoreException e) {
      throw new StoreException("has invalid sops metadata: " + e.getMessage());
    }
    if (metadata.mac() == null) {
      throw new StoreException(
          "has no MAC (sops.mac is missing), so its integrity cannot be verified; sops refuses"
              + " such files too");
    }
    byte[] dataKey = resolver().dataKey(metadata);
    try {
      ValueCipher cipher = new ValueCipher(dataKey);
      TreeDecryptor.Result result =
          TreeDecryptor.decrypt(store.withoutMetadata(documents), metadata.rules(), cipher);
      verifyMac(metadata, cipher, result.mac());
      return output(format, outputType, result.documents());
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static void verifyMac(Metadata metadata, ValueCipher cipher, String computed) {
    OffsetDateTime lastModified;
    try {
      lastModified = OffsetDateTime.parse(metadata.lastModified());
    } catch (DateTimeParseException e) {
      throw new StoreException("sops.lastmodified is not an RFC 3339 timestamp");
    }
    byte[] stored;
    try {
      stored = cipher.decrypt(EncryptedValue.parse(metadata.mac()), GoFormat.rfc3339(lastModified));
    } catch (StoreException e) {
      throw new StoreException(
          "MAC mismatch: the stored MAC cannot be decrypted ("
              + e.getMessage()
              + "); sops.mac or sops.lastmodified was altered");
    }
    byte[] expected = computed.getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(stored, expected)) {
      throw new StoreException(
          "MAC mismatch: the content was modified after encryption (a value, the order of"
              + " values, or an unencrypted part changed)");
    }
  }

  private static byte[] output(
      SopsFormat format, OutputType outputType, List<Node.MapNode> documents) {
    if (outputType == OutputType.NATIVE || format == SopsFormat.BINARY) {
      return format.store().emit(documents);
    }
    // several YAML documents become one JSON array
    return JsonWriter.write(
        documents.size() == 1 ? documents.get(0) : new Node.ListNode(List.copyOf(documents)));
  }

  private DataKeyResolver resolver() {
    DataKeyResolver r = resolver;
    if (r == null) {
      synchronized (this) {
        r = resolver;
        if (r == null) {
          r = new DataKeyResolver(AgeIdentities.load(keys), PgpKeyring.load(keys.pgpKeyFiles()));
          resolver = r;
        }
      }
    }
    return r;
  }

  private static boolean startsLikeJsonObject(byte[] content) {
    for (byte b : content) {
      if (b == '{') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return false;
  }

  private static String describe(SopsFormat format) {
    return format == SopsFormat.DOTENV ? "dotenv" : format.name().toUpperCase(Locale.ROOT);
  }
}
