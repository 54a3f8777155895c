package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.config.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HMAC-SHA256 body signatures against published vectors. */
class WebhookSignatureTest {

  /** GitHub's documented example: "Validating webhook deliveries". */
  static final Secret GITHUB_SECRET = Secret.of("It's a Secret to Everybody");

  static final byte[] GITHUB_BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  static final String GITHUB_HEX =
      "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void hmac_matchesGitHubsDocumentedExample_andRfc4231TestCase2() {
    assertThat(WebhookSignature.hex(GITHUB_SECRET, GITHUB_BODY)).isEqualTo(GITHUB_HEX);
    // RFC 4231, 4.3: key "Jefe", data "what do ya want for nothing?"
    assertThat(
            WebhookSignature.hex(
                Secret.of("Jefe"),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void verify_acceptsGitHubsPrefixedForm_andGiteasBareHex_inEitherCase() throws Exception {
    assertThat(
            new WebhookSignature("X-Hub-Signature-256", "sha256=" + GITHUB_HEX, "sha256=")
                .verify(GITHUB_SECRET, GITHUB_BODY))
        .isTrue();
    assertThat(
            new WebhookSignature("X-Gitea-Signature", GITHUB_HEX.toUpperCase(), "")
                .verify(GITHUB_SECRET, GITHUB_BODY))
        .isTrue();
  }

  @Test
  void verify_refusesAnotherBodyOrKey_andOneChangedDigit() throws Exception {
    WebhookSignature signature = new WebhookSignature("X-Gitea-Signature", GITHUB_HEX, "");
    String flipped = GITHUB_HEX.substring(0, 63) + (GITHUB_HEX.endsWith("7") ? "6" : "7");

    assertThat(signature.verify(GITHUB_SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(signature.verify(Secret.of("It's a Secret to Everybody."), GITHUB_BODY)).isFalse();
    assertThat(
            new WebhookSignature("X-Gitea-Signature", flipped, "")
                .verify(GITHUB_SECRET, GITHUB_BODY))
        .isFalse();
  }

  @Test
  void aMalformedValue_is401_andNamesTheHeader_notTheValue() {
    for (String bad : new String[] {GITHUB_HEX, "sha1=" + GITHUB_HEX, "sha256=xyz", "sha256="}) {
      WebhookSignature signature = new WebhookSignature("X-Hub-Signature-256", bad, "sha256=");
      assertThatThrownBy(() -> signature.verify(GITHUB_SECRET, GITHUB_BODY))
          .as(bad)
          .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.status()).isEqualTo(401))
          .hasMessageContaining("X-Hub-Signature-256 is not sha256=<64 hex characters>")
          .hasMessageNotContaining(GITHUB_HEX);
    }
  }
}
