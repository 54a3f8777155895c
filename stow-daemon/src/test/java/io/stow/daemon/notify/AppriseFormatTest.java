package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.model.config.NotifyEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Apprise API's /notify: title, body, type (info, success, warning, failure), format. */
class AppriseFormatTest {

  @Test
  void aRollback_isAWarningInPlainText() {
    Payload payload =
        Bodies.render(
            new AppriseFormat(),
            SampleNotifications.rolledBack(),
            "http://apprise.internal:8000/notify/stow",
            Optional.empty());
    JsonNode json = Bodies.json(payload);

    assertThat(payload.url()).isEqualTo("http://apprise.internal:8000/notify/stow");
    assertThat(payload.headers()).isEmpty();
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("title", "body", "type", "format");
    assertThat(json.path("title").asText()).isEqualTo("shop rolled back on host-1");
    assertThat(json.path("body").asText()).contains("Reason: verification failed");
    assertThat(json.path("type").asText()).isEqualTo("warning");
    assertThat(json.path("format").asText()).isEqualTo("text");
  }

  @Test
  void everyEvent_hasAnAppriseType() {
    for (NotifyEvent event : NotifyEvent.values()) {
      assertThat(AppriseFormat.type(SampleNotifications.of(event)))
          .isIn("info", "success", "warning", "failure");
    }
    assertThat(AppriseFormat.type(SampleNotifications.of(NotifyEvent.DEPLOYED)))
        .isEqualTo("success");
    assertThat(AppriseFormat.type(SampleNotifications.of(NotifyEvent.ROLLBACK_FAILED)))
        .isEqualTo("failure");
  }
}
