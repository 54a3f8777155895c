package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.config.Secret;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which credentials a trigger request may carry, and that every one it carries must hold. */
class TriggerAuthTest {

  static final String TOKEN = "trigger-SENTINEL-5f0c1d2e3b";
  static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNED = WebhookSignature.hex(Secret.of(TOKEN), BODY);

  final TriggerAuth auth = new TriggerAuth(Optional.of(Secret.of(TOKEN)));

  static HeaderMap headers(String... namesAndValues) {
    HeaderMap headers = new HeaderMap();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      headers.add(new HttpString(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return headers;
  }

  static void assert401(ThrowingCheck check, String reason) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining(reason)
        .hasMessageNotContaining(TOKEN);
  }

  interface ThrowingCheck {
    void run() throws Exception;
  }

  @Test
  void withoutATriggerToken_nothingIsChecked() throws Exception {
    TriggerAuth open = new TriggerAuth(Optional.empty());

    List<WebhookSignature> left =
        open.checkTokens(headers("X-Hub-Signature-256", "sha256=" + "0".repeat(64)));

    assertThat(left).isEmpty();
    open.checkSignatures(left, BODY);
  }

  @Test
  void aBearerTokenOrGitLabsToken_isEnough_beforeTheBodyIsRead() throws Exception {
    assertThat(auth.checkTokens(headers("Authorization", "Bearer " + TOKEN))).isEmpty();
    assertThat(auth.checkTokens(headers("authorization", "bearer " + TOKEN))).isEmpty();
    assertThat(auth.checkTokens(headers("X-Gitlab-Token", TOKEN))).isEmpty();
  }

  @Test
  void noCredential_is401_sayingEveryWayToGiveOne() {
    assert401(() -> auth.checkTokens(headers()), "Authorization: Bearer <triggerToken>");
    assert401(() -> auth.checkTokens(headers("Authorization", "Basic Zm9vOmJhcg==")), "GitHub");
  }

  @Test
  void aWrongToken_is401_evenBesideAGoodOne() {
    assert401(() -> auth.checkTokens(headers("Authorization", "Bearer nope")), "does not match");
    assert401(
        () ->
            auth.checkTokens(headers("Authorization", "Bearer " + TOKEN, "X-Gitlab-Token", "nope")),
        "does not match");
  }

  @Test
  void gitHubsSignature_isCheckedOverTheBody() throws Exception {
    List<WebhookSignature> left =
        auth.checkTokens(
            headers("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + SIGNED));

    assertThat(left).extracting(WebhookSignature::header).containsExactly("X-Hub-Signature-256");
    auth.checkSignatures(left, BODY);
    byte[] tampered = "{\"ref\":\"refs/heads/prod\"}".getBytes(StandardCharsets.UTF_8);
    assert401(() -> auth.checkSignatures(left, tampered), "X-Hub-Signature-256 signature");
  }

  @Test
  void everySignatureGiteaOrForgejoSends_mustHold() throws Exception {
    // Forgejo sends its own header, Gitea's and GitHub's, all over the same body
    HeaderMap forgejo =
        headers(
            "X-Forgejo-Signature", SIGNED,
            "X-Gitea-Signature", SIGNED,
            "X-Hub-Signature-256", "sha256=" + SIGNED);
    List<WebhookSignature> all = auth.checkTokens(forgejo);
    assertThat(all).hasSize(3);
    auth.checkSignatures(all, BODY);

    HeaderMap oneBad = headers("X-Forgejo-Signature", "0".repeat(64), "X-Gitea-Signature", SIGNED);
    List<WebhookSignature> mixed = auth.checkTokens(oneBad);
    assert401(() -> auth.checkSignatures(mixed, BODY), "X-Forgejo-Signature signature");
  }

  @Test
  void giteasEmptySignatureHeaders_areNoCredential_soItsAuthorizationHeaderIsUsed()
      throws Exception {
    // a Gitea webhook without a secret, with its "Authorization header" set to Bearer <token>
    HeaderMap gitea =
        headers(
            "X-Gitea-Event", "push",
            "X-Gitea-Signature", "",
            "X-Hub-Signature-256", "sha256=",
            "Authorization", "Bearer " + TOKEN);
    assertThat(auth.checkTokens(gitea)).isEmpty();

    HeaderMap withoutAuthorization =
        headers("X-Gitea-Event", "push", "X-Gitea-Signature", "", "X-Hub-Signature-256", "sha256=");
    assert401(() -> auth.checkTokens(withoutAuthorization), "needs its trigger token");
  }
}
