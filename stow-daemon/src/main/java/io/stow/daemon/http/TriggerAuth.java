package io.stow.daemon.http;

import io.stow.model.config.Secret;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may ask for a reconcile. Without a {@code triggerToken}, anyone (the daemon warns at start).
 * With one, a request must carry at least one credential, and every credential it carries must
 * hold:
 *
 * <ul>
 *   <li>{@code Authorization: Bearer <token>}: CI, {@code stow trigger}, and Gitea's or Forgejo's
 *       webhook "Authorization header" set to {@code Bearer <token>};
 *   <li>{@code X-Gitlab-Token: <token>}: a GitLab webhook's secret token;
 *   <li>a signature of the body keyed with the token: GitHub's {@code X-Hub-Signature-256}, Gitea's
 *       {@code X-Gitea-Signature}, Forgejo's {@code X-Forgejo-Signature}.
 * </ul>
 *
 * <p>Tokens are compared before the body is read, signatures afterwards over the exact bytes
 * received; every comparison takes constant time. An empty signature header is no credential: Gitea
 * sends its signature headers empty when the webhook has no secret.
 */
final class TriggerAuth {

  static final HttpString GITLAB_TOKEN = new HttpString("X-Gitlab-Token");
  private static final String BEARER = "Bearer ";

  /** A header that may carry a body signature, and what its value starts with. */
  private record SignatureHeader(HttpString name, String prefix) {}

  private static final List<SignatureHeader> SIGNATURES =
      List.of(
          new SignatureHeader(new HttpString("X-Hub-Signature-256"), "sha256="),
          new SignatureHeader(new HttpString("X-Gitea-Signature"), ""),
          new SignatureHeader(new HttpString("X-Forgejo-Signature"), ""));

  private final Optional<Secret> token;

  TriggerAuth(Optional<Secret> token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  /**
   * Checks the tokens a request carries, before its body is read.
   *
   * @return the body signatures still to {@link #checkSignatures check}; empty when there are none
   *     or no token is configured
   * @throws BadRequest (401) when the request carries no credential, or a token that does not match
   */
  List<WebhookSignature> checkTokens(HeaderMap headers) throws BadRequest {
    if (token.isEmpty()) {
      return List.of();
    }
    List<WebhookSignature> signatures = signatures(headers);
    List<String> tokens = tokens(headers);
    if (tokens.isEmpty() && signatures.isEmpty()) {
      throw BadRequest.unauthorized(
          "this daemon needs its trigger token: send Authorization: Bearer <triggerToken>, set it"
              + " as the secret token of a GitLab webhook (X-Gitlab-Token), or as the secret of a"
              + " GitHub, Gitea or Forgejo webhook (it signs the body)");
    }
    for (String given : tokens) {
      if (!token.get().matches(given)) {
        throw BadRequest.unauthorized(
            "the trigger token does not match the daemon's triggerToken; check the CI variable or"
                + " the webhook's secret token");
      }
    }
    return signatures;
  }

  /**
   * Checks each signature against the body.
   *
   * @throws BadRequest (401) when one does not match
   */
  void checkSignatures(List<WebhookSignature> signatures, byte[] body) throws BadRequest {
    for (WebhookSignature signature : signatures) {
      if (!signature.verify(token.orElseThrow(), body)) {
        throw BadRequest.unauthorized(
            "the "
                + signature.header()
                + " signature does not match the body signed with the daemon's triggerToken; set"
                + " the webhook's secret to the triggerToken");
      }
    }
  }

  private static List<String> tokens(HeaderMap headers) {
    List<String> tokens = new ArrayList<>();
    String authorization = headers.getFirst(Headers.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      tokens.add(authorization.substring(BEARER.length()).strip());
    }
    String gitlab = headers.getFirst(GITLAB_TOKEN);
    if (gitlab != null) {
      tokens.add(gitlab);
    }
    return tokens;
  }

  private static List<WebhookSignature> signatures(HeaderMap headers) {
    List<WebhookSignature> signatures = new ArrayList<>();
    for (SignatureHeader header : SIGNATURES) {
      String value = headers.getFirst(header.name());
      if (value != null && value.strip().length() > header.prefix().length()) {
        signatures.add(
            new WebhookSignature(header.name().toString(), value.strip(), header.prefix()));
      }
    }
    return signatures;
  }
}
