package io.stow.sops;

import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value as sops stores it: {@code ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]}.
 *
 * @param data the ciphertext without the tag
 * @param iv the 32-byte GCM nonce
 * @param tag the 16-byte GCM tag
 * @param type what the plaintext is: str, int, float, bool, bytes, time or comment
 */
record EncryptedValue(byte[] data, byte[] iv, byte[] tag, String type) {

  static final int IV_BYTES = 32;
  static final int TAG_BYTES = 16;
  private static final String PREFIX = "ENC[AES256_GCM,";
  private static final Pattern FORMAT =
      Pattern.compile("ENC\\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:([a-z]+)]");

  EncryptedValue {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(iv, "iv");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(type, "type");
  }

  /** Whether the text looks like an encrypted value, malformed or not. */
  static boolean looksEncrypted(String text) {
    return text.startsWith("ENC[");
  }

  /**
   * Parses the stored form.
   *
   * @throws StoreException saying what is wrong, never quoting the text
   */
  static EncryptedValue parse(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new StoreException(
          text.startsWith("ENC[")
              ? "unsupported cipher (only AES256_GCM is known)"
              : "not an encrypted value (ENC[AES256_GCM,...])");
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new StoreException(
          "malformed encrypted value: expected ENC[AES256_GCM,data:..,iv:..,tag:..,type:..]");
    }
    byte[] iv = base64(m.group(2), "iv");
    if (iv.length != IV_BYTES) {
      throw new StoreException("wrong iv length: " + iv.length + " bytes, sops writes " + IV_BYTES);
    }
    byte[] tag = base64(m.group(3), "tag");
    if (tag.length != TAG_BYTES) {
      throw new StoreException(
          "wrong tag length: " + tag.length + " bytes, AES-GCM needs " + TAG_BYTES);
    }
    return new EncryptedValue(base64(m.group(1), "data"), iv, tag, m.group(4));
  }

  /** The stored form. */
  String format() {
    Base64.Encoder b64 = Base64.getEncoder();
    return "ENC[AES256_GCM,data:"
        + b64.encodeToString(data)
        + ",iv:"
        + b64.encodeToString(iv)
        + ",tag:"
        + b64.encodeToString(tag)
        + ",type:"
        + type
        + "]";
  }

  private static byte[] base64(String text, String field) {
    // Go's StdEncoding insists on padding; Java's decoder would accept a truncated tail
    if (text.length() % 4 != 0) {
      throw new StoreException(
          "truncated base64 in field '" + field + "' (length " + text.length() + ")");
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new StoreException("invalid base64 in field '" + field + "'");
    }
  }

  @Override
  public String toString() {
    return "EncryptedValue[type=" + type + "]";
  }
}
