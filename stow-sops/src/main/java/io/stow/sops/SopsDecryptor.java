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
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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
  private final Function<SopsFormat, Store> stores;
  private volatile DataKeyResolver resolver;

  /** A decryptor using these keys and the default limits. */
  public SopsDecryptor(SopsKeys keys) {
    this(keys, SopsLimits.DEFAULT);
  }

  public SopsDecryptor(SopsKeys keys, SopsLimits limits) {
    this(keys, limits, SopsFormat::store);
  }

  /** With the stores given per format, so tests can watch what is parsed. */
  SopsDecryptor(SopsKeys keys, SopsLimits limits, Function<SopsFormat, Store> stores) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.stores = Objects.requireNonNull(stores, "stores");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only a file whose lines or tokens show a sops block with a {@code mac} or {@code version},
   * or that holds an encrypted value ({@code ENC[AES256_GCM,...}), is parsed; other files are plain
   * without a parse. A file that holds such a value but cannot be parsed in its format throws
   * rather than pass as plain; a file above the size limit counts as SOPS when it holds such a
   * value, so that {@link #decrypt} reports the limit.
   */
  @Override
  public boolean isSopsFile(Path file) throws IOException {
    byte[] content = BoundedFiles.readAtMost(file, limits.maxFileBytes());
    if (content == null) {
      return BoundedFiles.containsEncryptedValue(file);
    }
    return guarded(file, () -> sopsDocuments(content, SopsFormat.of(file)) != null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the file once and parses it at most once: files that cannot be SOPS files (see {@link
   * #isSopsFile}) are not parsed at all.
   */
  @Override
  public Optional<byte[]> decryptIfSops(Path file, OutputType outputType) throws IOException {
    Objects.requireNonNull(outputType, "outputType");
    byte[] content = BoundedFiles.readAtMost(file, limits.maxFileBytes());
    if (content == null) {
      if (BoundedFiles.containsEncryptedValue(file)) {
        throw tooLarge(file);
      }
      return Optional.empty();
    }
    SopsFormat format = SopsFormat.of(file);
    return guarded(
        file,
        () -> {
          List<Node.MapNode> documents = sopsDocuments(content, format);
          return documents == null
              ? Optional.empty()
              : Optional.of(decrypt(documents, format, outputType));
        });
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
      throw tooLarge(file);
    }
    SopsFormat format = SopsFormat.of(file);
    return guarded(file, () -> decrypt(parse(content, format), format, outputType));
  }

  /**
   * The parsed documents when the content is a SOPS file, else null. Content without a sniffed
   * metadata block and without an encrypted value is not parsed.
   */
  private List<Node.MapNode> sopsDocuments(byte[] content, SopsFormat format) {
    if (format == SopsFormat.BINARY && !startsLikeJsonObject(content)) {
      return null;
    }
    Store store = stores.apply(format);
    boolean block = store.hasMetadataBlock(content);
    if (!block && !BoundedFiles.containsEncryptedValue(content)) {
      return null;
    }
    List<Node.MapNode> documents;
    try {
      documents = store.parse(content, limits);
    } catch (StoreException e) {
      throw new StoreException(
          (block ? "has a sops metadata block" : "holds sops-encrypted values")
              + " but is not valid "
              + describe(format)
              + ": "
              + e.getMessage());
    }
    return MetadataParser.isMetadata(store.metadata(documents)) ? documents : null;
  }

  private List<Node.MapNode> parse(byte[] content, SopsFormat format) {
    try {
      return stores.apply(format).parse(content, limits);
    } catch (StoreException e) {
      throw new StoreException("is not valid " + describe(format) + ": " + e.getMessage());
    }
  }

  private byte[] decrypt(List<Node.MapNode> documents, SopsFormat format, OutputType outputType) {
    Store store = stores.apply(format);
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
      return output(store, format, outputType, result.documents());
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** Runs {@code work}, turning its failures into {@link SopsException}s naming the file. */
  private static <T> T guarded(Path file, Supplier<T> work) {
    try {
      return work.get();
    } catch (StoreException e) {
      throw new SopsException(file, e.getMessage());
    } catch (SopsException e) {
      throw e;
    } catch (RuntimeException e) {
      // library exceptions may carry key material or content: report only their kind
      throw new SopsException(
          file, "decryption failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }
  }

  private SopsException tooLarge(Path file) {
    return new SopsException(
        file, "is larger than the " + limits.maxFileBytes() + "-byte limit for SOPS files");
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
      Store store, SopsFormat format, OutputType outputType, List<Node.MapNode> documents) {
    if (outputType == OutputType.NATIVE || format == SopsFormat.BINARY) {
      return store.emit(documents);
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
