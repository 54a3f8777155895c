package io.stow.sops;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts single sops values with AES-256-GCM under the data key and turns the plaintext into the
 * value its {@code type} names, as sops' Go code does. Not thread-safe: one instance per file.
 */
final class ValueCipher {

  private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern GO_FLOAT =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern GO_FLOAT_SPECIAL =
      Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

  private final SecretKeySpec key;
  private final Cipher cipher;

  ValueCipher(byte[] dataKey) {
    if (dataKey.length != 32) {
      throw new StoreException("the data key has " + dataKey.length + " bytes, expected 32");
    }
    this.key = new SecretKeySpec(dataKey, "AES");
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available in this JVM", e);
    }
  }

  /**
   * The plaintext bytes of {@code value}, authenticated with {@code additionalData}.
   *
   * @throws StoreException when the value does not authenticate
   */
  byte[] decrypt(EncryptedValue value, String additionalData) {
    try {
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(EncryptedValue.TAG_BYTES * 8, value.iv()));
      cipher.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
      byte[] input = new byte[value.data().length + value.tag().length];
      System.arraycopy(value.data(), 0, input, 0, value.data().length);
      System.arraycopy(value.tag(), 0, input, value.data().length, value.tag().length);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new StoreException(
          "authentication failed: the value was altered, moved to another key, or encrypted"
              + " under another data key");
    } catch (GeneralSecurityException e) {
      throw new StoreException("AES-GCM decryption failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Decrypts and converts by type: str gives a String (or byte[] when not UTF-8), int a Long, float
   * a Double, bool a Boolean, bytes a byte[], time an OffsetDateTime, comment a {@link
   * Node.Comment}.
   */
  Object decryptValue(EncryptedValue value, String additionalData) {
    byte[] plain = decrypt(value, additionalData);
    return convert(value.type(), plain);
  }

  static Object convert(String type, byte[] plain) {
    switch (type) {
      case "str":
        return utf8OrBytes(plain);
      case "bytes":
        return plain;
      case "comment":
        return new Node.Comment(new String(plain, StandardCharsets.UTF_8));
      case "int":
        return parseInt(new String(plain, StandardCharsets.UTF_8));
      case "float":
        return parseFloat(new String(plain, StandardCharsets.UTF_8));
      case "bool":
        return parseBool(new String(plain, StandardCharsets.UTF_8));
      case "time":
        try {
          return OffsetDateTime.parse(new String(plain, StandardCharsets.UTF_8));
        } catch (DateTimeParseException e) {
          throw new StoreException("a value of type time is not an RFC 3339 timestamp");
        }
      default:
        throw new StoreException(
            "unknown value type (sops writes str, int, float, bool, bytes, time or comment)");
    }
  }

  private static Object utf8OrBytes(byte[] plain) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plain))
          .toString();
    } catch (CharacterCodingException e) {
      return plain; // Go strings hold any bytes; keep them exactly
    }
  }

  private static Long parseInt(String text) {
    if (GO_INT.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new StoreException("a value of type int is not a 64-bit decimal integer");
  }

  private static Double parseFloat(String text) {
    if (GO_FLOAT_SPECIAL.matcher(text).matches()) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.endsWith("nan")) {
        return Double.NaN;
      }
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (GO_FLOAT.matcher(text).matches()) {
      return Double.parseDouble(text);
    }
    throw new StoreException("a value of type float is not a decimal number");
  }

  private static Boolean parseBool(String text) {
    switch (text) {
      case "1", "t", "T", "TRUE", "true", "True":
        return Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False":
        return Boolean.FALSE;
      default:
        throw new StoreException("a value of type bool is not a Go boolean");
    }
  }
}
