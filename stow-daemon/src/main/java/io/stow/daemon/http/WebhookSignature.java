package io.stow.daemon.http;

import io.stow.model.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook's signature of its body: the HMAC-SHA256 of the raw body keyed with the webhook's
 * secret (the daemon's {@code triggerToken}), in hex, as GitHub ({@code X-Hub-Signature-256:
 * sha256=<hex>}), Gitea ({@code X-Gitea-Signature: <hex>}) and Forgejo ({@code X-Forgejo-Signature:
 * <hex>}) send it.
 *
 * @param header the header that carried it, for messages
 * @param value the header's value as sent (never quoted back: it is derived from the secret)
 * @param prefix what the value starts with before the hex ({@code sha256=} for GitHub, else empty)
 */
record WebhookSignature(String header, String value, String prefix) {

  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  WebhookSignature {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * Whether {@code body} signed with {@code key} gives this signature. The comparison takes the
   * same time wherever the two differ.
   *
   * @throws BadRequest (401) when the value is not {@code <prefix><64 hex>}
   */
  boolean verify(Secret key, byte[] body) throws BadRequest {
    if (!value.regionMatches(true, 0, prefix, 0, prefix.length())
        || !HEX.matcher(value.substring(prefix.length())).matches()) {
      throw BadRequest.unauthorized(
          header
              + " is not "
              + prefix
              + "<64 hex characters>; is the webhook signed with SHA-256?");
    }
    byte[] given = HexFormat.of().parseHex(value.substring(prefix.length()));
    return MessageDigest.isEqual(hmac(key, body), given);
  }

  /** The HMAC-SHA256 of {@code body} keyed with {@code key}. */
  static byte[] hmac(Secret key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
    }
  }

  /** {@link #hmac} in lower-case hex, as senders put it in their headers. */
  static String hex(Secret key, byte[] body) {
    return HexFormat.of().formatHex(hmac(key, body));
  }
}
