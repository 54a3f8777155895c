package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.model.config.NotifyEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gotify's POST /message: title, message, priority, extras; the app token in X-Gotify-Key. */
class GotifyFormatTest {

  @Test
  void aRollback_isAMessageWithPriorityAndAClickUrl_andTheTokenInItsHeader() {
    Payload payload =
        Bodies.render(
            new GotifyFormat(),
            SampleNotifications.rolledBack(),
            "https://gotify.example.com/message",
            Optional.of("AppToken-SENTINEL"));
    JsonNode json = Bodies.json(payload);

    assertThat(payload.url()).isEqualTo("https://gotify.example.com/message");
    assertThat(payload.headers())
        .containsExactly(java.util.Map.entry("X-Gotify-Key", "AppToken-SENTINEL"));
    assertThat(json.path("title").asText()).isEqualTo("shop rolled back on host-1");
    assertThat(json.path("message").asText())
        .contains("Reason: verification failed")
        .contains("Status: https://host-1.example.com:17403/status?head_hash=");
    assertThat(json.path("priority").isInt()).isTrue();
    assertThat(json.path("priority").asInt()).isEqualTo(6);
    assertThat(json.path("extras").path("client::display").path("contentType").asText())
        .isEqualTo("text/plain");
    assertThat(json.path("extras").path("client::notification").path("click").path("url").asText())
        .contains("/status?head_hash=");
  }

  @Test
  void priorities_riseWithTheTrouble() {
    assertThat(GotifyFormat.priority(SampleNotifications.of(NotifyEvent.DEPLOYED))).isEqualTo(4);
    assertThat(GotifyFormat.priority(SampleNotifications.of(NotifyEvent.FAILED))).isEqualTo(8);
    assertThat(GotifyFormat.priority(SampleNotifications.of(NotifyEvent.ROLLBACK_FAILED)))
        .isEqualTo(10);
  }
}
