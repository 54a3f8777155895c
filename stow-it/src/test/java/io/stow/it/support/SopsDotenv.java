package io.stow.it.support;

import com.exceptionfactory.jagged.framework.armor.ArmoredEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a SOPS-encrypted dotenv file for one age recipient the way {@code sops --encrypt} does
 * (AES-256-GCM values with {@code KEY:} as additional data, a 32-byte IV, the SHA-512 MAC over the
 * values encrypted with the last-modified time as additional data, the data key as an armored age
 * message), so the integration tests can deploy a secret that only the real decryptor can read.
 */
public final class SopsDotenv {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LAST_MODIFIED = "2026-01-02T03:04:05Z";

  /** An age X25519 identity ({@code AGE-SECRET-KEY-1...}) and its recipient ({@code age1...}). */
  public record AgeKey(String identity, String recipient) {
    public static AgeKey generate() {
      try {
        KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
        return new AgeKey(pair.getPrivate().toString(), pair.getPublic().toString());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private SopsDotenv() {}

  /** The encrypted dotenv text of {@code values}, in order. */
  public static String encrypt(Map<String, String> values, String recipient) {
    try {
      byte[] dataKey = new byte[32];
      RANDOM.nextBytes(dataKey);
      MessageDigest mac = MessageDigest.getInstance("SHA-512");
      StringBuilder out = new StringBuilder();
      for (Map.Entry<String, String> e : values.entrySet()) {
        byte[] plain = e.getValue().getBytes(StandardCharsets.UTF_8);
        mac.update(plain);
        out.append(e.getKey())
            .append('=')
            .append(seal(dataKey, plain, e.getKey() + ":"))
            .append('\n');
      }
      String macHex = HexFormat.of().withUpperCase().formatHex(mac.digest());
      String enc = ageEncrypt(recipient, dataKey).replace("\n", "\\n");
      out.append("sops_age__list_0__map_enc=").append(enc).append('\n');
      out.append("sops_age__list_0__map_recipient=").append(recipient).append('\n');
      out.append("sops_lastmodified=").append(LAST_MODIFIED).append('\n');
      out.append("sops_mac=")
          .append(seal(dataKey, macHex.getBytes(StandardCharsets.US_ASCII), LAST_MODIFIED))
          .append('\n');
      out.append("sops_unencrypted_suffix=_unencrypted\n");
      out.append("sops_version=3.10.2\n");
      return out.toString();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String seal(byte[] key, byte[] plain, String aad) throws GeneralSecurityException {
    byte[] iv = new byte[32];
    RANDOM.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = cipher.doFinal(plain);
    Base64.Encoder b64 = Base64.getEncoder();
    return "ENC[AES256_GCM,data:"
        + b64.encodeToString(Arrays.copyOf(sealed, sealed.length - 16))
        + ",iv:"
        + b64.encodeToString(iv)
        + ",tag:"
        + b64.encodeToString(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length))
        + ",type:str]";
  }

  private static String ageEncrypt(String recipient, byte[] secret)
      throws GeneralSecurityException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel channel =
        new ArmoredEncryptingChannelFactory()
            .newEncryptingChannel(
                Channels.newChannel(out),
                List.of(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient)))) {
      channel.write(ByteBuffer.wrap(secret));
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
