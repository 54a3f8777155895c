package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The body of a push webhook is one JSON document: nothing but whitespace may follow it. */
class PushEventTest {

  static final String A = "a".repeat(40);
  static final String PUSH =
      "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"after\":\"" + A + "\"}";

  static HeaderMap gitlab() {
    return new HeaderMap().put(Headers.CONTENT_TYPE, "application/json");
  }

  static HeaderMap githubForm() {
    return new HeaderMap()
        .put(Headers.CONTENT_TYPE, "application/x-www-form-urlencoded")
        .put(new HttpString("X-GitHub-Event"), "push");
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] form(String payload) {
    return bytes("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
  }

  @Test
  void aPushFollowedByWhitespace_isRead() throws BadRequest {
    PushEvent event = PushEvent.read(gitlab(), bytes(PUSH + "\r\n  \n"));

    assertThat(event.isPush()).isTrue();
    assertThat(event.isBranch("main")).isTrue();
    assertThat(event.after()).isEqualTo(A);
  }

  @Test
  void bytesAfterTheJsonDocument_are400_sayingWhere_withoutQuotingThem() {
    for (String trailing :
        new String[] {"SENTINELgarbage", "{\"after\":\"" + "b".repeat(40) + "\"}", "]", "1"}) {
      assertThatThrownBy(() -> PushEvent.read(gitlab(), bytes(PUSH + trailing)))
          .as("trailing %s", trailing)
          .isInstanceOfSatisfying(
              BadRequest.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage())
                    .contains("goes on after its JSON document")
                    .contains("line 1, column " + (PUSH.length() + 1))
                    .doesNotContain("SENTINEL")
                    .doesNotContain("b".repeat(40));
              });
    }
  }

  @Test
  void bytesAfterTheJsonDocumentOfAFormsPayload_are400() {
    assertThatThrownBy(() -> PushEvent.read(githubForm(), form(PUSH + "garbage")))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("goes on after its JSON document");
            });
  }

  @Test
  void aBodyThatIsNotJson_isStill400NotJson() {
    assertThatThrownBy(() -> PushEvent.read(gitlab(), bytes("garbage" + PUSH)))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.getMessage()).contains("the body is not JSON"));
  }
}
