package io.stow.sops;

import com.exceptionfactory.jagged.framework.armor.ArmoredEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Encrypts plaintext documents the way sops does, for round-trip tests that need no third-party
 * files: AES-256-GCM values with the key path as additional data, the MAC over the values, the data
 * key for age recipients and PGP keys, Shamir shares for several key groups, and the metadata block
 * in each store's layout.
 */
final class SopsTestEncryptor {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A master key: an age recipient or a PGP public key with its fingerprint. */
  sealed interface Recipient permits AgeRecipient, PgpRecipient {}

  record AgeRecipient(String recipient) implements Recipient {}

  record PgpRecipient(PGPPublicKey key, String fingerprint) implements Recipient {}

  /** How to encrypt; {@link #withAge} and friends give a fresh copy. */
  record Options(
      List<List<Recipient>> keyGroups,
      int shamirThreshold,
      String unencryptedSuffix,
      String encryptedSuffix,
      String unencryptedRegex,
      String encryptedRegex,
      boolean macOnlyEncrypted,
      boolean iniMultilineMetadata,
      OffsetDateTime lastModified) {

    static Options age(String recipient) {
      return new Options(
          List.of(List.of(new AgeRecipient(recipient))),
          0,
          "_unencrypted",
          "",
          "",
          "",
          false,
          false,
          OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
    }

    Options withKeyGroups(List<List<Recipient>> groups, int threshold) {
      return new Options(
          groups,
          threshold,
          unencryptedSuffix,
          encryptedSuffix,
          unencryptedRegex,
          encryptedRegex,
          macOnlyEncrypted,
          iniMultilineMetadata,
          lastModified);
    }

    Options withRules(String unencSuffix, String encSuffix, String unencRegex, String encRegex) {
      return new Options(
          keyGroups,
          shamirThreshold,
          unencSuffix,
          encSuffix,
          unencRegex,
          encRegex,
          macOnlyEncrypted,
          iniMultilineMetadata,
          lastModified);
    }

    Options withMacOnlyEncrypted() {
      return new Options(
          keyGroups,
          shamirThreshold,
          unencryptedSuffix,
          encryptedSuffix,
          unencryptedRegex,
          encryptedRegex,
          true,
          iniMultilineMetadata,
          lastModified);
    }

    Options withIniMultilineMetadata() {
      return new Options(
          keyGroups,
          shamirThreshold,
          unencryptedSuffix,
          encryptedSuffix,
          unencryptedRegex,
          encryptedRegex,
          macOnlyEncrypted,
          true,
          lastModified);
    }

    EncryptionRules rules() {
      return new EncryptionRules(
          unencryptedSuffix,
          encryptedSuffix,
          regex(unencryptedRegex),
          regex(encryptedRegex),
          null,
          null,
          macOnlyEncrypted);
    }

    private static Pattern regex(String text) {
      return text.isEmpty() ? null : Pattern.compile(text);
    }
  }

  private final Options options;
  private final byte[] dataKey = new byte[32];
  private final MessageDigest mac;

  private SopsTestEncryptor(Options options) throws GeneralSecurityException {
    this.options = options;
    RANDOM.nextBytes(dataKey);
    this.mac = MessageDigest.getInstance("SHA-512");
  }

  /** Parses plaintext in the format, encrypts it and writes it as sops would. */
  static byte[] encrypt(SopsFormat format, String plaintext, Options options) {
    Store store = format.store();
    List<Node.MapNode> documents =
        format == SopsFormat.BINARY
            ? List.of(new Node.MapNode(List.of(new Node.Field("data", Node.Scalar.of(plaintext)))))
            : store.parse(plaintext.getBytes(StandardCharsets.UTF_8), SopsLimits.DEFAULT);
    return encrypt(format, documents, options);
  }

  /** Encrypts documents and writes them as sops would. */
  static byte[] encrypt(SopsFormat format, List<Node.MapNode> documents, Options options) {
    try {
      SopsTestEncryptor encryptor = new SopsTestEncryptor(options);
      List<Node.MapNode> encrypted = new ArrayList<>();
      for (Node.MapNode document : documents) {
        encrypted.add((Node.MapNode) encryptor.value(document, new ArrayList<>()));
      }
      Node.MapNode metadata = encryptor.metadata();
      List<Node.MapNode> withMetadata = new ArrayList<>();
      for (Node.MapNode document : encrypted) {
        List<Node.Entry> entries = new ArrayList<>(document.entries());
        entries.add(new Node.Field("sops", encryptor.storeLayout(format, metadata)));
        if (format == SopsFormat.DOTENV) {
          entries.removeIf(e -> e instanceof Node.Field f && f.key().equals("sops"));
          flatten(metadata, "", "sops_", entries, false);
        }
        withMetadata.add(new Node.MapNode(entries));
      }
      return format == SopsFormat.BINARY
          ? JsonWriter.write(withMetadata.get(0))
          : format.store().emit(withMetadata);
    } catch (GeneralSecurityException | IOException | PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  private Node storeLayout(SopsFormat format, Node.MapNode metadata) {
    if (format != SopsFormat.INI) {
      return metadata;
    }
    List<Node.Entry> flat = new ArrayList<>();
    flatten(metadata, "", "", flat, !options.iniMultilineMetadata());
    return new Node.MapNode(flat);
  }

  private Node value(Node node, List<String> path) throws GeneralSecurityException {
    if (node instanceof Node.MapNode map) {
      List<Node.Entry> out = new ArrayList<>();
      for (Node.Entry entry : map.entries()) {
        if (entry instanceof Node.Comment comment) {
          out.add(encryptComment(comment, path));
        } else {
          Node.Field field = (Node.Field) entry;
          path.add(field.key());
          out.add(new Node.Field(field.key(), value(field.value(), path)));
          path.remove(path.size() - 1);
        }
      }
      return new Node.MapNode(out);
    }
    if (node instanceof Node.ListNode list) {
      List<Node> out = new ArrayList<>();
      for (Node item : list.items()) {
        out.add(value(item, path));
      }
      return new Node.ListNode(out);
    }
    if (node instanceof Node.Comment comment) {
      return encryptComment(comment, path);
    }
    Object value = ((Node.Scalar) node).value();
    boolean encrypted = options.rules().isEncrypted(path, List.of());
    if (value != null && (encrypted || !options.macOnlyEncrypted())) {
      mac.update(GoFormat.macBytes(value));
    }
    if (!encrypted || value == null || "".equals(value)) {
      return node;
    }
    return Node.Scalar.of(encryptValue(value, path));
  }

  private Node.Comment encryptComment(Node.Comment comment, List<String> path)
      throws GeneralSecurityException {
    if (!options.rules().isEncrypted(path, List.of())) {
      return comment;
    }
    byte[] plain = comment.text().getBytes(StandardCharsets.UTF_8);
    return new Node.Comment(encrypt(plain, aad(path), "comment"));
  }

  private String encryptValue(Object value, List<String> path) throws GeneralSecurityException {
    String type;
    byte[] plain;
    if (value instanceof Long || value instanceof java.math.BigInteger) {
      type = "int";
      plain = value.toString().getBytes(StandardCharsets.UTF_8);
    } else if (value instanceof Double d) {
      type = "float";
      plain = GoFormat.formatF(d).getBytes(StandardCharsets.UTF_8);
    } else if (value instanceof Boolean b) {
      type = "bool";
      plain = b.toString().getBytes(StandardCharsets.UTF_8);
    } else if (value instanceof OffsetDateTime t) {
      type = "time";
      plain = GoFormat.rfc3339Nano(t).getBytes(StandardCharsets.UTF_8);
    } else if (value instanceof byte[] bytes) {
      type = "bytes";
      plain = bytes;
    } else {
      type = "str";
      plain = value.toString().getBytes(StandardCharsets.UTF_8);
    }
    return encrypt(plain, aad(path), type);
  }

  private String encrypt(byte[] plain, String aad, String type) throws GeneralSecurityException {
    byte[] iv = new byte[EncryptedValue.IV_BYTES];
    RANDOM.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = cipher.doFinal(plain);
    byte[] data = java.util.Arrays.copyOf(sealed, sealed.length - EncryptedValue.TAG_BYTES);
    byte[] tag =
        java.util.Arrays.copyOfRange(
            sealed, sealed.length - EncryptedValue.TAG_BYTES, sealed.length);
    return new EncryptedValue(data, iv, tag, type).format();
  }

  private static String aad(List<String> path) {
    return String.join(":", path) + ":";
  }

  private Node.MapNode metadata() throws GeneralSecurityException, IOException, PGPException {
    List<Node.Entry> fields = new ArrayList<>();
    List<List<Recipient>> groups = options.keyGroups();
    if (groups.size() == 1) {
      fields.addAll(groupFields(groups.get(0), dataKey));
    } else {
      List<byte[]> shares = split(dataKey, groups.size(), options.shamirThreshold());
      List<Node> groupNodes = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        groupNodes.add(new Node.MapNode(groupFields(groups.get(i), shares.get(i))));
      }
      fields.add(new Node.Field("key_groups", new Node.ListNode(groupNodes)));
      fields.add(
          new Node.Field("shamir_threshold", Node.Scalar.of((long) options.shamirThreshold())));
    }
    String macHex = HexFormat.of().withUpperCase().formatHex(mac.digest());
    fields.add(
        new Node.Field("lastmodified", Node.Scalar.of(GoFormat.rfc3339(options.lastModified()))));
    fields.add(
        new Node.Field(
            "mac",
            Node.Scalar.of(
                encrypt(
                    macHex.getBytes(StandardCharsets.US_ASCII),
                    GoFormat.rfc3339(options.lastModified()),
                    "str"))));
    addRule(fields, "unencrypted_suffix", options.unencryptedSuffix());
    addRule(fields, "encrypted_suffix", options.encryptedSuffix());
    addRule(fields, "unencrypted_regex", options.unencryptedRegex());
    addRule(fields, "encrypted_regex", options.encryptedRegex());
    if (options.macOnlyEncrypted()) {
      fields.add(new Node.Field("mac_only_encrypted", Node.Scalar.of(Boolean.TRUE)));
    }
    fields.add(new Node.Field("version", Node.Scalar.of("3.10.2")));
    return new Node.MapNode(fields);
  }

  private static void addRule(List<Node.Entry> fields, String key, String value) {
    if (!value.isEmpty()) {
      fields.add(new Node.Field(key, Node.Scalar.of(value)));
    }
  }

  private List<Node.Entry> groupFields(List<Recipient> group, byte[] secret)
      throws GeneralSecurityException, IOException, PGPException {
    List<Node> age = new ArrayList<>();
    List<Node> pgp = new ArrayList<>();
    for (Recipient recipient : group) {
      if (recipient instanceof AgeRecipient a) {
        age.add(
            new Node.MapNode(
                List.of(
                    new Node.Field("recipient", Node.Scalar.of(a.recipient())),
                    new Node.Field("enc", Node.Scalar.of(ageEncrypt(a.recipient(), secret))))));
      } else {
        PgpRecipient p = (PgpRecipient) recipient;
        pgp.add(
            new Node.MapNode(
                List.of(
                    new Node.Field("created_at", Node.Scalar.of("2026-01-02T03:04:05Z")),
                    new Node.Field("enc", Node.Scalar.of(pgpEncrypt(p.key(), secret))),
                    new Node.Field("fp", Node.Scalar.of(p.fingerprint())))));
      }
    }
    List<Node.Entry> fields = new ArrayList<>();
    if (!age.isEmpty()) {
      fields.add(new Node.Field("age", new Node.ListNode(age)));
    }
    if (!pgp.isEmpty()) {
      fields.add(new Node.Field("pgp", new Node.ListNode(pgp)));
    }
    return fields;
  }

  static String ageEncrypt(String recipient, byte[] secret)
      throws GeneralSecurityException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel channel =
        new ArmoredEncryptingChannelFactory()
            .newEncryptingChannel(
                Channels.newChannel(out),
                List.of(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient)))) {
      channel.write(java.nio.ByteBuffer.wrap(secret));
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  static String pgpEncrypt(PGPPublicKey key, byte[] secret) throws IOException, PGPException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      PGPEncryptedDataGenerator generator =
          new PGPEncryptedDataGenerator(
              new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                  .setWithIntegrityPacket(true)
                  .setSecureRandom(RANDOM));
      generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
      try (OutputStream encrypted = generator.open(armored, new byte[4096]);
          OutputStream literal =
              new PGPLiteralDataGenerator()
                  .open(encrypted, PGPLiteralData.BINARY, "", secret.length, new Date())) {
        literal.write(secret);
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** Shamir split in the Vault layout: per share, one y per secret byte then the x coordinate. */
  static List<byte[]> split(byte[] secret, int parts, int threshold) {
    Set<Integer> used = new HashSet<>();
    int[] xs = new int[parts];
    for (int i = 0; i < parts; i++) {
      int x;
      do {
        x = 1 + RANDOM.nextInt(255);
      } while (!used.add(x));
      xs[i] = x;
    }
    List<byte[]> shares = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      byte[] share = new byte[secret.length + 1];
      share[secret.length] = (byte) xs[i];
      shares.add(share);
    }
    for (int b = 0; b < secret.length; b++) {
      int[] coefficients = new int[threshold];
      coefficients[0] = secret[b] & 0xff;
      for (int c = 1; c < threshold; c++) {
        coefficients[c] = RANDOM.nextInt(256);
      }
      for (int i = 0; i < parts; i++) {
        int y = 0;
        for (int c = threshold - 1; c >= 0; c--) { // Horner's rule
          y = Shamir.mul(y, xs[i]) ^ coefficients[c];
        }
        shares.get(i)[b] = (byte) y;
      }
    }
    return shares;
  }

  /** The flat keys dotenv and INI files use for the metadata block. */
  private static void flatten(
      Node node, String prefix, String keyPrefix, List<Node.Entry> out, boolean escapeNewlines) {
    if (node instanceof Node.MapNode map) {
      for (Node.Entry entry : map.entries()) {
        Node.Field field = (Node.Field) entry;
        String key = prefix.isEmpty() ? field.key() : prefix + "__map_" + field.key();
        flatten(field.value(), key, keyPrefix, out, escapeNewlines);
      }
    } else if (node instanceof Node.ListNode list) {
      for (int i = 0; i < list.items().size(); i++) {
        flatten(list.items().get(i), prefix + "__list_" + i, keyPrefix, out, escapeNewlines);
      }
    } else {
      String value = GoFormat.text(((Node.Scalar) node).value());
      out.add(
          new Node.Field(
              keyPrefix + prefix,
              Node.Scalar.of(escapeNewlines ? value.replace("\n", "\\n") : value)));
    }
  }
}
